import { transactionSchema } from '@carddesk/contracts';
import { z } from 'zod';
import { caseSchema } from '../cases/index.ts';

/** Response shapes of the emergency lane, defined once: the service's types are inferred from them. */

export const protectionWindowSchema = z.object({
  covered: z.boolean(),
  hours: z.number(),
  /** The most the cover pays, in fen, when the bank sets a ceiling for the product. */
  maxCoverFen: z.number().nullable(),
  /** Instants (UTC ISO) the cover runs between: `hours` before the report until the report. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});

export const emergencyReportSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  cardId: z.string(),
  cardLast4: z.string(),
  contactId: z.string().nullable(),
  kind: z.enum(['lost', 'stolen', 'fraud']),
  action: z.enum(['reported_lost', 'frozen']),
  reportedAt: z.string(),
  protection: protectionWindowSchema,
  replacementCardId: z.string().nullable(),
  caseId: z.string().nullable(),
  /** What the customer is told (also posted into the contact's transcript). */
  confirmation: z.string(),
});

export const reviewTransactionSchema = transactionSchema.extend({
  inProtectionWindow: z.boolean(),
  alreadyDisputed: z.boolean(),
});

export const recentTransactionsSchema = z.object({
  protection: protectionWindowSchema,
  transactions: z.array(reviewTransactionSchema),
});

export const markedResultSchema = z.object({
  case: caseSchema,
  transactions: z.array(
    z.object({
      transactionId: z.string(),
      amountFen: z.number().int(),
      txnDate: z.string(),
      merchant: z.string().nullable(),
      inProtectionWindow: z.boolean(),
      chargebackNetwork: z.string(),
      chargebackDeadline: z.string(),
      bankClaimDeadline: z.string(),
    }),
  ),
  /** The checklist sent to the customer. */
  checklist: z.string(),
});

export const replacementSchema = z.object({
  replacementCardId: z.string(),
  /** Null when not known (e.g. the card was already ordered with the loss report). */
  expectedDelivery: z.string().nullable(),
});
