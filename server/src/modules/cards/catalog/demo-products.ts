import type { ProductTermsInput } from '@carddesk/contracts';

/**
 * The demo catalogue: four realistic products on demo BINs (622588… is not a live issuer range here).
 * Figures follow card-rules.md: CMB-style fees and points, the 0.05%/day classic rate, 20 days to due,
 * 3 grace days and RMB 10 tolerance, 5% late fee with RMB 10 minimum.
 */
export interface DemoProduct {
  code: string;
  nameZh: string;
  nameEn: string;
  tier: string;
  bin: string;
  terms: ProductTermsInput;
}

const standardInstallments = {
  bill: [
    { periods: 3, feeRatePerPeriod: '0.0075' },
    { periods: 6, feeRatePerPeriod: '0.0070' },
    { periods: 12, feeRatePerPeriod: '0.0060' },
    { periods: 24, feeRatePerPeriod: '0.0068' },
  ],
  transaction: [
    { periods: 3, feeRatePerPeriod: '0.0075' },
    { periods: 6, feeRatePerPeriod: '0.0070' },
    { periods: 12, feeRatePerPeriod: '0.0060' },
    { periods: 24, feeRatePerPeriod: '0.0068' },
    { periods: 36, feeRatePerPeriod: '0.0072' },
  ],
  cash: [
    { periods: 6, feeRatePerPeriod: '0.0070' },
    { periods: 12, feeRatePerPeriod: '0.0065' },
    { periods: 24, feeRatePerPeriod: '0.0068' },
  ],
};

/** The gold, platinum and co-branded cards also offer 18 periods on a statement and on cash; the standard card does not. */
const withEighteen = (base: typeof standardInstallments) => ({
  ...base,
  bill: [...base.bill, { periods: 18, feeRatePerPeriod: '0.0066' }].sort((a, b) => a.periods - b.periods),
  cash: [...base.cash, { periods: 18, feeRatePerPeriod: '0.0066' }].sort((a, b) => a.periods - b.periods),
});

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    code: 'STD',
    nameZh: '畅享标准卡',
    nameEn: 'Classic Standard',
    tier: 'standard',
    bin: '622588',
    terms: {
      limit: { minFen: 300_000, maxFen: 5_000_000, defaultFen: 1_000_000 },
      installments: standardInstallments,
      annualFee: { amountFen: 10_000, firstYearFree: true, waivePurchases: 6 },
      points: { points: 1, perYuan: 20 },
      services: [{ code: 'sms_alerts', nameZh: '免费交易短信提醒', nameEn: 'Free transaction alerts' }],
    },
  },
  {
    code: 'GOLD',
    nameZh: '金卡',
    nameEn: 'Gold',
    tier: 'gold',
    bin: '622589',
    terms: {
      limit: { minFen: 1_000_000, maxFen: 10_000_000, defaultFen: 3_000_000 },
      installments: withEighteen(standardInstallments),
      annualFee: { amountFen: 30_000, firstYearFree: true, waivePurchases: 6 },
      points: { points: 1, perYuan: 20 },
      services: [
        { code: 'sms_alerts', nameZh: '免费交易短信提醒', nameEn: 'Free transaction alerts' },
        { code: 'lost_card_cover', nameZh: '失卡保障(挂失前72小时)', nameEn: 'Lost-card cover (72 h before report)' },
      ],
    },
  },
  {
    code: 'PLAT',
    nameZh: '白金卡',
    nameEn: 'Platinum',
    tier: 'platinum',
    bin: '622590',
    terms: {
      limit: { minFen: 5_000_000, maxFen: 30_000_000, defaultFen: 8_000_000 },
      installments: {
        ...withEighteen(standardInstallments),
        transaction: [...standardInstallments.transaction, { periods: 60, feeRatePerPeriod: '0.0075' }],
      },
      // Platinum cards are excluded from the six-purchase waiver (card-rules.md §3).
      annualFee: { amountFen: 360_000, firstYearFree: true, waivePurchases: null, waiveSpendFen: 20_000_000 },
      points: { points: 1, perYuan: 10 },
      limitRules: { approvalAboveFen: 5_000_000 },
      services: [
        { code: 'airport_lounge', nameZh: '机场贵宾厅(每年6次)', nameEn: 'Airport lounge, 6 visits a year' },
        { code: 'travel_insurance', nameZh: '航空意外险(最高500万元)', nameEn: 'Air accident cover up to RMB 5m' },
        { code: 'roadside', nameZh: '道路救援', nameEn: 'Roadside assistance' },
        { code: 'lost_card_cover', nameZh: '失卡保障(挂失前72小时)', nameEn: 'Lost-card cover (72 h before report)' },
      ],
    },
  },
  {
    code: 'AIR',
    nameZh: '东方航空联名卡',
    nameEn: 'Airline Co-branded',
    tier: 'co_brand',
    bin: '622591',
    terms: {
      limit: { minFen: 500_000, maxFen: 15_000_000, defaultFen: 2_000_000 },
      interestMode: 'unpaid_part',
      installments: withEighteen(standardInstallments),
      annualFee: { amountFen: 20_000, firstYearFree: true, waivePurchases: 6, waiveSpendFen: 1_000_000 },
      points: { points: 1, perYuan: 15, multipliers: { travel: 3 } },
      services: [
        { code: 'miles', nameZh: '积分兑换航空里程', nameEn: 'Points to airline miles' },
        { code: 'priority_checkin', nameZh: '优先值机', nameEn: 'Priority check-in' },
      ],
    },
  },
];

/** The reward catalogue for points redemption (statement credits and goods). */
export const DEMO_REWARDS = [
  {
    code: 'CREDIT_10',
    nameZh: '10元账单抵扣',
    nameEn: 'RMB 10 statement credit',
    points: 1000,
    kind: 'statement_credit',
    valueFen: 1000,
  },
  {
    code: 'CREDIT_50',
    nameZh: '50元账单抵扣',
    nameEn: 'RMB 50 statement credit',
    points: 5000,
    kind: 'statement_credit',
    valueFen: 5000,
  },
  { code: 'UMBRELLA', nameZh: '晴雨两用伞', nameEn: 'Umbrella', points: 3000, kind: 'goods', valueFen: 0 },
  { code: 'LUGGAGE', nameZh: '20寸拉杆箱', nameEn: '20-inch suitcase', points: 40000, kind: 'goods', valueFen: 0 },
] as const;
