import { type ProductTerms, productTermsSchema } from '@carddesk/contracts';
import { authorize } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { termsOn } from '../catalog/product.service.ts';
import { interestFreePeriod } from '../rules/cycle-dates.ts';
import { aprEstimatePercent, discloseInstallment } from '../rules/installment-math.ts';
import { type BalanceEvent, revolvingInterest } from '../rules/interest-math.ts';
import { type MinimumBreakdown, minimumPaymentLines } from '../rules/payment.rules.ts';

/** The defaults of the product-terms schema (card-rules.md): what a calculator uses without a product. */
const DEFAULT_TERMS: ProductTerms = productTermsSchema.parse({ limit: { minFen: 0, maxFen: 0, defaultFen: 0 } });

async function termsFor(ctx: Ctx, productId: string | undefined): Promise<ProductTerms> {
  if (!productId) return DEFAULT_TERMS;
  return termsOn(ctx.db, productId, bankDate(ctx.clock.now()));
}

export interface MinimumPaymentCalcInput {
  creditLimitFen: number;
  purchaseFen: number;
  cashFen: number;
  feeFen: number;
  interestFen: number;
  installmentDueFen: number;
  previousUnpaidMinimumFen: number;
  productId?: string | undefined;
}

/**
 * The minimum payment an agent explains, by the engine's own rule and the product's shares (default 10%).
 * Fees and interest are this statement's; the earlier unpaid minimum already holds the earlier ones.
 */
export async function minimumPaymentCalc(ctx: Ctx, input: MinimumPaymentCalcInput): Promise<MinimumBreakdown> {
  authorize(ctx.actor, 'calculators.use');
  const { productId, ...parts } = input;
  return minimumPaymentLines(parts, (await termsFor(ctx, productId)).minimumPayment);
}

/** The interest-free period of a purchase on a date, from the product's statement day and days to due. */
export async function interestFreePeriodCalc(
  ctx: Ctx,
  input: { productId?: string | undefined; purchaseDate: string; statementDay?: number | undefined },
) {
  authorize(ctx.actor, 'calculators.use');
  const terms = await termsFor(ctx, input.productId);
  const day = input.statementDay ?? terms.statementDays[0] ?? 1;
  if (!terms.statementDays.includes(day))
    throw new AppError('STATEMENT_DAY_NOT_OFFERED', { details: { offered: terms.statementDays } });
  return interestFreePeriod(input.purchaseDate, day, terms.daysToDue);
}

/** An installment's cost as the calculator shows it: the disclosure (schedule, fee, APR by IRR) and the estimate. */
export function installmentCalc(ctx: Ctx, input: { principalFen: number; periods: number; feeRatePerPeriod: string }) {
  authorize(ctx.actor, 'calculators.use');
  const { principalFen, periods, feeRatePerPeriod } = input;
  return {
    ...discloseInstallment(principalFen, periods, feeRatePerPeriod),
    aprEstimatePercent: aprEstimatePercent(periods, Number(feeRatePerPeriod)),
  };
}

/** Revolving interest on a balance history, with the annualised rate before the daily one. */
export function revolvingInterestCalc(
  ctx: Ctx,
  input: { dailyRate: string; through: string; events: readonly BalanceEvent[] },
) {
  authorize(ctx.actor, 'calculators.use');
  const { dailyRate, through, events } = input;
  return {
    ...revolvingInterest(events, through, dailyRate),
    dailyRate,
    simpleAnnualPercent: (Number(dailyRate) * 365 * 100).toFixed(2),
  };
}
