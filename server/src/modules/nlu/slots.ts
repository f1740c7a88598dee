/**
 * Slot extraction: amounts, installment terms, dates, card last four, durations and merchants.
 *
 * Works on normalised text (`normalizeText`), where "五千块" is already "5000块", "十二期" is "12期" and
 * "1.2万" is "12000", so the patterns here only deal with Arabic digits. Extractors run from the most
 * specific to the least (a card tail before an amount, "15号" as a date before a bare number) and each
 * claims its characters so that one span is never read twice.
 * Money is integer fen (分); dates are `YYYY-MM-DD` in the bank's zone (Asia/Shanghai), relative to a
 * clock passed in.
 */

export type Currency = 'CNY' | 'USD' | 'HKD' | 'EUR' | 'GBP' | 'JPY';

export interface AmountSlot {
  readonly text: string;
  /** Amount in the minor unit (fen for CNY, cents for USD…), an integer. */
  readonly minor: number;
  readonly currency: Currency;
}

export interface InstallmentTermSlot {
  readonly text: string;
  readonly periods: number;
}

export interface DateSlot {
  readonly text: string;
  /** `date`: one calendar day; `monthly`: a day of every month (每月5号). */
  readonly kind: 'date' | 'monthly';
  readonly date?: string;
  readonly dayOfMonth?: number;
}

export interface CardLast4Slot {
  readonly text: string;
  readonly last4: string;
}

export type DurationUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export interface DurationSlot {
  readonly text: string;
  readonly value: number;
  readonly unit: DurationUnit;
}

export interface MerchantSlot {
  readonly text: string;
  readonly name: string;
}

export interface Slots {
  amounts?: AmountSlot[];
  installmentTerms?: InstallmentTermSlot[];
  dates?: DateSlot[];
  cardLast4?: CardLast4Slot[];
  durations?: DurationSlot[];
  merchants?: MerchantSlot[];
}

export interface SlotOptions {
  /** Reference instant for relative dates (昨天, 下个月15号). */
  readonly now?: Date;
  /** IANA zone of the bank's calendar. */
  readonly timeZone?: string;
}

/** Tracks which characters an earlier, more specific extractor has already used. */
class Claims {
  private readonly used: Uint8Array;
  constructor(length: number) {
    this.used = new Uint8Array(length);
  }
  free(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.used[i]) return false;
    return true;
  }
  take(start: number, end: number): void {
    this.used.fill(1, start, end);
  }
}

/** Global copies of the patterns, compiled once (a RegExp per call was a third of the extraction time). */
const globalPatterns = new Map<RegExp, RegExp>();

function* matches(text: string, pattern: RegExp, claims: Claims): Generator<RegExpExecArray> {
  let re = globalPatterns.get(pattern);
  if (!re) {
    re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    globalPatterns.set(pattern, re);
  }
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    if (!claims.free(m.index, m.index + m[0].length)) {
      // Overlaps an earlier slot: try again from the next character, the real match may start later.
      re.lastIndex = m.index + 1;
      continue;
    }
    claims.take(m.index, m.index + m[0].length);
    yield m;
  }
}

// ---- card last four -------------------------------------------------------------------------------
const CARD_TAIL =
  /(?:尾号|尾数|卡尾|末四位|后四位|后4位|末4位|最后四位|最后4位|卡号后四位|ending in|ends in|ending with|last four(?: digits)?|last 4(?: digits)?)\s*(?:是|为|:)?\s*(\d{4})(?!\d)/;

// ---- installment terms ----------------------------------------------------------------------------
// "分12期", "12期", "分成6期", "分12个月还"; not "第3期" (which instalment) and not "3期账单" in the sense of cycles.
const TERM = /(?<!第)(?:分成?|办|做|选)?\s*(\d{1,2})\s*期(?!账单)|分成?\s*(\d{1,2})\s*个月/;

// ---- dates ----------------------------------------------------------------------------------------
const WEEKDAY: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  日: 7,
  天: 7,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  '6': 6,
  '7': 7,
};
const DATE_PATTERNS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray, today: Ymd) => DateSlot | undefined]> = [
  [
    /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?/,
    (m, _t) => dateSlot(m[0], +(m[1] as string), +(m[2] as string), +(m[3] as string)),
  ],
  [/每(?:个)?月(?:的)?\s*(\d{1,2})\s*[号日]/, (m) => monthlySlot(m[0], +(m[1] as string))],
  [
    /(上上|上|下|这|本)(?:个)?月(?:的)?\s*(\d{1,2})\s*[号日]/,
    (m, t) => {
      const shift = { 上上: -2, 上: -1, 下: 1, 这: 0, 本: 0 }[m[1] as '上'] ?? 0;
      const { y, mo } = addMonths(t, shift);
      return dateSlot(m[0], y, mo, +(m[2] as string));
    },
  ],
  [/(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[号日]/, (m, t) => dateSlot(m[0], t.y, +(m[1] as string), +(m[2] as string))],
  [
    /大前天|前天|昨天|昨日|今天|今日|明天|明日|大后天|后天/,
    (m, t) => dateSlot(m[0], ...addDays(t, RELATIVE_DAYS[m[0]] ?? 0)),
  ],
  [
    /(上上|上|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])/,
    (m, t) => {
      const weekShift = { 上上: -2, 上: -1, 下: 1, 这: 0, 本: 0 }[(m[1] ?? '这') as '上'] ?? 0;
      const target = WEEKDAY[m[2] as string] ?? 1;
      const offset = weekShift * 7 + (target - isoWeekday(t));
      return dateSlot(m[0], ...addDays(t, offset));
    },
  ],
  [/(?<![\d.])(\d{1,2})\s*[号日](?!元)/, (m, t) => dateSlot(m[0], t.y, t.mo, +(m[1] as string))],
];
const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  大前天: -3,
  前天: -2,
  昨天: -1,
  昨日: -1,
  今天: 0,
  今日: 0,
  明天: 1,
  明日: 1,
  后天: 2,
  大后天: 3,
};

interface Ymd {
  y: number;
  mo: number;
  d: number;
}

const calendars = new Map<string, Intl.DateTimeFormat>();

function todayIn(now: Date, timeZone: string): Ymd {
  // Building a DateTimeFormat costs more than all the patterns together: one per zone, kept.
  let calendar = calendars.get(timeZone);
  if (!calendar) {
    calendar = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    calendars.set(timeZone, calendar);
  }
  const parts = calendar.formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get('year'), mo: get('month'), d: get('day') };
}

function addDays(t: Ymd, days: number): [number, number, number] {
  const d = new Date(Date.UTC(t.y, t.mo - 1, t.d + days));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function addMonths(t: Ymd, months: number): { y: number; mo: number } {
  const index = t.y * 12 + (t.mo - 1) + months;
  return { y: Math.floor(index / 12), mo: (index % 12) + 1 };
}

function isoWeekday(t: Ymd): number {
  const wd = new Date(Date.UTC(t.y, t.mo - 1, t.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

function dateSlot(text: string, y: number, mo: number, d: number): DateSlot | undefined {
  const probe = new Date(Date.UTC(y, mo - 1, d));
  // Reject 2月30日 and 13月: a date that does not exist is not a date slot.
  if (mo < 1 || mo > 12 || d < 1 || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return undefined;
  return {
    text,
    kind: 'date',
    date: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  };
}

function monthlySlot(text: string, day: number): DateSlot | undefined {
  return day >= 1 && day <= 31 ? { text, kind: 'monthly', dayOfMonth: day } : undefined;
}

// ---- durations ------------------------------------------------------------------------------------
const DURATION = /(\d+(?:\.\d+)?|半)\s*(?:个)?\s*(多)?\s*(分钟|小时|钟头|天|日|周|星期|礼拜|月|年)(半)?/;
const DURATION_UNIT: Readonly<Record<string, DurationUnit>> = {
  分钟: 'minute',
  小时: 'hour',
  钟头: 'hour',
  天: 'day',
  日: 'day',
  周: 'week',
  星期: 'week',
  礼拜: 'week',
  月: 'month',
  年: 'year',
};

// ---- amounts --------------------------------------------------------------------------------------
const CURRENCY_WORD: ReadonlyArray<readonly [RegExp, Currency]> = [
  [/^(?:¥|rmb|cny|人民币|元|块钱|块|圆)$/, 'CNY'],
  [/^(?:\$|usd|us\$|美元|美金|刀)$/, 'USD'],
  [/^(?:hk\$|hkd|港币|港元)$/, 'HKD'],
  [/^(?:€|eur|欧元)$/, 'EUR'],
  [/^(?:£|gbp|英镑)$/, 'GBP'],
  [/^(?:jpy|日元|日币|円)$/, 'JPY'],
];
const PREFIX_AMOUNT = /(hk\$|us\$|¥|\$|€|£|rmb|cny|usd|hkd|eur|gbp|jpy|人民币)\s*(\d+(?:\.\d+)?)\s*([kw])?(?![\d.])/;
const SUFFIX_AMOUNT =
  /(?<![\d.])(\d+(?:\.\d+)?)\s*([kw])?\s*(块钱|块|元|圆|rmb|cny|人民币|美元|美金|usd|刀|港币|港元|hkd|欧元|eur|英镑|gbp|日元|日币|jpy)(?![a-z])/;
const K_AMOUNT = /(?<![\d.a-z])(\d+(?:\.\d+)?)\s*([kw])(?![a-z])/;
// A bare number is an amount unless a unit word shows it is something else (12期, 3天, 2张, 50%).
const BARE_NUMBER =
  /(?<![\d.#])(\d{1,7}(?:\.\d{1,2})?)(?![\d.%])(?!\s*(?:期|号|日|月|年|天|次|笔|张|个|位|岁|点|分钟|小时|周|星期|倍|楼|层|号线|路|g|gb|km))/;

function currencyOf(word: string | undefined): Currency {
  if (!word) return 'CNY';
  for (const [re, c] of CURRENCY_WORD) if (re.test(word)) return c;
  return 'CNY';
}

function amount(text: string, num: string, multiplier: string | undefined, currency: Currency): AmountSlot | undefined {
  const value = Number(num) * (multiplier === 'w' ? 10_000 : multiplier === 'k' ? 1_000 : 1);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  return { text, minor: Math.round(value * 100), currency };
}

// ---- merchants ------------------------------------------------------------------------------------
const KNOWN_MERCHANTS = [
  '淘宝',
  '天猫',
  '京东',
  '拼多多',
  '美团',
  '饿了么',
  '携程',
  '去哪儿',
  '飞猪',
  '滴滴',
  '星巴克',
  '瑞幸',
  '喜茶',
  '麦当劳',
  '肯德基',
  '必胜客',
  '海底捞',
  '沃尔玛',
  '家乐福',
  '山姆',
  '盒马',
  '永辉',
  '大润发',
  '物美',
  '宜家',
  '优衣库',
  '苏宁',
  '国美',
  '唯品会',
  '抖音',
  '快手',
  '爱奇艺',
  '优酷',
  '腾讯视频',
  '哔哩哔哩',
  'b站',
  '网易',
  '支付宝',
  '微信',
  '财付通',
  '云闪付',
  '12306',
  '中石化',
  '中石油',
  '万达',
  '华为',
  '小米',
  '苹果',
  'apple',
  'app store',
  'amazon',
  '亚马逊',
  'costco',
  'ikea',
  'uber',
  'airbnb',
  'booking',
  'agoda',
  'netflix',
  'paypal',
  'tenpay',
  'alipay',
  'steam',
  '得物',
  '闲鱼',
  '叮咚买菜',
  '顺丰',
  '国航',
  '东航',
  '南航',
  '春秋航空',
];
const KNOWN_MERCHANT = new RegExp(
  KNOWN_MERCHANTS.sort((a, b) => b.length - a.length)
    .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
);
const COMPANY = /[\u4e00-\u9fa5a-z]{2,16}?(?:有限公司|股份公司|科技公司|网络公司|商贸|商行|旗舰店|专卖店|专营店)/;
const AT_PLACE =
  /(?:在|于|at)\s*([\u4e00-\u9fa5a-z]{2,10}?)(?:那里|那边|这家)?\s*(?:消费|刷卡|刷了|刷的|买|购买|付款|支付|扣|充值|下单|吃饭)/;
/** Places that are not merchants: "在网上买的", "在国外刷卡". */
const NOT_MERCHANT =
  /^(网上|线上|国外|境外|外地|外面|店里|超市|商场|饭店|餐厅|加油站|医院|机场|酒店|手机|app|网站|那|这|哪|哪里|哪儿|家|家里|公司|国内|日本|美国|香港|澳门|台湾|泰国|韩国|欧洲)$/;

/** Extract every slot kind from normalised text. Kinds with no match are omitted. */
export function extractSlots(normalized: string, options: SlotOptions = {}): Slots {
  const text = normalized;
  const claims = new Claims(text.length);
  const today = todayIn(options.now ?? new Date(), options.timeZone ?? 'Asia/Shanghai');
  const slots: Slots = {};
  const push = <K extends keyof Slots>(key: K, value: NonNullable<Slots[K]>[number] | undefined) => {
    if (value === undefined) return;
    const list = (slots[key] ?? []) as Array<NonNullable<Slots[K]>[number]>;
    list.push(value);
    slots[key] = list as Slots[K];
  };

  for (const m of matches(text, CARD_TAIL, claims)) push('cardLast4', { text: m[0], last4: m[1] as string });

  for (const m of matches(text, TERM, claims)) {
    const periods = Number(m[1] ?? m[2]);
    if (periods >= 1 && periods <= 60) push('installmentTerms', { text: m[0].trim(), periods });
  }

  for (const [pattern, make] of DATE_PATTERNS)
    for (const m of matches(text, pattern, claims)) push('dates', make(m, today));

  for (const m of matches(text, DURATION, claims)) {
    const raw = m[1] as string;
    let value = raw === '半' ? 0.5 : Number(raw);
    if (m[4] === '半') value += 0.5;
    const unit = DURATION_UNIT[m[3] as string] as DurationUnit;
    // "2024年" is a year, not a duration; "100年" nobody waits.
    if (value > 0 && !(unit === 'year' && value > 50)) push('durations', { text: m[0], value, unit });
  }

  for (const m of matches(text, PREFIX_AMOUNT, claims))
    push('amounts', amount(m[0], m[2] as string, m[3], currencyOf(m[1])));
  for (const m of matches(text, SUFFIX_AMOUNT, claims))
    push('amounts', amount(m[0], m[1] as string, m[2], currencyOf(m[3])));
  for (const m of matches(text, K_AMOUNT, claims)) push('amounts', amount(m[0], m[1] as string, m[2], 'CNY'));
  for (const m of matches(text, BARE_NUMBER, claims)) push('amounts', amount(m[0], m[1] as string, undefined, 'CNY'));

  const merchantNames = new Set<string>();
  const addMerchant = (matched: string, name: string) => {
    const clean = name.trim();
    if (clean.length < 2 || NOT_MERCHANT.test(clean) || merchantNames.has(clean)) return;
    merchantNames.add(clean);
    push('merchants', { text: matched, name: clean });
  };
  for (const m of matches(text, COMPANY, claims)) {
    // The pattern can reach back over "下午在…"; the name starts after the last 在/是/叫/被/于/的.
    const name = m[0].replace(/^.*[在是叫被于的]/, '');
    addMerchant(name, name);
  }
  for (const m of matches(text, KNOWN_MERCHANT, claims)) addMerchant(m[0], m[0]);
  for (const m of matches(text, AT_PLACE, claims)) addMerchant(m[0], m[1] as string);
  return slots;
}
