/**
 * Text normalisation shared by the NLU classifier, the slot extractor and the knowledge base.
 *
 * Customers type on phones, in several scripts and with whatever keyboard they have, so the same
 * request arrives as "我的ＶＩＳＡ卡", "我的visa卡", "我的信用咭帳單" or "分十二期". Everything
 * downstream sees one canonical form: half-width, simplified, lower-case, Arabic numerals.
 */
import * as OpenCC from 'opencc-js/t2cn';

export interface NormalizeOptions {
  /** Convert Chinese numerals with a numeric meaning (十二期, 三千五, 1.2万) to Arabic digits. Default true. */
  readonly numerals?: boolean;
  /** Fix a small list of domain misspellings (信用咔, 还欵, 帐单). Default true. */
  readonly typos?: boolean;
}

// Taiwan phrasing first (軟體→软件, 線上→在线), then Hong Kong variants (衞→卫, 裏→里) on what is left.
const toSimplifiedTw = OpenCC.Converter({ from: 'twp', to: 'cn' });
const toSimplifiedHk = OpenCC.Converter({ from: 'hk', to: 'cn' });

/**
 * Domain misspellings and regional words for "card"/"account" that OpenCC leaves alone. Kept short on
 * purpose: the classifier learns the long tail from the corpus; these are the ones that also break
 * the slot patterns and the knowledge-base search.
 */
const TYPO_FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/帐(?!篷|幕|子)/g, '账'], // OpenCC maps 帳 to 帐; in banking it is always 账 (蚊帐/帐篷 excepted)
  [/欵/g, '款'],
  [/信用[咔咭卞]/g, '信用卡'],
  [/([银銀借贷储信])咭/g, '$1卡'],
  [/挂矢/g, '挂失'],
  [/份期/g, '分期'],
  [/额渡/g, '额度'],
  [/密玛/g, '密码'],
  [/[滞帯]纳金/g, '滞纳金'],
];

// Invisible characters that survive copy-paste from chat apps and break n-grams.
// Controls and line separators separate words (tabs, newlines): they become spaces, collapsed later.
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
// Format characters (zero-width space, BOM, direction marks) and the specials block sit inside words.
const INVISIBLE = /[\p{Cf}\ufff0-\uffff]/gu;

export function normalizeText(input: string, options: NormalizeOptions = {}): string {
  let text = input.normalize('NFKC').replace(CONTROL, ' ').replace(INVISIBLE, '');
  // Script conversion, typo fixes and numerals only concern Chinese; English-only text skips them (3× faster).
  const hasCjk = CJK.test(text);
  if (hasCjk && needsConversion(text)) text = toSimplifiedHk(toSimplifiedTw(text));
  text = text.toLowerCase();
  if (hasCjk && options.typos !== false) {
    for (const [pattern, replacement] of TYPO_FIXES) text = text.replace(pattern, replacement);
  }
  // Ideographic spaces are folded by NFKC; tabs and newlines are just spaces to us.
  text = text.replace(/\s+/g, ' ').trim();
  // Thousands separators: "1,200.50" is one number, not two.
  text = text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  if (hasCjk && options.numerals !== false) text = convertChineseNumerals(text);
  return text;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

let convertible: Set<string> | undefined;

/**
 * Whether OpenCC would change anything: most customers write simplified Chinese, and the two converters
 * are the most expensive step of normalisation. The set of characters they change is found once, by
 * converting every CJK character in one call (one per line, so no phrase spans two characters).
 */
function needsConversion(text: string): boolean {
  if (!convertible) {
    const chars: string[] = [];
    for (let c = 0x3400; c <= 0x9fff; c++) chars.push(String.fromCharCode(c));
    for (let c = 0xf900; c <= 0xfaff; c++) chars.push(String.fromCharCode(c));
    const converted = toSimplifiedHk(toSimplifiedTw(chars.join('\n'))).split('\n');
    convertible = new Set(chars.filter((ch, i) => converted[i] !== ch));
  }
  for (const ch of text) if (convertible.has(ch)) return true;
  return false;
}

const DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/**
 * Parse a run of Chinese numerals ("三千五", "一万二", "十二", "两百零五", "一二三四") into a number.
 * Returns undefined when the run is not a well-formed number. Colloquial elision is supported:
 * "三千五" = 3500, "一万二" = 12000, "两百五" = 250 (the trailing digit takes the next lower unit).
 */
export function parseChineseNumber(run: string): number | undefined {
  if (run.length === 0) return undefined;
  const chars = [...run];
  // Digit-by-digit form (一二三四 for a card tail, 二〇二四 for a year): no units at all.
  if (chars.length >= 3 && chars.every((c) => c in DIGIT)) {
    return Number(chars.map((c) => DIGIT[c]).join(''));
  }
  let total = 0; // completed 万/亿 sections
  let section = 0; // current section below 万
  let digit: number | undefined;
  let lastUnit = 0; // last small unit applied, for the elided trailing digit
  let lastBig = 0;
  let sawZero = false;
  for (const c of chars) {
    const d = DIGIT[c];
    if (d !== undefined) {
      if (digit !== undefined) return undefined; // two digits in a row with units around: malformed
      digit = d;
      if (d === 0) {
        sawZero = true;
        digit = undefined;
      }
      continue;
    }
    const small = SMALL_UNIT[c];
    if (small !== undefined) {
      // "十二" starts with a bare 十; anywhere else a unit needs a digit before it.
      if (digit === undefined && !(small === 10 && section === 0 && total === 0 && !sawZero)) return undefined;
      section += (digit ?? 1) * small;
      digit = undefined;
      lastUnit = small;
      sawZero = false;
      continue;
    }
    const big = BIG_UNIT[c];
    if (big !== undefined) {
      if (digit === undefined && section === 0) return undefined;
      section += digit ?? 0;
      total = (total + section) * big;
      section = 0;
      digit = undefined;
      lastUnit = 0;
      lastBig = big;
      sawZero = false;
      continue;
    }
    return undefined;
  }
  if (digit !== undefined) {
    if (sawZero || (lastUnit === 0 && lastBig === 0)) section += digit;
    else if (lastUnit > 1)
      section += digit * (lastUnit / 10); // 三千五 → 3000 + 500
    else if (lastUnit === 0 && lastBig > 0)
      section += digit * (lastBig / 10); // 一万二 → 10000 + 2000
    else section += digit;
  }
  return total + section;
}

const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千万亿]+/g;
// A numeral followed by one of these is a quantity (十二期, 两张, 三天); otherwise a lone 一 is a word (一下, 一直).
const QUANTITY_AFTER =
  /^(期|号|日|月|年|天|块|元|岁|张|笔|次|周|个|秒|倍|位|小时|分钟|[分点][零〇一二两三四五六七八九十\d])/;
const IDIOM_BEFORE = /(统|唯|专|逐|单|第)$/;

/**
 * Replace Chinese numerals that carry a numeric meaning with Arabic digits. A lone 一/两/万 inside
 * ordinary words (一下, 一直, 万一, 十分生气) is left alone; runs with a unit (三千五) or followed by a
 * measure word (十二期) are converted. Mixed forms are folded too: "1.2万" → "12000", "3千" → "3000".
 */
export function convertChineseNumerals(text: string): string {
  let out = text.replace(NUMERAL_RUN, (run: string, offset: number, whole: string) => {
    const after = whole.slice(offset + run.length);
    const before = whole.slice(0, offset);
    if (/^[万亿千百]/.test(run)) return run; // 万一, 千万别, 百分百: idioms, never a number on their own
    const hasUnit = /[十百千万亿]/.test(run);
    const isQuantity = QUANTITY_AFTER.test(after);
    if (run.length === 1) {
      if (!isQuantity || IDIOM_BEFORE.test(before)) return run;
      if (run === '十' && /^分[^钟\d]/.test(after)) return run;
    } else if (!hasUnit && run.length < 3 && !isQuantity) {
      return run; // 一一, 五六: not a number on its own
    }
    const value = parseChineseNumber(run);
    return value === undefined ? run : String(value);
  });
  // Arabic digits with a Chinese magnitude: 1.2万 → 12000, 3千 → 3000, 5百 → 500.
  out = out.replace(/(\d+(?:\.\d+)?)\s?([十百千万亿]+)/g, (m, num: string, units: string) => {
    let value = Number(num);
    for (const u of units) value *= SMALL_UNIT[u] ?? BIG_UNIT[u] ?? 1;
    if (!Number.isFinite(value)) return m;
    return String(Math.round(value * 100) / 100);
  });
  return out;
}
