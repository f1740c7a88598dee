import type { ProductTerms } from '@carddesk/contracts';

/**
 * Annual fee (card-rules.md §3): never on a card that was not activated (《2011办法》Art. 49); first year free
 * where the product says so; waived for the next card year by enough purchases (CMB: 6) or enough spend in the
 * card year just ended. Platinum-type products have no purchase waiver.
 */
export interface AnnualFeeInput {
  activated: boolean;
  purchasesInCardYear: number;
  spendInCardYearFen: number;
}

export type AnnualFeeDecision =
  | { charge: false; reason: 'not_activated' | 'waived_by_purchases' | 'waived_by_spend' | 'no_fee' }
  | { charge: true; amountFen: number };

export function annualFeeDecision(input: AnnualFeeInput, rule: ProductTerms['annualFee']): AnnualFeeDecision {
  if (!input.activated) return { charge: false, reason: 'not_activated' };
  if (rule.amountFen === 0) return { charge: false, reason: 'no_fee' };
  if (rule.waivePurchases !== null && input.purchasesInCardYear >= rule.waivePurchases) {
    return { charge: false, reason: 'waived_by_purchases' };
  }
  if (rule.waiveSpendFen !== null && input.spendInCardYearFen >= rule.waiveSpendFen) {
    return { charge: false, reason: 'waived_by_spend' };
  }
  return { charge: true, amountFen: rule.amountFen };
}

/**
 * The card year runs from activation (no fee before it, 《2011办法》Art. 49): its anniversary in `year` is the
 * activation's month and day, except that a 29 February activation has its anniversary on 28 February in
 * years without one.
 */
export function cardAnniversary(activatedOn: string, year: number): string {
  const monthDay = activatedOn.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return `${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '02-28' : monthDay}`;
}

/** What an agent tells a customer: how far they are from the waiver this card year. */
export function waiverProgress(input: AnnualFeeInput, rule: ProductTerms['annualFee']) {
  return {
    purchasesNeeded: rule.waivePurchases,
    purchasesSoFar: input.purchasesInCardYear,
    purchasesToGo: rule.waivePurchases === null ? null : Math.max(0, rule.waivePurchases - input.purchasesInCardYear),
    spendNeededFen: rule.waiveSpendFen,
    spendSoFarFen: input.spendInCardYearFen,
    spendToGoFen: rule.waiveSpendFen === null ? null : Math.max(0, rule.waiveSpendFen - input.spendInCardYearFen),
  };
}

/**
 * Points for a purchase (card-rules.md §3: CMB 1 point per RMB 20, CCB 1 per RMB 1): whole units of
 * `perYuan` yuan earn `points` each, times a category multiplier; excluded categories and non-purchases earn none.
 */
export function pointsFor(amountFen: number, category: string | null, rule: ProductTerms['points']): number {
  if (amountFen <= 0) return 0;
  if (category && rule.excludedCategories.includes(category)) return 0;
  const units = Math.floor(amountFen / (rule.perYuan * 100));
  const multiplier = (category ? rule.multipliers[category] : undefined) ?? 1;
  return units * rule.points * multiplier;
}
