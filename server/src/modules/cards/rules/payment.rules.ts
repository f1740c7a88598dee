import type { ProductTerms } from '@carddesk/contracts';
import { applyRate } from './decimal.ts';

/**
 * Minimum payment (card-rules.md §1). Each amount owed is counted once:
 *   rate × consumption principal within the limit + rate × cash-advance principal within the limit
 *   + 100% of the principal above the limit + 100% of fees + 100% of interest
 *   + 100% of the installment amounts due this cycle + 100% of the unpaid minimum of earlier cycles,
 * never more than the balance, at least the product's floor. The part of the balance above the (permanent)
 * limit is taken out of purchase principal first, then cash; a part above the limit made of fees or interest
 * is already counted in full as fees or interest. Fees and interest here are the new ones: those still owed
 * from an earlier statement are inside that statement's unpaid minimum and are not counted again.
 */
export interface MinimumParts {
  creditLimitFen: number;
  /** Consumption principal, installment principal excluded. */
  purchaseFen: number;
  cashFen: number;
  feeFen: number;
  interestFen: number;
  installmentDueFen: number;
  previousUnpaidMinimumFen: number;
  /**
   * What is owed in all (the cap, and the base of the over-limit part). The engine passes the account's
   * balance, which also holds charges already in the earlier minimum; without it the over-limit base is the
   * sum of this statement's parts and the cap adds the earlier unpaid minimum.
   */
  balanceFen?: number;
}

export type MinimumLineLabel =
  | 'purchase_within_limit'
  | 'cash_within_limit'
  | 'over_limit'
  | 'fees'
  | 'interest'
  | 'installments_due'
  | 'previous_unpaid_minimum'
  | 'floor'
  | 'capped_at_balance';

export interface MinimumBreakdown {
  minimumFen: number;
  lines: Array<{ label: MinimumLineLabel; fen: number }>;
}

export function minimumPaymentLines(p: MinimumParts, rule: ProductTerms['minimumPayment']): MinimumBreakdown {
  const purchase = Math.max(0, p.purchaseFen);
  const cash = Math.max(0, p.cashFen);
  const fees = Math.max(0, p.feeFen);
  const interest = Math.max(0, p.interestFen);
  const installments = Math.max(0, p.installmentDueFen);
  const previous = Math.max(0, p.previousUnpaidMinimumFen);
  const owed = p.balanceFen ?? purchase + cash + fees + interest + installments;
  // Without the account's balance, the earlier unpaid minimum is owed on top of this statement's parts.
  const balance = p.balanceFen ?? owed + previous;
  if (balance <= 0) return { minimumFen: 0, lines: [] };
  const over = Math.max(0, owed - Math.max(0, p.creditLimitFen));
  const overPurchase = Math.min(purchase, over);
  const overCash = Math.min(cash, over - overPurchase);
  const lines: MinimumBreakdown['lines'] = [
    { label: 'purchase_within_limit', fen: applyRate(purchase - overPurchase, rule.principalRate) },
    { label: 'cash_within_limit', fen: applyRate(cash - overCash, rule.cashRate) },
    { label: 'over_limit', fen: overPurchase + overCash },
    { label: 'fees', fen: fees },
    { label: 'interest', fen: interest },
    { label: 'installments_due', fen: installments },
    { label: 'previous_unpaid_minimum', fen: previous },
  ];
  const computed = lines.reduce((s, l) => s + l.fen, 0);
  const floored = Math.max(computed, Math.min(rule.floorFen, balance));
  if (floored > computed) lines.push({ label: 'floor', fen: floored - computed });
  const minimumFen = Math.min(balance, floored);
  if (minimumFen < floored) lines.push({ label: 'capped_at_balance', fen: minimumFen - floored });
  return { minimumFen, lines };
}

/** The engine's inputs at a statement close, in terms of the account's buckets. */
export interface MinimumInput {
  newBalanceFen: number;
  /** Ordinary principal billed (revolving + billed), including this cycle's installment principal. */
  principalFen: number;
  cashFen: number;
  /** Fees and interest owed now (buckets), including any left from earlier statements. */
  feesFen: number;
  interestFen: number;
  /** Fees and interest charged since the previous statement (the rest were already in its minimum). */
  newChargesFen?: number;
  installmentDueFen: number;
  permanentLimitFen: number;
  /** The part of earlier minimum payments still unpaid (上期最低还款额未还部分), due in full. */
  previousUnpaidFen: number;
}

/**
 * The minimum at a statement close. Charges left from an earlier statement were counted in that statement's
 * minimum; as long as they are unpaid that minimum is unpaid by at least as much (repayments go to interest
 * and fees first), so only the charges beyond the earlier unpaid minimum are counted here.
 */
export function minimumPayment(input: MinimumInput, rule: ProductTerms['minimumPayment']): number {
  const owedCharges = Math.max(0, input.feesFen) + Math.max(0, input.interestFen);
  const carried = Math.min(
    Math.max(0, input.previousUnpaidFen),
    Math.max(0, owedCharges - (input.newChargesFen ?? owedCharges)),
  );
  // Carried charges leave fees first, then interest (the split does not change the total).
  const carriedFromFees = Math.min(Math.max(0, input.feesFen), carried);
  return minimumPaymentLines(
    {
      creditLimitFen: input.permanentLimitFen,
      purchaseFen: Math.max(0, input.principalFen - input.installmentDueFen),
      cashFen: input.cashFen,
      feeFen: Math.max(0, input.feesFen) - carriedFromFees,
      interestFen: Math.max(0, input.interestFen) - (carried - carriedFromFees),
      installmentDueFen: input.installmentDueFen,
      previousUnpaidMinimumFen: input.previousUnpaidFen,
      balanceFen: input.newBalanceFen,
    },
    rule,
  ).minimumFen;
}

/**
 * 容差: a statement counts as paid in full when what is left unpaid is at most the tolerance (≥ RMB 10).
 * Nothing due is trivially paid.
 */
export function isPaidInFull(paidFen: number, newBalanceFen: number, toleranceFen: number): boolean {
  return newBalanceFen - paidFen <= toleranceFen;
}

/** The minimum counts as met when the unpaid part of it is within the tolerance. */
export function isMinimumMet(unpaidMinimumFen: number, toleranceFen: number): boolean {
  return unpaidMinimumFen <= toleranceFen;
}

/** 容时: the last day a payment still counts as on time. */
export function graceUntil(dueDate: string, graceDays: number, addDays: (d: string, n: number) => string): string {
  return addDays(dueDate, graceDays);
}

/** 违约金 on an unpaid minimum (typical 5%, at least RMB 10, optional cap); nothing when the minimum was met. */
export function lateFee(unpaidMinimumFen: number, rule: ProductTerms['lateFee'], toleranceFen: number): number {
  if (isMinimumMet(unpaidMinimumFen, toleranceFen)) return 0;
  const fee = Math.max(applyRate(unpaidMinimumFen, rule.rate), rule.minFen);
  return rule.maxFen === null ? fee : Math.min(fee, rule.maxFen);
}

/** Cash-advance fee: a rate of the amount with a minimum (CMB 1%, min RMB 10). */
export function cashAdvanceFee(amountFen: number, rule: ProductTerms['cashAdvance']): number {
  return Math.max(applyRate(amountFen, rule.feeRate), rule.feeMinFen);
}
