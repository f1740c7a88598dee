import { z } from 'zod';
import { customerCaseItemSchema } from './cases.ts';
import { calendarDateSchema, fenSchema } from './common.ts';
import { customerContactItemSchema, promiseViewSchema } from './contacts.ts';

/**
 * The card engine's API responses (server/src/modules/cards), one definition for both sides: the server
 * serialises through these schemas (which also document the API in OpenAPI and drop any field they do
 * not name), and the web application reads the types inferred from them. Money is integer fen; rates are
 * decimal strings; dates are YYYY-MM-DD in the bank's zone.
 */

/** The card status machine's states (server/src/modules/cards/rules/card-status.ts holds the transitions). */
export const CARD_STATUSES = [
  'pending_activation',
  'active',
  'frozen',
  'lost',
  'stolen',
  'replaced',
  'closed',
] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export const cardStatusSchema = z.enum(CARD_STATUSES);

export const cardSummarySchema = z.object({
  id: z.string(),
  accountId: z.string(),
  last4: z.string(),
  maskedNumber: z.string(),
  status: cardStatusSchema,
  statusLabel: z.string(),
  isPrimary: z.boolean(),
  productId: z.string(),
  productName: z.string(),
  /** Absent before verification: the expiry is authentication data a caller could be asked for. */
  expiryMonth: z.string().optional(),
});
export type CardSummary = z.infer<typeof cardSummarySchema>;

export const cardSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  accountId: z.string(),
  productId: z.string(),
  last4: z.string(),
  maskedNumber: z.string(),
  isPrimary: z.boolean(),
  status: cardStatusSchema,
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
export type CardView = z.infer<typeof cardSchema>;

/** Kinds of ledger transaction: the engine's vocabulary, named here once for the server and the desk. */
export const TRANSACTION_KINDS = [
  'purchase',
  'cash_advance',
  'refund',
  'repayment',
  'fee_annual',
  'fee_cash',
  'fee_late',
  'fee_installment',
  'interest',
  'installment_principal',
  'installment_conversion',
  'adjustment',
  'fee_waiver',
  'fraud_credit',
  'points_credit',
  'credit_refund',
] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export const transactionSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  cardId: z.string().nullable(),
  cardLast4: z.string().nullable(),
  kind: z.string(),
  kindLabel: z.string(),
  amountFen: fenSchema,
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
export type TransactionView = z.infer<typeof transactionSchema>;

export const statementSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  statementDate: z.string(),
  periodStart: z.string(),
  dueDate: z.string(),
  graceUntil: z.string(),
  previousBalanceFen: fenSchema,
  purchasesFen: fenSchema,
  cashFen: fenSchema,
  feesFen: fenSchema,
  interestFen: fenSchema,
  installmentsFen: fenSchema,
  creditsFen: fenSchema,
  newBalanceFen: fenSchema,
  minimumPaymentFen: fenSchema,
  paidFen: fenSchema,
  remainingFen: fenSchema,
  status: z.string(),
  pointsEarned: z.number().int(),
});
export type StatementView = z.infer<typeof statementSchema>;

export const accountSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  status: z.string(),
  currency: z.string(),
  creditLimitFen: fenSchema,
  temporaryLimit: z.object({ amountFen: fenSchema, validFrom: z.string(), validUntil: z.string() }).nullable(),
  effectiveLimitFen: fenSchema,
  availableCreditFen: fenSchema,
  cashLimitFen: fenSchema,
  availableCashFen: fenSchema,
  balanceFen: fenSchema,
  owedFen: z.object({
    interest: fenSchema,
    fees: fenSchema,
    cash: fenSchema,
    revolving: fenSchema,
    billed: fenSchema,
    unbilled: fenSchema,
  }),
  overpaymentFen: fenSchema,
  unbilledInstallmentFen: fenSchema,
  overLimit: z.boolean(),
  overdueSince: z.string().nullable(),
  overdueDays: z.number().int(),
  minimumDueUnpaidFen: fenSchema,
  statementDay: z.number().int(),
  nextStatementDate: z.string(),
  openedOn: z.string(),
  activatedOn: z.string().nullable(),
  pointsBalance: z.number().int(),
});
export type AccountView = z.infer<typeof accountSchema>;

export const installmentPlanSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.string(),
  principalFen: fenSchema,
  periods: z.number().int(),
  periodsBilled: z.number().int(),
  feeRatePerPeriod: z.string(),
  aprPercent: z.string(),
  earPercent: z.string(),
  remainingPrincipalFen: fenSchema,
  status: z.string(),
  createdAt: z.string(),
});
export type InstallmentPlanView = z.infer<typeof installmentPlanSchema>;

const customerFlagsSchema = z.object({ vip: z.boolean(), vulnerable: z.boolean() });

/**
 * The masked screen-pop summary (name, phone, flags, cards): what may be shown before the caller is verified.
 * Its cards and a search hit's carry no digits (`last4` '****'): the last four are a verification factor.
 */
export const customerSummarySchema = z.object({
  id: z.string(),
  maskedName: z.string(),
  maskedPhone: z.string(),
  salutation: z.string(),
  flags: customerFlagsSchema,
  /**
   * The care note (e.g. "高龄客户,听力不佳,请放慢语速"): how to speak with this customer, needed from the
   * first word, verification included — so shown at the screen pop, not after it.
   */
  careNote: z.string().nullable(),
  cards: z.array(cardSummarySchema),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerHitSchema = z.object({
  id: z.string(),
  maskedName: z.string(),
  maskedPhone: z.string(),
  flags: customerFlagsSchema,
  cards: z.array(cardSummarySchema),
});
export type CustomerHit = z.infer<typeof customerHitSchema>;

export const customerSearchSchema = z.object({
  by: z.enum(['phone', 'id_number', 'card_number', 'last4', 'name']),
  hits: z.array(customerHitSchema),
});
export type CustomerSearch = z.infer<typeof customerSearchSchema>;

/** The customer 360 view: the card engine's part plus the sections other modules add (promises, contacts, cases). */
export const customer360Schema = z.object({
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
  installmentPlans: z.array(installmentPlanSchema),
  // Sections other modules contribute (server: `customerViews`), absent when that module is not installed.
  // A section must be named here to reach the client: the response schema drops keys it does not know.
  promises: z.array(promiseViewSchema).optional(),
  contacts: z.array(customerContactItemSchema).optional(),
  cases: z.array(customerCaseItemSchema).optional(),
});
export type Customer360View = z.infer<typeof customer360Schema>;

export const scheduleLineSchema = z.object({
  period: z.number().int(),
  principalFen: fenSchema,
  feeFen: fenSchema,
  paymentFen: fenSchema,
  remainingPrincipalFen: fenSchema,
});
export type ScheduleLine = z.infer<typeof scheduleLineSchema>;

/** What the customer must be told before agreeing to an installment (《2022通知》): APR by IRR first, then the costs. */
export const disclosureSchema = z.object({
  // Annualised rates first (PBoC Announcement〔2021〕No. 3); no per-period or "fee × 12" rate is shown beside them.
  aprPercent: z.string(),
  earPercent: z.string(),
  principalFen: fenSchema,
  periods: z.number().int(),
  feeRatePerPeriod: z.string(),
  perPeriodPaymentFen: fenSchema,
  totalFeeFen: fenSchema,
  totalPaymentFen: fenSchema,
  schedule: z.array(scheduleLineSchema),
});
export type Disclosure = z.infer<typeof disclosureSchema>;

export const INSTALLMENT_INELIGIBILITY = [
  'no_purchase',
  'not_a_purchase',
  'already_split',
  'past_due',
  'no_statement',
  'below_minimum',
  'not_offered',
  'not_eligible',
] as const;
export type InstallmentIneligibility = (typeof INSTALLMENT_INELIGIBILITY)[number];

/** Before a quote: the periods the product offers for the kind and the principal that may be split. */
export const installmentOptionsSchema = z.object({
  accountId: z.string(),
  kind: z.enum(['bill', 'transaction', 'cash']),
  /** Whether the source can be split today (a statement past due or already split cannot). */
  eligible: z.boolean(),
  reason: z.enum(INSTALLMENT_INELIGIBILITY).nullable(),
  sourceId: z.string().nullable(),
  minFen: fenSchema,
  maxFen: fenSchema,
  /** What a quote without an amount splits: the whole statement or purchase; null for cash. */
  suggestedFen: fenSchema.nullable(),
  periods: z.array(z.number().int()),
});
export type InstallmentOptions = z.infer<typeof installmentOptionsSchema>;

export const installmentQuoteSchema = disclosureSchema.extend({
  quoteId: z.string(),
  accountId: z.string(),
  kind: z.enum(['bill', 'transaction', 'cash']),
  sourceId: z.string().nullable(),
  expiresAt: z.string(),
  /** The words read to the customer: the annualised rate first, then the total interest, each payment, the terms. */
  notice: z.string(),
  earlyRepayment: z.string(),
  /** SHA-256 of what was shown; the acceptance names it together with the customer's yes. */
  quoteHash: z.string(),
});
export type InstallmentQuote = z.infer<typeof installmentQuoteSchema>;

/** `POST /api/calculators/minimum-payment`: the minimum and each part of it, every amount counted once. */
export const minimumPaymentCalcSchema = z.object({
  minimumFen: fenSchema,
  lines: z.array(
    z.object({
      /** purchase_within_limit | cash_within_limit | over_limit | fees | interest | installments_due |
       *  previous_unpaid_minimum | floor | capped_at_balance (negative). */
      label: z.string(),
      fen: z.number().int().safe(),
    }),
  ),
});
export type MinimumPaymentCalc = z.infer<typeof minimumPaymentCalcSchema>;

/** `POST /api/calculators/interest-free-period`: the statement a purchase lands on and its due date. */
export const interestFreePeriodSchema = z.object({
  statementDate: calendarDateSchema,
  dueDate: calendarDateSchema,
  days: z.number().int(),
});
export type InterestFreePeriod = z.infer<typeof interestFreePeriodSchema>;

/** An annual-fee waiver or refund; above the product's amount it waits for a senior person's approval. */
export const feeAdjustmentSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  feeTransactionId: z.string(),
  amountFen: fenSchema,
  /** pending_approval | applied | rejected */
  status: z.string(),
  reason: z.string(),
  requestedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  transactionId: z.string().nullable(),
  createdAt: z.string(),
});
export type FeeAdjustment = z.infer<typeof feeAdjustmentSchema>;

/** A credit balance (溢缴款) paid back to the holder's own settlement account (shown masked). */
export const creditRefundSchema = z.object({
  accountId: z.string(),
  amountFen: fenSchema,
  transactionId: z.string(),
  payoutId: z.string(),
  payee: z.string(),
});
export type CreditRefund = z.infer<typeof creditRefundSchema>;

export const limitChangeSchema = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.string(),
  oldLimitFen: fenSchema,
  newLimitFen: fenSchema,
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  status: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type LimitChange = z.infer<typeof limitChangeSchema>;

/** Whether and how far the limit may be raised today, from the same rules the change request enforces. */
export const limitEligibilitySchema = z.object({
  accountId: z.string(),
  currentLimitFen: fenSchema,
  permanent: z.object({
    eligible: z.boolean(),
    code: z.enum(['LIMIT_INCREASE_TOO_EARLY', 'LIMIT_INCREASE_NOT_ELIGIBLE', 'LIMIT_OUT_OF_RANGE']).nullable(),
    reason: z.string().nullable(),
    earliest: calendarDateSchema.nullable(),
    maxLimitFen: fenSchema,
    approvalAboveFen: fenSchema,
  }),
  temporary: z.object({
    maxExtraFen: fenSchema,
    maxDays: z.number().int(),
    latestValidUntil: z.string(),
    overdue: z.boolean(),
  }),
});
export type LimitEligibility = z.infer<typeof limitEligibilitySchema>;

export const cardApplicationSchema = z.object({
  id: z.string(),
  productId: z.string(),
  maskedName: z.string(),
  maskedPhone: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  requestedLimitFen: fenSchema,
  suggestedLimitFen: fenSchema,
  grantedLimitFen: fenSchema.nullable(),
  decisionReason: z.string().nullable(),
  cardId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CardApplication = z.infer<typeof cardApplicationSchema>;
