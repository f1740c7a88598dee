/**
 * Tables of the contacts module. Storage conventions are the platform's (see platform/db/schema.ts):
 * text ids, ISO UTC instants, integer booleans, JSON as text.
 */
export interface ContactsTable {
  id: string;
  channel: string;
  direction: string;
  /** waiting (in a queue, nobody handles it) | active | closed */
  status: string;
  stage: string;
  customer_id: string | null;
  /** Caller number: encrypted, with a blind index for the screen pop; shown only masked. */
  caller_number_enc: string | null;
  caller_number_bidx: string | null;
  /** `telephony` (delivered by the telephony integration) or `agent` (typed); only the first verifies. */
  caller_number_source: string | null;
  /** The current handler (null while waiting). */
  agent_id: string | null;
  /** Queue or department code the contact waits in (or was last routed to). */
  queue_code: string | null;
  /** When it entered its current queue (waiting time is measured from here). */
  queued_at: string | null;
  /** The department the contact was handed to, once acknowledged its handlers work it. */
  department_id: string | null;
  verification_level: string;
  verification_methods: string;
  verified_at: string | null;
  type: string | null;
  /** The type an action raised the contact to (emergency block, complaint case): `type` never goes below it. */
  raised_type: string | null;
  intents: string;
  intents_source: string | null;
  outcome: string | null;
  satisfaction: number | null;
  satisfaction_comment: string | null;
  customer_resolved: number | null;
  confirmation_skip_reason: string | null;
  hostile: number;
  summary: string | null;
  customer_ended_at: string | null;
  started_at: string;
  accepted_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  updated_at: string;
  /** The chat assistant: null (never had the chat), `bot` (it serves the chat), `handed_over`. */
  bot_state: string | null;
  /** JSON: the assistant's hand-over summary (contracts `BotSummary`). */
  bot_summary: string | null;
  /** Orders a queue after emergencies: 1 for customers flagged vulnerable or aged 65 and over. */
  priority: number;
}

export interface ContactStagesTable {
  id: string;
  contact_id: string;
  stage: string;
  at: string;
  actor_id: string | null;
  reason: string | null;
}

export interface ContactTurnsTable {
  id: string;
  contact_id: string;
  seq: number;
  speaker: string;
  text: string;
  at: string;
  author_id: string | null;
  /** JSON array of what masking took out of the text as written (`TurnMark`), or null. */
  marks?: string | null;
  /** JSON `{kind, id, title?}`: where a bot turn's answer comes from; null otherwise. */
  source: string | null;
}

export interface VerificationAttemptsTable {
  id: string;
  contact_id: string;
  customer_id: string;
  method: string;
  success: number;
  at: string;
  actor_id: string | null;
}

/** One-time codes: only a hash is kept; in demo mode the code is also kept encrypted for the demo outbox. */
export interface OtpCodesTable {
  id: string;
  purpose: string;
  phone_bidx: string;
  phone_masked: string;
  customer_id: string | null;
  contact_id: string | null;
  code_hash: string;
  demo_code_enc: string | null;
  attempts: number;
  expires_at: string;
  consumed_at: string | null;
  created_at: string;
}

export interface ContactTransfersTable {
  id: string;
  contact_id: string;
  from_user_id: string | null;
  target_kind: string;
  target_code: string | null;
  target_department_id: string | null;
  target_user_id: string | null;
  note: string | null;
  packet: string;
  status: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface PromisesTable {
  id: string;
  contact_id: string;
  customer_id: string;
  description: string;
  deadline_at: string;
  owner_user_id: string | null;
  owner_department_id: string | null;
  /** open | fulfilled | cancelled; "missed" is open past its deadline (escalated_at set by the job). */
  status: string;
  reminded_at: string | null;
  escalated_at: string | null;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
  closed_note: string | null;
}

/** Things a supervisor is told: runs of hostile contacts (well-being), missed promises. */
export interface SupervisorAlertsTable {
  id: string;
  kind: string;
  user_id: string | null;
  subject_id: string | null;
  details: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** Work other modules did inside a contact (a case opened from it, an emergency block), as they reported it. */
export interface ContactLinksTable {
  id: string;
  contact_id: string;
  /** case | emergency */
  kind: string;
  /** The case or emergency report id. */
  ref_id: string;
  /** JSON: what the hand-over packet shows (case number, kind, category; action, card last four). */
  details: string;
  at: string;
  actor_id: string | null;
}

/** An agent's desk state (presence.service.ts); no row means ready. */
export interface AgentPresenceTable {
  user_id: string;
  /** ready | not_ready | break | wrap_up */
  state: string;
  reason: string | null;
  since: string;
  /** wrap_up only: when it ends by itself. */
  until: string | null;
  updated_at: string;
}

/** 常用语 of a team (canned.service.ts). */
export interface CannedRepliesTable {
  id: string;
  /** The department id, or `front_line` for agents without one. */
  team: string;
  title: string;
  text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A phone contact's satisfaction survey sent by SMS (survey.service.ts); the token only hashed. */
export interface SatisfactionSurveysTable {
  id: string;
  token_hash: string;
  contact_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
}

export interface ContactsTables {
  contacts: ContactsTable;
  contact_stages: ContactStagesTable;
  contact_turns: ContactTurnsTable;
  verification_attempts: VerificationAttemptsTable;
  otp_codes: OtpCodesTable;
  contact_transfers: ContactTransfersTable;
  promises: PromisesTable;
  supervisor_alerts: SupervisorAlertsTable;
  contact_links: ContactLinksTable;
  agent_presence: AgentPresenceTable;
  canned_replies: CannedRepliesTable;
  satisfaction_surveys: SatisfactionSurveysTable;
}

declare module '../../platform/db/database.ts' {
  /** The contacts module's tables join the one `Database` every query is typed by. */
  interface Database extends ContactsTables {}
}
