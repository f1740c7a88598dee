/**
 * The product catalogue as the card engine keeps it: a product's terms in force today (its current
 * version), flattened into the names article placeholders use. Per-period installment fee rates are also
 * keyed by term, so `{{product:GOLD.installmentRate.bill.12|percent}}` reads the 12-period bill rate.
 */
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import {
  interestFreeRange,
  type ProductTerms,
  productRefs,
  productTermsStamp,
  scaleRate,
  termsOn,
} from '../../cards/index.ts';
import type { ProductCatalog } from './catalog.ts';
import type { ProductFacts } from './placeholders.ts';

function ratesByTerm(rates: ReadonlyArray<{ periods: number; feeRatePerPeriod: string }>): Record<string, string> {
  return Object.fromEntries(rates.map((r) => [String(r.periods), r.feeRatePerPeriod]));
}

/** How the product charges interest when a statement is not paid in full, in the words the FAQ uses. */
const INTEREST_MODE_TEXT: Record<ProductTerms['interestMode'], string> = {
  full_balance: '未全额还款时,当期全部消费从各自记账日起计息(全额计息)',
  unpaid_part: '未全额还款时,仅对未还部分从记账日起计息',
};

export function factsOf(product: { code: string; nameZh: string; nameEn: string }, terms: ProductTerms): ProductFacts {
  return {
    ...terms,
    code: product.code,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    annualFeeFen: terms.annualFee.amountFen,
    // The annualised rate comes before any daily rate (PBoC Announcement〔2021〕No. 3): simple, daily × 365.
    annualRate: scaleRate(terms.dailyRate, 365),
    interestModeText: INTEREST_MODE_TEXT[terms.interestMode],
    interestFreeDays: interestFreeRange(terms.daysToDue),
    installmentRate: {
      bill: ratesByTerm(terms.installments.bill),
      transaction: ratesByTerm(terms.installments.transaction),
      cash: ratesByTerm(terms.installments.cash),
    },
    installmentTerms: {
      bill: terms.installments.bill.map((r) => r.periods).join('/'),
      transaction: terms.installments.transaction.map((r) => r.periods).join('/'),
      cash: terms.installments.cash.map((r) => r.periods).join('/'),
    },
    services: terms.services.map((s) => s.nameZh).join('、'),
  };
}

export const cardsCatalog: ProductCatalog = {
  async currentFacts(ctx: Ctx, code: string) {
    // The card engine exports terms by product id; the code → id look-up is its too.
    const [product] = await productRefs(ctx.db, { codes: [code] });
    if (!product) return undefined;
    return factsOf(product, await termsOn(ctx.db, product.id, bankDate(ctx.clock.now())));
  },
  async stamp(ctx: Ctx) {
    // The card engine's stamp of the versions in force today: it moves exactly when they change.
    const today = bankDate(ctx.clock.now());
    return `${today}:${await productTermsStamp(ctx.db, today)}`;
  },
};
