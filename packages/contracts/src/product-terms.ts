import { z } from 'zod';

/**
 * The terms of a card product version: every figure the card engine uses (server/src/modules/cards). The
 * administrator writes them (defaults filled in), the engine computes with them, the catalogue API returns
 * them. Defaults follow the shared card-rules fact sheet; bank-specific or UNCONFIRMED rules are settings
 * here, with the default named in the comment beside each one.
 */
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'decimal string');
const fen = z.number().int().min(0).safe();

/** 中国银行卡行业自律公约 Art. 14: at least 3 grace days (容时) and at least RMB 10 tolerance (容差). */
export const GRACE_DAYS_FLOOR = 3;
export const TOLERANCE_FLOOR_FEN = 1000;
/** 《2022通知》: a cash installment is at most RMB 50,000 over at most 2 years; a product may set less, never more. */
export const CASH_INSTALLMENT_MAX_PRINCIPAL_FEN = 5_000_000;
export const CASH_INSTALLMENT_MAX_PERIODS = 24;
/** 《111号》: cash at most RMB 10,000 per card per day; a product may set less, never more. */
export const CASH_DAILY_CAP_MAX_FEN = 1_000_000;

export const installmentRateSchema = z.object({
  periods: z.number().int().min(2).max(60),
  /** Fee rate per period on the original principal, e.g. "0.0060". */
  feeRatePerPeriod: decimal,
});

export const productTermsSchema = z
  .object({
    limit: z.object({ minFen: fen, maxFen: fen, defaultFen: fen }),
    /** Daily revolving rate; rules §1: 0.05%/day (18.25% simple) is the classic rate. */
    dailyRate: decimal.default('0.0005'),
    /** 'full_balance' (CCB, CMB) or 'unpaid_part' (ICBC): what bears interest when a statement is not paid in full. */
    interestMode: z.enum(['full_balance', 'unpaid_part']).default('full_balance'),
    /** Statement days a customer may choose, and days from statement to due date (CMB ≈18, CCB 20). */
    statementDays: z.array(z.number().int().min(1).max(28)).min(1).default([5, 10, 15, 20, 25]),
    daysToDue: z.number().int().min(10).max(25).default(20),
    /** 容时 / 容差 (self-discipline code Art. 14: ≥3 days, ≥ RMB 10). */
    graceDays: z.number().int().min(GRACE_DAYS_FLOOR).max(5).default(GRACE_DAYS_FLOOR),
    toleranceFen: fen.min(TOLERANCE_FLOOR_FEN).default(TOLERANCE_FLOOR_FEN),
    minimumPayment: z
      .object({
        /** Share of ordinary principal (10% typical, CMB 5%). */
        principalRate: decimal.default('0.10'),
        /** Share of cash-advance principal (CMB: 100%; default same as purchases). */
        cashRate: decimal.default('0.10'),
        /** A floor, when the balance is above it (UNCONFIRMED: no source; 0 = none). */
        floorFen: fen.default(0),
      })
      .default({ principalRate: '0.10', cashRate: '0.10', floorFen: 0 }),
    /** 违约金: rate of the unpaid minimum, with a minimum (typical 5%, min RMB 10) and an optional cap. */
    lateFee: z
      .object({ rate: decimal.default('0.05'), minFen: fen.default(1000), maxFen: fen.nullable().default(null) })
      .default({ rate: '0.05', minFen: 1000, maxFen: null }),
    cashAdvance: z
      .object({
        /** Cash limit as a share of the credit limit. */
        limitRate: decimal.default('0.5'),
        /** 《111号》: ATM cash ≤ RMB 10,000 per card per day. */
        dailyCapFen: fen.max(CASH_DAILY_CAP_MAX_FEN).default(CASH_DAILY_CAP_MAX_FEN),
        /** CMB: 1% domestic, min RMB 10. */
        feeRate: decimal.default('0.01'),
        feeMinFen: fen.default(1000),
      })
      .default({ limitRate: '0.5', dailyCapFen: CASH_DAILY_CAP_MAX_FEN, feeRate: '0.01', feeMinFen: 1000 }),
    installments: z
      .object({
        bill: z.array(installmentRateSchema).default([]),
        transaction: z.array(installmentRateSchema).default([]),
        cash: z.array(installmentRateSchema).default([]),
        minPrincipalFen: fen.default(50_000),
        /** 《2022通知》: cash installments ≤ RMB 50,000 and ≤ 2 years (a product may lower both); every term ≤ 5 years. */
        cashMaxPrincipalFen: fen.max(CASH_INSTALLMENT_MAX_PRINCIPAL_FEN).default(CASH_INSTALLMENT_MAX_PRINCIPAL_FEN),
        cashMaxPeriods: z.number().int().min(2).max(CASH_INSTALLMENT_MAX_PERIODS).default(CASH_INSTALLMENT_MAX_PERIODS),
        /** What early payoff charges of the fees not yet billed: none (default) or all of them. */
        prepayFee: z.enum(['none', 'remaining']).default('none'),
        /** How long a quote stays valid. */
        quoteValidMinutes: z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
          .default(30),
      })
      .default({
        bill: [],
        transaction: [],
        cash: [],
        minPrincipalFen: 50_000,
        cashMaxPrincipalFen: CASH_INSTALLMENT_MAX_PRINCIPAL_FEN,
        cashMaxPeriods: CASH_INSTALLMENT_MAX_PERIODS,
        prepayFee: 'none',
        quoteValidMinutes: 30,
      }),
    annualFee: z
      .object({
        amountFen: fen,
        firstYearFree: z.boolean().default(true),
        /** Purchases in a card year that waive the next year's fee (CMB 6; null = no waiver, e.g. platinum). */
        waivePurchases: z.number().int().min(1).nullable().default(6),
        /** Alternatively, spend in the card year that waives it (Everbright RMB 2,000; null = not offered). */
        waiveSpendFen: fen.nullable().default(null),
        /**
         * A waiver or refund of a charged annual fee above this amount needs a second, senior person's approval
         * (UNCONFIRMED: no source for the amount; default RMB 300, so a standard card's fee is the desk's call).
         */
        waiverApprovalAboveFen: fen.default(30_000),
      })
      .default({
        amountFen: 10_000,
        firstYearFree: true,
        waivePurchases: 6,
        waiveSpendFen: null,
        waiverApprovalAboveFen: 30_000,
      }),
    points: z
      .object({
        /** Points per `perYuan` yuan of eligible spend (CMB 1 per 20; CCB 1 per 1). */
        points: z.number().int().min(0).default(1),
        perYuan: z.number().int().min(1).default(20),
        /** Merchant categories that earn nothing (UNCONFIRMED lists vary: wholesale, property, charity…). */
        excludedCategories: z.array(z.string()).default(['wholesale', 'real_estate', 'charity', 'government']),
        /** Categories earning a multiple (co-branded cards). */
        multipliers: z.record(z.string(), z.number().int().min(1).max(20)).default({}),
      })
      .default({
        points: 1,
        perYuan: 20,
        excludedCategories: ['wholesale', 'real_estate', 'charity', 'government'],
        multipliers: {},
      }),
    limitRules: z
      .object({
        /** Rules §7: first permanent increase ≈ 6 months after activation, then every 1–6 months. */
        monthsAfterActivation: z.number().int().min(0).default(6),
        monthsBetweenIncreases: z.number().int().min(0).default(3),
        /** No minimum missed in this many recent statements. */
        cleanStatements: z.number().int().min(0).default(6),
        /** Average utilisation of recent statements at least this (a customer who uses the card). */
        minUtilisation: decimal.default('0.30'),
        /** Largest permanent increase as a share of the current limit without review. */
        maxIncreaseRate: decimal.default('0.5'),
        /** Increases above this amount need a senior agent's approval. */
        approvalAboveFen: fen.default(2_000_000),
        /** Temporary increase: up to this share of the limit, valid for at most this many days (15 d – 3 months). */
        tempMaxRate: decimal.default('0.5'),
        tempMaxDays: z.number().int().min(1).max(92).default(60),
      })
      .default({
        monthsAfterActivation: 6,
        monthsBetweenIncreases: 3,
        cleanStatements: 6,
        minUtilisation: '0.30',
        maxIncreaseRate: '0.5',
        approvalAboveFen: 2_000_000,
        tempMaxRate: '0.5',
        tempMaxDays: 60,
      }),
    /** Value-added services shown to agents (lounge, insurance, roadside…). */
    services: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() })).default([]),
  })
  .superRefine((t, ctx) => {
    if (t.limit.minFen > t.limit.defaultFen || t.limit.defaultFen > t.limit.maxFen) {
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'need minFen ≤ defaultFen ≤ maxFen' });
    }
    // The grace check must fall before the next statement day, whatever the month length.
    if (t.daysToDue + t.graceDays >= 28) {
      ctx.addIssue({ code: 'custom', path: ['daysToDue'], message: 'daysToDue + graceDays must be < 28' });
    }
    for (const kind of ['bill', 'transaction', 'cash'] as const) {
      for (const r of t.installments[kind]) {
        if (kind === 'cash' && r.periods > t.installments.cashMaxPeriods) {
          ctx.addIssue({
            code: 'custom',
            path: ['installments', 'cashMaxPeriods'],
            message: `cash installments ≤ ${t.installments.cashMaxPeriods} periods`,
          });
        }
      }
    }
  });

export type ProductTerms = z.output<typeof productTermsSchema>;
export type ProductTermsInput = z.input<typeof productTermsSchema>;
export type InstallmentKind = 'bill' | 'transaction' | 'cash';

/** A card product of the catalogue with the terms in force and the versions scheduled to take effect. */
export const cardProductSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  tier: z.string(),
  bin: z.string(),
  active: z.boolean(),
  current: z.object({ version: z.number().int(), effectiveFrom: z.string(), terms: productTermsSchema }),
  upcoming: z.array(z.object({ version: z.number().int(), effectiveFrom: z.string(), terms: productTermsSchema })),
});
export type CardProduct = z.output<typeof cardProductSchema>;
