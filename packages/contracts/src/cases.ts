import { z } from 'zod';
import { calendarDateSchema, idSchema } from './common.ts';

/**
 * The cases module's API responses (server/src/modules/cases): complaints with regulatory clocks and fraud
 * cases, their events and customer messages, the root-cause taxonomy and the periodic complaint analysis.
 * The server serialises through these schemas; the web application reads the types inferred from them.
 */

/**
 * complaint        投诉, with the regulatory clock
 * fraud            盗刷/欺诈, opened from the emergency lane
 * repayment_trace  还款未入账: the customer paid and the payment system has not credited it; the desk traces
 *                  it with the customer's transfer reference (the desk never posts repayments itself)
 */
export const CASE_KINDS = ['complaint', 'fraud', 'repayment_trace'] as const;
export const caseKindSchema = z.enum(CASE_KINDS);
export type CaseKind = z.infer<typeof caseKindSchema>;

/**
 * received      受理: recorded; the first agent (首问负责人) is responsible
 * referred      已转办: sent to a department with the hand-over packet, not yet accepted there
 * in_progress   处理中: accepted by a department or handler, or reopened
 * resolved      已办结: a decision (result) is recorded, the customer has not yet been told
 * notified      已告知: the customer was told the result and asked for feedback
 * under_review  核查中: the customer asked for a review of the decision
 * closed        已结案: result told, feedback recorded, root cause and remediation recorded
 */
export const CASE_STATES = [
  'received',
  'referred',
  'in_progress',
  'resolved',
  'notified',
  'under_review',
  'closed',
] as const;
export const caseStateSchema = z.enum(CASE_STATES);
export type CaseState = z.infer<typeof caseStateSchema>;

/** `no_answer`: the customer was asked and gave none (several attempts are recorded as notes). */
export const CASE_FEEDBACK = ['satisfied', 'unsatisfied', 'no_answer'] as const;
export const caseFeedbackSchema = z.enum(CASE_FEEDBACK);
export type CaseFeedback = z.infer<typeof caseFeedbackSchema>;

/** What a case's history records (`events[].kind`): the one list the server writes and the desk names. */
export const CASE_EVENT_KINDS = [
  'received',
  'accepted',
  'assigned',
  'referred',
  'declined',
  'note',
  'message_sent',
  'marked_complex',
  'extension_requested',
  'extension_approved',
  'appraisal_started',
  'appraisal_ended',
  'deadline_reminder',
  'deadline_breached',
  'resolved',
  'resolved_on_spot',
  'result_notified',
  'feedback',
  'closed',
  'reopened',
  'review_requested',
  'transactions_disputed',
  'liability_decided',
  'replacement_ordered',
  'deadline_recalculated',
  'follow_up_check',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** How a case came in (the analysis names them). */
export const CASE_CHANNELS = ['phone', 'chat', 'app', 'branch', 'letter', 'email', 'regulator'] as const;
export type CaseChannel = (typeof CASE_CHANNELS)[number];

// ---- Requests (the routes' bodies and queries: `routes/cases.ts`) ----

const text = (max: number) => z.string().trim().min(1).max(max);

/** The hand-over packet a referral carries, so the department never asks the customer again (guide §3.4). */
export const caseHandoverSchema = z.object({
  whoIsCustomer: text(500).optional(),
  verification: text(200).optional(),
  whatWasSaid: text(4000).optional(),
  whatWasDone: text(2000).optional(),
});

export const complaintIntakeSchema = z.object({
  customerId: idSchema,
  contactId: idSchema.optional(),
  cardId: idSchema.optional(),
  channel: z.enum(CASE_CHANNELS),
  productCode: z.string().trim().min(1).max(40).optional(),
  /** A complaint intent of the public vocabulary (complaint_service, complaint_fee, …) or another intent complained about. */
  category: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/),
  summary: text(4000),
  demand: text(2000),
  callbackPhone: z.string().trim().max(20).optional(),
  subjectUserId: idSchema.optional(),
  /** Resolved on the spot: the result given to the customer during the same contact. */
  resolvedOnSpot: z.object({ result: text(4000) }).optional(),
});
export type ComplaintIntake = z.infer<typeof complaintIntakeSchema>;

/**
 * "Repayment not credited" (还款未入账): the customer paid and the money is not on the card. The desk
 * does not post repayments (they come from the payment system); it opens this case with the customer's
 * transfer reference so the payment can be traced.
 */
export const repaymentTraceIntakeSchema = z.object({
  customerId: idSchema,
  contactId: idSchema.optional(),
  cardId: idSchema.optional(),
  channel: z.enum(CASE_CHANNELS),
  /** The reference of the customer's transfer (流水号), as their bank or app shows it. */
  transferReference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9-]{3,63}$/),
  amountFen: z.number().int().positive().max(100_000_000_00),
  paidOn: calendarDateSchema,
  /** Where the customer paid from (their bank, an app, a branch counter). */
  paidVia: text(100).optional(),
  callbackPhone: z.string().trim().max(20).optional(),
});
export type RepaymentTraceIntake = z.infer<typeof repaymentTraceIntakeSchema>;

export const caseReferSchema = z.object({
  department: z.string().min(2).max(40),
  /** The time promised to the customer (guide §3.2 "承诺时限"); never after the regulatory due date. */
  promisedDate: calendarDateSchema,
  handover: caseHandoverSchema,
  note: text(2000).optional(),
});
export type CaseReferral = z.infer<typeof caseReferSchema>;

export const caseListQuerySchema = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  state: z.enum(CASE_STATES).optional(),
  open: z.enum(['true', 'false']).optional(),
  customerId: idSchema.optional(),
  department: z.string().max(40).optional(),
  ownerId: idSchema.optional(),
  mine: z.enum(['true', 'false']).optional(),
  /** Due on or before this date (with open=true: near or past deadline). */
  dueBefore: calendarDateSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  receivedFrom: calendarDateSchema.optional(),
  receivedTo: calendarDateSchema.optional(),
  /** A bucket of the analysis' root causes (a cause code, `unclassified` closed without one, `open`). */
  rootCause: z.string().max(40).optional(),
  /** A bucket of the analysis' products (a product code, or `unspecified`). */
  product: z.string().max(40).optional(),
  /** Cases whose 30-day extension is asked for (`requested`) or granted (`approved`). */
  extension: z.enum(['requested', 'approved']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** The period of the complaint analysis (and of its Excel export). */
export const complaintAnalysisQuerySchema = z.object({
  from: calendarDateSchema,
  to: calendarDateSchema,
});

/**
 * Bank settings of the cases module, kept in the platform `settings` table under `cases.*`. Every value
 * has a default, so a fresh installation works; figures the regulation does not fix are settings.
 */
export const caseSettingsSchema = z.object({
  /** Whether the complaint deadlines count calendar days (the 2020 rule) or working days. */
  dayBasis: z.enum(['calendar', 'working']),
  /** Reminders go out this many days before a due date, one each. */
  reminderDaysBefore: z.array(z.number().int().min(0).max(30)).max(5),
  /** Days a fraud case has for its decision (no regulatory figure found: a bank setting). */
  fraudDecisionDays: z.number().int().min(1).max(180),
  /** Hours between follow-up checks of an emergency case until it closes. */
  followUpHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 14),
});
export type CaseSettings = z.infer<typeof caseSettingsSchema>;

/** A cause of the root-cause taxonomy as saved (the code is the route's parameter). */
export const rootCauseSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  description: z.string().trim().max(200).default(''),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(10_000).optional(),
});

/** A day of the bank holiday calendar: a holiday, or a weekend day worked (调休). */
export const caseHolidaySchema = z.object({ date: calendarDateSchema, working: z.boolean(), name: text(40) });
export type CaseHoliday = z.infer<typeof caseHolidaySchema>;

// ---- Responses ----

export const caseSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: caseKindSchema,
  state: caseStateSchema,
  stateLabel: z.string(),
  customerId: z.string(),
  contactId: z.string().nullable(),
  cardId: z.string().nullable(),
  channel: z.string(),
  productCode: z.string().nullable(),
  category: z.string(),
  summary: z.string(),
  demand: z.string(),
  /** Masked (138****5678): the full number is only used to call the customer back. */
  callbackPhone: z.string().nullable(),
  subjectUserId: z.string().nullable(),
  firstAgentId: z.string().nullable(),
  ownerId: z.string().nullable(),
  department: z.string().nullable(),
  priority: z.enum(['normal', 'urgent']),
  receivedAt: z.string(),
  receivedDate: z.string(),
  clockKind: z.enum(['decision', 'reopened', 'review']),
  complex: z.boolean(),
  extended: z.boolean(),
  extensionStatus: z.enum(['requested', 'approved']).nullable(),
  /** Who approved the extension and their position (总行投诉管理岗), when it was approved. */
  extensionApproval: z
    .object({ approvedBy: z.string().nullable(), position: z.string(), approvedAt: z.string() })
    .nullable(),
  dueDate: z.string(),
  /** An outside appraisal the customer was told of is running: the due date moves until it ends. */
  duePaused: z.boolean(),
  deadlineAt: z.string(),
  promisedDate: z.string().nullable(),
  resolution: z.string().nullable(),
  resolvedOnSpot: z.boolean(),
  decidedBy: z.string().nullable(),
  decisionDate: z.string().nullable(),
  resultNotifiedAt: z.string().nullable(),
  /** The day the customer received the result (the review window counts from it). */
  resultReceivedOn: z.string().nullable(),
  /** Whether the customer was told the result by the due date (null while not yet told). */
  notifiedOnTime: z.boolean().nullable(),
  feedback: caseFeedbackSchema.nullable(),
  feedbackAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  remediation: z.string().nullable(),
  closedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  reopenCount: z.number(),
  reviewRequestedAt: z.string().nullable(),
  /** Last day the customer may ask for a review or reopen (30 days after they received the decision). */
  reviewOpenUntil: z.string().nullable(),
  /** A "repayment not credited" case: the customer's transfer reference. */
  transferReference: z.string().nullable(),
});
export type CaseDto = z.infer<typeof caseSchema>;

export const caseListSchema = z.object({ items: z.array(caseSchema), total: z.number() });
export type CaseList = z.infer<typeof caseListSchema>;

export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  kind: z.string(),
  body: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const caseMessageSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.string(),
  channel: z.string(),
  body: z.string(),
  sentAt: z.string(),
});
export type CaseMessageDto = z.infer<typeof caseMessageSchema>;

export const caseAppraisalSchema = z.object({
  id: z.string(),
  description: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  customerNotified: z.boolean(),
});
export type CaseAppraisal = z.infer<typeof caseAppraisalSchema>;

export const caseDetailSchema = caseSchema.extend({
  events: z.array(caseEventSchema),
  messages: z.array(caseMessageSchema),
  appraisals: z.array(caseAppraisalSchema),
});
export type CaseDetailDto = z.infer<typeof caseDetailSchema>;

/** One cause of the managed root-cause taxonomy (溯源整改) as listed and saved. */
export const rootCauseViewSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string(),
  active: z.boolean(),
  sort: z.number(),
});
export type RootCauseView = z.infer<typeof rootCauseViewSchema>;

/** One group of the complaint analysis, with SLA compliance measured against the regulatory due date. */
export const analysisBucketSchema = z.object({
  key: z.string(),
  label: z.string(),
  total: z.number(),
  open: z.number(),
  closed: z.number(),
  /** Decisions given (resolved, told, closed or later reopened after one). */
  decided: z.number(),
  decidedOnTime: z.number(),
  /** Past the due date: breached while not yet told, or told late. `decided` counts results told. */
  breached: z.number(),
  /** decidedOnTime ÷ (decided + open cases already past due); null when nothing is measurable yet. */
  slaRate: z.number().nullable(),
  satisfied: z.number(),
  unsatisfied: z.number(),
});
export type AnalysisBucket = z.infer<typeof analysisBucketSchema>;

/** The periodic complaint analysis (guide §3.2 总结反思,持续改进): only counts and ids. */
export const complaintAnalysisSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: analysisBucketSchema.extend({
    resolvedOnSpot: z.number(),
    reopened: z.number(),
    reviewRequested: z.number(),
  }),
  byRootCause: z.array(analysisBucketSchema),
  byProduct: z.array(analysisBucketSchema),
  byDepartment: z.array(analysisBucketSchema),
  byChannel: z.array(analysisBucketSchema),
  byCategory: z.array(analysisBucketSchema),
  byMonth: z.array(analysisBucketSchema),
  repeatComplainants: z.object({
    count: z.number(),
    complaints: z.number(),
    top: z.array(z.object({ customerId: z.string(), complaints: z.number() })),
  }),
});
export type ComplaintAnalysis = z.infer<typeof complaintAnalysisSchema>;

/** The customer 360 view's `cases` section: open (and decided, not yet closed) cases with their deadline. */
export const customerCaseItemSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  category: z.string(),
  receivedDate: z.string(),
  dueDate: z.string(),
  promisedDate: z.string().nullable(),
  overdue: z.boolean(),
});
export type CustomerCaseItem = z.infer<typeof customerCaseItemSchema>;
