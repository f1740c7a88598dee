import { calendarDateSchema, idSchema } from '@carddesk/contracts';
import { z } from 'zod';
import { CASE_KINDS, CASE_STATES, CHANNELS, FEEDBACK } from './case.ts';

/** Request and response shapes of the case API, defined once and shared by routes, services and tests. */
export const caseSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  state: z.enum(CASE_STATES),
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
  feedback: z.enum(FEEDBACK).nullable(),
  feedbackAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  remediation: z.string().nullable(),
  closedAt: z.string().nullable(),
  breachedAt: z.string().nullable(),
  reopenCount: z.number(),
  reviewRequestedAt: z.string().nullable(),
  /** Last day the customer may ask for a review or reopen (30 days after the decision). */
  reviewOpenUntil: z.string().nullable(),
});
export type CaseDto = z.infer<typeof caseSchema>;

export const caseEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorRole: z.string().nullable(),
  kind: z.string(),
  body: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const caseMessageSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: z.string(),
  channel: z.string(),
  body: z.string(),
  sentAt: z.string(),
});
export type CaseMessageDto = z.infer<typeof caseMessageSchema>;

export const caseDetailSchema = caseSchema.extend({
  events: z.array(caseEventSchema),
  messages: z.array(caseMessageSchema),
  appraisals: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      startedOn: z.string(),
      endedOn: z.string().nullable(),
      customerNotified: z.boolean(),
    }),
  ),
});

const text = (max: number) => z.string().trim().min(1).max(max);

/** The hand-over packet a referral carries, so the department never asks the customer again (guide §3.4). */
export const handoverSchema = z.object({
  whoIsCustomer: text(500).optional(),
  verification: text(200).optional(),
  whatWasSaid: text(4000).optional(),
  whatWasDone: text(2000).optional(),
});

export const complaintIntakeSchema = z.object({
  customerId: idSchema,
  contactId: idSchema.optional(),
  cardId: idSchema.optional(),
  channel: z.enum(CHANNELS),
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

export const referSchema = z.object({
  department: z.string().min(2).max(40),
  /** The time promised to the customer (guide §3.2 "承诺时限"); never after the regulatory due date. */
  promisedDate: calendarDateSchema,
  handover: handoverSchema,
  note: text(2000).optional(),
});

export const listQuerySchema = z.object({
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
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
