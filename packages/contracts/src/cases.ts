import { z } from 'zod';

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
