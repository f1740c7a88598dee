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

// ---------------------------------------------------------------------------------------------------------
// Requests: what the card engine's routes take (`routes/cards.ts`); the server validates with these.
// ---------------------------------------------------------------------------------------------------------

/** `InstallmentKind` (product-terms.ts) as values. */
export const INSTALLMENT_KINDS = ['bill', 'transaction', 'cash'] as const;

/**
 * Money the bank sends out of a card account (a cash installment, a credit-balance refund) goes only to the
 * holder's own settlement account (《2022通知》: 本人非信用卡结算账户), named as the customer states it.
 */
export const payeeSchema = z.object({
  accountNumber: z.string().regex(/^\d{12,30}$/, '12–30 digits'),
  holderName: z.string().trim().min(1).max(40),
});
export type Payee = z.infer<typeof payeeSchema>;

/** A decimal rate below 1, e.g. "0.006". */
const rateSchema = z.string().regex(/^0(\.\d{1,8})?$/, 'a decimal rate below 1, e.g. "0.006"');
/** An amount a calculator takes: 0 to 100 million yuan. */
const calcAmountSchema = fenSchema.min(0).max(100_000_000_00);

export const transactionQuerySchema = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const repaymentInputSchema = z.object({
  amountFen: fenSchema.positive(),
  reference: z.string().trim().min(1).max(64),
  channel: z.enum(['branch', 'app', 'online', 'transfer', 'autopay']).optional(),
});

export const temporaryLimitInputSchema = z.object({
  extraFen: fenSchema.positive(),
  validFrom: calendarDateSchema.optional(),
  validUntil: calendarDateSchema,
  reason: z.string().max(200).optional(),
});

export const permanentLimitInputSchema = z.object({
  newLimitFen: fenSchema.positive(),
  reason: z.string().max(200).optional(),
});

export const createProductInputSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/),
  nameZh: z.string().min(1).max(40),
  nameEn: z.string().min(1).max(60),
  tier: z.string().min(1).max(20),
  bin: z.string().regex(/^\d{6}$/),
  effectiveFrom: calendarDateSchema.optional(),
  terms: z.unknown(),
});
export type CreateProductInput = z.infer<typeof createProductInputSchema>;

export const productVersionInputSchema = z.object({
  effectiveFrom: calendarDateSchema,
  terms: z.record(z.string(), z.unknown()),
});

export const cardApplicationInputSchema = z.object({
  productCode: z.string().min(1).max(20),
  name: z.string().trim().min(1).max(40),
  idNumber: z.string().min(18).max(18),
  phone: z.string().min(11).max(20),
  address: z.string().trim().min(4).max(200),
  annualIncomeFen: fenSchema.min(0),
  requestedLimitFen: fenSchema.positive(),
  channel: z.enum(['phone', 'chat', 'branch', 'app']).optional(),
});

export const applicationDecisionInputSchema = z.object({
  approve: z.boolean(),
  grantedLimitFen: fenSchema.positive().optional(),
  reason: z.string().max(200).optional(),
});

export const installmentOptionsQuerySchema = z.object({
  kind: z.enum(INSTALLMENT_KINDS),
  sourceId: z.string().min(1).max(64).optional(),
});

export const installmentQuoteInputSchema = z.object({
  accountId: z.string().min(1),
  kind: z.enum(INSTALLMENT_KINDS),
  periods: z.number().int().min(2).max(60),
  sourceId: z.string().optional(),
  principalFen: fenSchema.positive().optional(),
});

/** The customer's yes to a quote, named by its hash; a cash installment names the holder's own account. */
export const installmentAcceptInputSchema = z.object({
  quoteId: z.string().min(1),
  quoteHash: z.string().regex(/^[0-9a-f]{64}$/, 'the quote’s SHA-256 hash'),
  customerAgreed: z.boolean(),
  payoutAccount: payeeSchema.optional(),
});

export const minimumPaymentInputSchema = z.object({
  creditLimitFen: calcAmountSchema,
  purchaseFen: calcAmountSchema,
  cashFen: calcAmountSchema,
  feeFen: calcAmountSchema,
  interestFen: calcAmountSchema,
  installmentDueFen: calcAmountSchema,
  previousUnpaidMinimumFen: calcAmountSchema,
  productId: z.string().min(1).max(64).optional(),
});

export const interestFreePeriodInputSchema = z.object({
  productId: z.string().min(1).max(64).optional(),
  purchaseDate: calendarDateSchema,
  /** One of the product's statement days; by default its first. */
  statementDay: z.number().int().min(1).max(28).optional(),
});

export const installmentCalcInputSchema = z.object({
  principalFen: fenSchema.positive().max(100_000_000_00),
  periods: z.number().int().min(1).max(60),
  feeRatePerPeriod: rateSchema,
});

export const revolvingInterestInputSchema = z.object({
  dailyRate: rateSchema.default('0.0005'),
  through: calendarDateSchema,
  events: z
    .array(z.object({ date: calendarDateSchema, amountFen: fenSchema }))
    .min(1)
    .max(500),
});

export const feeAdjustmentInputSchema = z.object({
  feeTransactionId: z.string().min(1).max(64),
  reason: z.string().trim().min(2).max(200),
});

// ---------------------------------------------------------------------------------------------------------
// Answers of the card engine's routes not named above.
// ---------------------------------------------------------------------------------------------------------

export const repaymentResultSchema = z.object({
  transaction: transactionSchema,
  allocation: z.record(z.string(), z.number()),
  balanceFen: fenSchema,
  availableCreditFen: fenSchema,
  minimumDueUnpaidFen: fenSchema,
  replayed: z.boolean(),
});

export const pointsSchema = z.object({
  accountId: z.string(),
  balance: z.number().int(),
  rule: z.object({
    points: z.number().int(),
    perYuan: z.number().int(),
    excludedCategories: z.array(z.string()),
    multipliers: z.record(z.string(), z.number()),
  }),
  redemptions: z.array(
    z.object({
      id: z.string(),
      itemCode: z.string(),
      quantity: z.number().int(),
      points: z.number().int(),
      createdAt: z.string(),
    }),
  ),
  catalogue: z.array(
    z.object({
      code: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      points: z.number().int(),
      kind: z.string(),
      valueFen: fenSchema,
    }),
  ),
});
export type PointsView = z.infer<typeof pointsSchema>;

export const redemptionResultSchema = z.object({
  redemptionId: z.string(),
  pointsUsed: z.number().int(),
  balance: z.number().int(),
  transactionId: z.string().nullable(),
});

/** A card blocked or replaced, and the replacement ordered. */
export const replacementResultSchema = z.object({
  card: cardSchema,
  replacementCardId: z.string(),
  expectedDelivery: z.string().nullable(),
});

export const annualFeeWaiverSchema = z.object({
  cardId: z.string(),
  isPrimary: z.boolean(),
  annualFeeFen: z.number().int(),
  firstYearFree: z.boolean(),
  nextFeeDate: z.string().nullable(),
  purchasesNeeded: z.number().int().nullable(),
  purchasesSoFar: z.number().int(),
  purchasesToGo: z.number().int().nullable(),
  spendNeededFen: z.number().int().nullable(),
  spendSoFarFen: z.number().int(),
  spendToGoFen: z.number().int().nullable(),
  waivedIfAnniversaryToday: z.boolean(),
  explanation: z.string(),
});
export type AnnualFeeWaiver = z.infer<typeof annualFeeWaiverSchema>;

export const productVersionSchema = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  terms: z.record(z.string(), z.unknown()),
});

export const installmentCalcSchema = disclosureSchema.extend({ aprEstimatePercent: z.string() });

export const revolvingInterestSchema = z.object({
  interestFen: fenSchema,
  fenDays: fenSchema,
  // The annualised rate before the daily one (PBoC Announcement〔2021〕No. 3).
  simpleAnnualPercent: z.string(),
  dailyRate: z.string(),
  lines: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      days: z.number().int(),
      balanceFen: fenSchema,
      fenDays: fenSchema,
    }),
  ),
});
