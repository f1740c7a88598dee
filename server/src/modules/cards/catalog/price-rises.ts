import type { ProductTerms } from '@carddesk/contracts';
import { parseRate } from '../rules/decimal.ts';

/**
 * Rates and fees a new product version raises for the holder (card-rules.md §1 and §4: a rate or term change
 * needs ≥ 45 days' notice, 《111号》 and 《2011办法》). A new installment term is an addition, not a rise; a
 * fee that becomes payable where it was not (first year no longer free, a harder or withdrawn annual-fee
 * waiver, unbilled installment fees charged on early repayment) is a rise.
 */
export const PRICE_RISE_NOTICE_DAYS = 45;

export interface PriceRise {
  item: string;
  from: string;
  to: string;
}

function rateAbove(next: string, prev: string): boolean {
  const a = parseRate(next);
  const b = parseRate(prev);
  return a.num * b.den > b.num * a.den;
}

export function priceRises(prev: ProductTerms, next: ProductTerms): PriceRise[] {
  const rises: PriceRise[] = [];
  const rate = (item: string, from: string, to: string) => {
    if (rateAbove(to, from)) rises.push({ item, from, to });
  };
  const fen = (item: string, from: number | null, to: number | null) => {
    // null = no cap: a cap removed is a rise, a cap added is not.
    if (from === null ? false : to === null || to > from) rises.push({ item, from: String(from), to: String(to) });
  };
  rate('dailyRate', prev.dailyRate, next.dailyRate);
  rate('lateFee.rate', prev.lateFee.rate, next.lateFee.rate);
  fen('lateFee.minFen', prev.lateFee.minFen, next.lateFee.minFen);
  fen('lateFee.maxFen', prev.lateFee.maxFen, next.lateFee.maxFen);
  rate('cashAdvance.feeRate', prev.cashAdvance.feeRate, next.cashAdvance.feeRate);
  fen('cashAdvance.feeMinFen', prev.cashAdvance.feeMinFen, next.cashAdvance.feeMinFen);
  fen('annualFee.amountFen', prev.annualFee.amountFen, next.annualFee.amountFen);
  // A waiver that needs more purchases or spend, or is no longer offered (null), makes the fee payable more often.
  fen('annualFee.waivePurchases', prev.annualFee.waivePurchases, next.annualFee.waivePurchases);
  fen('annualFee.waiveSpendFen', prev.annualFee.waiveSpendFen, next.annualFee.waiveSpendFen);
  if (prev.installments.prepayFee === 'none' && next.installments.prepayFee === 'remaining')
    rises.push({ item: 'installments.prepayFee', from: 'none', to: 'remaining' });
  if (prev.annualFee.firstYearFree && !next.annualFee.firstYearFree)
    rises.push({ item: 'annualFee.firstYearFree', from: 'true', to: 'false' });
  if (prev.interestMode === 'unpaid_part' && next.interestMode === 'full_balance')
    rises.push({ item: 'interestMode', from: prev.interestMode, to: next.interestMode });
  for (const kind of ['bill', 'transaction', 'cash'] as const) {
    for (const r of next.installments[kind]) {
      const old = prev.installments[kind].find((o) => o.periods === r.periods);
      if (old) rate(`installments.${kind}.${r.periods}`, old.feeRatePerPeriod, r.feeRatePerPeriod);
    }
  }
  return rises;
}
