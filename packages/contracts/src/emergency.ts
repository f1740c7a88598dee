import { z } from 'zod';
import { transactionSchema } from './cards.ts';
import { caseSchema } from './cases.ts';
import { fenSchema } from './common.ts';

/**
 * The emergency lane's API responses (server/src/modules/emergency, guide §3.3): block at once, show the
 * transactions to review, open the fraud case. The server serialises through these schemas; the web
 * application reads the types inferred from them.
 */

export const EMERGENCY_KINDS = ['lost', 'stolen', 'fraud'] as const;
export const emergencyKindSchema = z.enum(EMERGENCY_KINDS);
export type EmergencyKind = z.infer<typeof emergencyKindSchema>;

export const protectionWindowSchema = z.object({
  covered: z.boolean(),
  hours: z.number(),
  /** The most the cover pays, in fen, when the bank sets a ceiling for the product. */
  maxCoverFen: z.number().nullable(),
  /** Instants (UTC ISO) the cover runs between: `hours` before the report until the report. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type ProtectionWindow = z.infer<typeof protectionWindowSchema>;

export const emergencyReportSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  cardId: z.string(),
  cardLast4: z.string(),
  contactId: z.string().nullable(),
  kind: emergencyKindSchema,
  /**
   * frozen: the temporary block (临时挂失) any caller gets at once; reported_lost: the formal loss report,
   * made once the caller is verified (blocked for good, replacement ordered).
   */
  action: z.enum(['reported_lost', 'frozen']),
  reportedAt: z.string(),
  /** When the temporary block became the formal loss report (null while it is temporary). */
  formalReportedAt: z.string().nullable(),
  /** What the lane offers next: the formal loss report (needs the caller verified), or nothing. */
  nextStep: z.enum(['formal_loss_report']).nullable(),
  protection: protectionWindowSchema,
  replacementCardId: z.string().nullable(),
  caseId: z.string().nullable(),
  /** What the customer is told (also posted into the contact's transcript). */
  confirmation: z.string(),
});
export type EmergencyReport = z.infer<typeof emergencyReportSchema>;

/** A transaction of the reported card, with whether the protection window covers it. */
export const reviewTransactionSchema = transactionSchema.extend({
  inProtectionWindow: z.boolean(),
  alreadyDisputed: z.boolean(),
});
export type ReviewTransaction = z.infer<typeof reviewTransactionSchema>;

export const recentTransactionsSchema = z.object({
  protection: protectionWindowSchema,
  transactions: z.array(reviewTransactionSchema),
});
export type RecentTransactions = z.infer<typeof recentTransactionsSchema>;

/** Marking unrecognised transactions opens the fraud case and sends the customer the checklist. */
export const markedResultSchema = z.object({
  case: caseSchema,
  transactions: z.array(
    z.object({
      transactionId: z.string(),
      amountFen: fenSchema,
      txnDate: z.string(),
      merchant: z.string().nullable(),
      inProtectionWindow: z.boolean(),
      /** The card's network, from its BIN range. */
      chargebackNetwork: z.string(),
      /** Internal: the card scheme's limit for the bank's chargeback. Never told to the customer. */
      chargebackDeadline: z.string(),
      /** The customer's deadline: the bank's own window, counted from the statement date (null if none set). */
      bankClaimDeadline: z.string().nullable(),
    }),
  ),
  /** The checklist sent to the customer. */
  checklist: z.string(),
});
export type MarkedResult = z.infer<typeof markedResultSchema>;

/** A fraud case decided: who bears the disputed amounts, and what became of each. */
export const fraudDecisionSchema = z.object({
  caseId: z.string(),
  outcome: z.enum(['bank_liable', 'customer_liable']),
  transactions: z.array(
    z.object({
      transactionId: z.string(),
      amountFen: fenSchema,
      /** written_off: the bank bears it; returned: back on the account from the decision, nothing charged for the pause. */
      status: z.enum(['pending', 'returned', 'written_off']),
    }),
  ),
});
export type FraudDecision = z.infer<typeof fraudDecisionSchema>;

// ---- The lane's settings (`GET/PUT /api/emergency/settings`): what the routes take and answer. ----

export const binNetworkSchema = z.object({
  prefix: z.string().regex(/^\d{1,8}$/),
  network: z.string().regex(/^[a-z][a-z0-9_]{1,19}$/),
});

export const chargebackRuleSchema = z
  .object({
    network: z.string().regex(/^[a-z][a-z0-9_]{1,19}$/),
    nameZh: z.string().trim().min(1).max(20),
    basis: z.enum(['processing', 'statement']),
    days: z.number().int().min(1).max(540),
    retrievalDays: z.number().int().min(0).max(540),
  })
  .refine((r) => r.retrievalDays <= r.days, {
    message: 'the retrieval request is inside the limit',
    path: ['retrievalDays'],
  });

/**
 * The emergency lane's settings as one document (GET/PUT /api/emergency/settings), like the other modules'
 * rule settings: the chargeback limits per network (the bank's own claim window is the `bank` row), lost-card
 * protection per product code (`*` for every other product) and the network the bank's cards run on.
 */
export const emergencySettingsSchema = z.object({
  /** The network of a card whose BIN matches none of `binNetworks`. */
  cardNetwork: z.string().regex(/^[a-z][a-z0-9_]{1,19}$/),
  /** BIN prefix → card network (longest prefix wins): the network of each card, for its chargeback limit. */
  binNetworks: z.array(binNetworkSchema).min(1).max(200),
  chargebackRules: z.array(chargebackRuleSchema).min(1).max(20),
  lostCardProtection: z
    .array(
      z.object({
        productCode: z.string().regex(/^(\*|[A-Z0-9_]{1,20})$/),
        hours: z.number().int().min(0).max(720),
        maxCoverFen: z.number().int().min(0).max(10_000_000_000).nullable(),
      }),
    )
    .min(1)
    .max(50),
});
