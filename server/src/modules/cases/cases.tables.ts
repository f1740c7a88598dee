/**
 * Tables of the cases module (complaints and fraud cases). Storage conventions as in
 * platform/db/schema.ts: text ids, ISO instants, YYYY-MM-DD dates, integer booleans, JSON as text.
 */
export interface CasesTable {
  id: string;
  /** What the customer quotes: TS20261129-0001 / FR20261129-0001. */
  number: string;
  kind: string;
  state: string;
  customer_id: string;
  /** The contact the case came from. */
  contact_id: string | null;
  card_id: string | null;
  channel: string;
  product_code: string | null;
  /** Intent code from the public vocabulary (complaint_fee, fraud_report, …). */
  category: string;
  /** Core content and the customer's demand, with card, ID and phone numbers masked before storage. */
  summary: string;
  demand: string;
  /** How to reach the customer about this case (encrypted; the masked form is kept for lists). */
  callback_phone_enc: string | null;
  callback_phone_masked: string | null;
  /** A staff member the complaint is about: they may never handle it (回避). */
  subject_user_id: string | null;
  /** 首问负责人: the agent who took the complaint; responsible until a department accepts it. */
  first_agent_id: string | null;
  owner_id: string | null;
  department_id: string | null;
  priority: string;
  received_at: string;
  received_date: string;
  /** Which clock runs: decision (15/30/60 days from receipt), reopened, review (30 days from the request). */
  clock_kind: string;
  clock_started_on: string;
  complex: number;
  extended: number;
  extension_status: string | null;
  extension_requested_by: string | null;
  extension_reason: string | null;
  /** Who approved the extension, and their position (总行投诉管理岗) at the time. */
  extension_approved_by: string | null;
  extension_approver_position: string | null;
  extension_approved_at: string | null;
  due_date: string;
  due_paused: number;
  promised_date: string | null;
  resolution: string | null;
  resolved_on_spot: number;
  decided_by: string | null;
  decided_at: string | null;
  decision_date: string | null;
  result_notified_at: string | null;
  /** The day the customer received the result: the review window (30 days) counts from it. */
  result_received_on: string | null;
  feedback: string | null;
  feedback_at: string | null;
  root_cause_code: string | null;
  remediation: string | null;
  closed_at: string | null;
  breached_at: string | null;
  reopen_count: number;
  review_requested_at: string | null;
  /** A "repayment not credited" case: the reference of the customer's transfer, as they quote it. */
  transfer_reference: string | null;
  created_at: string;
  updated_at: string;
}

/** The case history: every step, note and message, in order. */
export interface CaseEventsTable {
  id: string;
  case_id: string;
  /** Order within the case (1, 2, …): several steps can share one instant. */
  seq: number;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  kind: string;
  body: string | null;
  details: string;
}

/** Messages sent to the customer about a case, kept so they can be shown again (result, notices, checklist). */
export interface CaseMessagesTable {
  id: string;
  case_id: string;
  customer_id: string;
  kind: string;
  channel: string;
  body: string;
  sent_at: string;
  sent_by: string | null;
}

export interface CaseAppraisalsTable {
  id: string;
  case_id: string;
  description: string;
  started_on: string;
  ended_on: string | null;
  customer_notified_at: string | null;
  created_by: string | null;
  created_at: string;
}

/** Declared conflicts of interest: this staff member may not handle this customer's cases. */
export interface CaseConflictsTable {
  id: string;
  user_id: string;
  customer_id: string;
  reason: string;
  declared_by: string | null;
  declared_at: string;
}

/** The managed root-cause taxonomy every closed complaint carries. */
export interface CaseRootCausesTable {
  code: string;
  name_zh: string;
  name_en: string;
  description: string;
  active: number;
  sort: number;
  created_at: string;
}

/** The bank's holiday calendar: `working` 0 for a public holiday, 1 for a weekend made a working day (调休). */
export interface CaseHolidaysTable {
  date: string;
  working: number;
  name: string;
}

export interface CasesTables {
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_messages: CaseMessagesTable;
  case_appraisals: CaseAppraisalsTable;
  case_conflicts: CaseConflictsTable;
  case_root_causes: CaseRootCausesTable;
  case_holidays: CaseHolidaysTable;
}

declare module '../../platform/db/database.ts' {
  /** The cases module's tables join the one `Database` every query is typed by. */
  interface Database extends CasesTables {}
}
