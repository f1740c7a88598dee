import { z } from 'zod';

/** Response and request schemas of the cards API (they also document it in OpenAPI). */
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const fen = z.number().int();
export const idParams = z.object({ id: z.string().min(1).max(64) });

export const cardSummarySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  last4: z.string(),
  maskedNumber: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  isPrimary: z.boolean(),
  productId: z.string(),
  productName: z.string(),
  expiryMonth: z.string(),
});

export const cardSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  accountId: z.string(),
  productId: z.string(),
  last4: z.string(),
  maskedNumber: z.string(),
  isPrimary: z.boolean(),
  status: z.string(),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  statusChangedAt: z.string(),
  expiryMonth: z.string(),
  issuedOn: z.string(),
  activatedOn: z.string().nullable(),
  replacesCardId: z.string().nullable(),
  replacedByCardId: z.string().nullable(),
  deliveryStatus: z.string(),
});

export const transactionSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  cardId: z.string().nullable(),
  cardLast4: z.string().nullable(),
  kind: z.string(),
  kindLabel: z.string(),
  amountFen: fen,
  txnDate: z.string(),
  postingDate: z.string(),
  merchant: z.string().nullable(),
  category: z.string().nullable(),
  city: z.string().nullable(),
  channel: z.string(),
  description: z.string(),
  statementId: z.string().nullable(),
  installmentPlanId: z.string().nullable(),
  points: z.number().int(),
  suspicious: z.boolean(),
  allocation: z.record(z.string(), z.number()).nullable(),
});

export const statementSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  statementDate: z.string(),
  periodStart: z.string(),
  dueDate: z.string(),
  graceUntil: z.string(),
  previousBalanceFen: fen,
  purchasesFen: fen,
  cashFen: fen,
  feesFen: fen,
  interestFen: fen,
  installmentsFen: fen,
  creditsFen: fen,
  newBalanceFen: fen,
  minimumPaymentFen: fen,
  paidFen: fen,
  remainingFen: fen,
  status: z.string(),
  pointsEarned: z.number().int(),
});

export const accountSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  status: z.string(),
  currency: z.string(),
  creditLimitFen: fen,
  temporaryLimit: z.object({ amountFen: fen, validFrom: z.string(), validUntil: z.string() }).nullable(),
  effectiveLimitFen: fen,
  availableCreditFen: fen,
  cashLimitFen: fen,
  availableCashFen: fen,
  balanceFen: fen,
  owedFen: z.object({ interest: fen, fees: fen, cash: fen, revolving: fen, billed: fen, unbilled: fen }),
  overpaymentFen: fen,
  unbilledInstallmentFen: fen,
  overLimit: z.boolean(),
  overdueSince: z.string().nullable(),
  overdueDays: z.number().int(),
  minimumDueUnpaidFen: fen,
  statementDay: z.number().int(),
  nextStatementDate: z.string(),
  openedOn: z.string(),
  activatedOn: z.string().nullable(),
  pointsBalance: z.number().int(),
});

export const planSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.string(),
  principalFen: fen,
  periods: z.number().int(),
  periodsBilled: z.number().int(),
  feeRatePerPeriod: z.string(),
  aprPercent: z.string(),
  earPercent: z.string(),
  remainingPrincipalFen: fen,
  status: z.string(),
  createdAt: z.string(),
});

const flagsSchema = z.object({ vip: z.boolean(), vulnerable: z.boolean() });

export const customerSummarySchema = z.object({
  id: z.string(),
  maskedName: z.string(),
  maskedPhone: z.string(),
  salutation: z.string(),
  flags: flagsSchema,
  cards: z.array(cardSummarySchema),
});

export const searchResultSchema = z.object({
  by: z.enum(['phone', 'id_number', 'card_number', 'last4', 'name']),
  hits: z.array(
    z.object({
      id: z.string(),
      maskedName: z.string(),
      maskedPhone: z.string(),
      flags: flagsSchema,
      cards: z.array(cardSummarySchema),
    }),
  ),
});

export const customer360Schema = z
  .object({
    customer: z.object({
      id: z.string(),
      maskedName: z.string(),
      maskedPhone: z.string(),
      maskedIdNumber: z.string(),
      maskedAddress: z.string(),
      gender: z.string(),
      salutation: z.string(),
      flags: z.object({ vip: z.boolean(), vulnerable: z.boolean(), note: z.string().nullable() }),
      preferences: z.record(z.string(), z.unknown()),
      customerSince: z.string(),
    }),
    accounts: z.array(accountSchema),
    cards: z.array(cardSummarySchema),
    latestStatements: z.array(statementSchema),
    recentTransactions: z.array(transactionSchema),
    installmentPlans: z.array(planSchema),
  })
  // Sections contributed by other modules (open promises, cases, past contacts).
  .catchall(z.unknown());

export const transactionQuery = z.object({
  from: date.optional(),
  to: date.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const scheduleLineSchema = z.object({
  period: z.number().int(),
  principalFen: fen,
  feeFen: fen,
  paymentFen: fen,
  remainingPrincipalFen: fen,
});

export const disclosureSchema = z.object({
  principalFen: fen,
  periods: z.number().int(),
  feeRatePerPeriod: z.string(),
  perPeriodPaymentFen: fen,
  totalFeeFen: fen,
  totalPaymentFen: fen,
  aprPercent: z.string(),
  earPercent: z.string(),
  naiveAnnualPercent: z.string(),
  schedule: z.array(scheduleLineSchema),
});

export const quoteSchema = disclosureSchema.extend({
  quoteId: z.string(),
  accountId: z.string(),
  kind: z.enum(['bill', 'transaction', 'cash']),
  sourceId: z.string().nullable(),
  expiresAt: z.string(),
  notice: z.string(),
});

export const limitChangeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.string(),
  oldLimitFen: fen,
  newLimitFen: fen,
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const applicationSchema = z.object({
  id: z.string(),
  productId: z.string(),
  maskedName: z.string(),
  maskedPhone: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  requestedLimitFen: fen,
  suggestedLimitFen: fen,
  grantedLimitFen: fen.nullable(),
  decisionReason: z.string().nullable(),
  cardId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export { date as dateSchema, fen as fenSchema };
