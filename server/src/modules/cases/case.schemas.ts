import { calendarDateSchema, idSchema } from '@carddesk/contracts';
import { z } from 'zod';
import { CASE_KINDS, CASE_STATES, CHANNELS } from './case.ts';

/**
 * Request shapes of the case API, defined once and shared by routes, services and tests. The response
 * shapes (case, detail, events, messages) are the API's contract in `@carddesk/contracts`.
 */
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

/**
 * "Repayment not credited" (还款未入账): the customer paid and the money is not on the card. The desk
 * does not post repayments (they come from the payment system); it opens this case with the customer's
 * transfer reference so the payment can be traced.
 */
export const repaymentTraceIntakeSchema = z.object({
  customerId: idSchema,
  contactId: idSchema.optional(),
  cardId: idSchema.optional(),
  channel: z.enum(CHANNELS),
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
  /** A bucket of the analysis' root causes (a cause code, `unclassified` closed without one, `open`). */
  rootCause: z.string().max(40).optional(),
  /** A bucket of the analysis' products (a product code, or `unspecified`). */
  product: z.string().max(40).optional(),
  /** Cases whose 30-day extension is asked for (`requested`) or granted (`approved`). */
  extension: z.enum(['requested', 'approved']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ListQuery = z.infer<typeof listQuerySchema>;
