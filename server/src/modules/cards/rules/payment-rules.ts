import type { ProductTerms } from '@carddesk/contracts';
import { applyRate } from './decimal.ts';

/**
 * Minimum payment (card-rules.md §1): a share of ordinary principal (10% typical), a share of cash principal,
 * plus 100% of fees, interest, installment amounts billed this cycle and the amount over the permanent limit
 * (a temporary limit is repaid in full), never more than the new balance; instalments have no minimum option.
 */
export interface MinimumInput {
  newBalanceFen: number;
  /** Ordinary principal billed (revolving + billed), including this cycle's installment principal. */
  principalFen: number;
  cashFen: number;
  feesFen: number;
  interestFen: number;
  installmentDueFen: number;
  permanentLimitFen: number;
  /** The part of earlier minimum payments still unpaid (上期最低还款额未还部分), due in full. */
  previousUnpaidFen: number;
}

export function minimumPayment(input: MinimumInput, rule: ProductTerms['minimumPayment']): number {
  if (input.newBalanceFen <= 0) return 0;
  const ordinary = Math.max(0, input.principalFen - input.installmentDueFen);
  const overLimit = Math.max(0, input.newBalanceFen - input.permanentLimitFen);
  const computed =
    applyRate(ordinary, rule.principalRate) +
    applyRate(Math.max(0, input.cashFen), rule.cashRate) +
    Math.max(0, input.feesFen) +
    Math.max(0, input.interestFen) +
    Math.max(0, input.installmentDueFen) +
    Math.max(0, input.previousUnpaidFen) +
    overLimit;
  const floored = Math.max(computed, Math.min(rule.floorFen, input.newBalanceFen));
  return Math.min(input.newBalanceFen, floored);
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
