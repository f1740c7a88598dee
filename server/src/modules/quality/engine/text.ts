/**
 * Text as the rules see it: what people say, not how it was typed or transcribed. One pass folds each
 * character (NFKC: full-width → half-width; lower case; traditional and variant characters → simplified),
 * drops spaces, punctuation and fillers (嗯, 呃, 那个…), and reads runs of spoken digits (八零零一, 幺三八)
 * as digits. Every character of the result remembers where it came from, so a match is shown as the words
 * the agent actually wrote.
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplifiedTw = OpenCC.Converter({ from: 'twp', to: 'cn' });
const toSimplifiedHk = OpenCC.Converter({ from: 'hk', to: 'cn' });

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const KEEP = /[\p{L}\p{N}*]/u;

const folded = new Map<string, string>();

/** One character folded: NFKC and lower case. Cached: a transcript repeats few characters. */
function foldChar(c: string): string {
  let f = folded.get(c);
  if (f === undefined) {
    f = c.normalize('NFKC').toLowerCase();
    folded.set(c, f);
  }
  return f;
}

let convertible: Set<string> | undefined;

/**
 * Traditional and variant characters to simplified, on the whole text (OpenCC converts phrases: 什麼 and
 * 什么 both stay 什么, where a lone 么 would not). Most text has nothing to convert and skips the cost.
 */
function simplified(raw: string): string[] {
  const chars = [...raw];
  if (!convertible) {
    const all: string[] = [];
    for (let c = 0x3400; c <= 0x9fff; c++) all.push(String.fromCharCode(c));
    for (let c = 0xf900; c <= 0xfaff; c++) all.push(String.fromCharCode(c));
    const converted = toSimplifiedHk(toSimplifiedTw(all.join('\n'))).split('\n');
    convertible = new Set(all.filter((ch, i) => converted[i] !== ch));
  }
  if (!chars.some((c) => convertible?.has(c))) return chars;
  const out = [...toSimplifiedHk(toSimplifiedTw(raw))];
  // A phrase conversion that changed the length cannot be mapped back character by character.
  return out.length === chars.length ? out : chars;
}

/**
 * Spoken digits as people read numbers out (幺 for one, 两 for two, 洞/〇/零 for nought, 拐 for seven); a run
 * of three or more is a number read out.
 */
const SPOKEN: Record<string, string> = {
  零: '0',
  〇: '0',
  洞: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  拐: '7',
  八: '8',
  九: '9',
};

/**
 * Fillers that carry nothing a rule looks for. Multi-character ones first. 吗 stays (听不懂吗 is a
 * question), so do 了 and 的 (they are part of phrases; keyword patterns let them in between words).
 */
const FILLERS = [
  '那个',
  '这个',
  '就是说',
  '嗯',
  '呃',
  '啊',
  '哦',
  '噢',
  '呐',
  '诶',
  '欸',
  '哎',
  '呀',
  '嘛',
  '吧',
  '呢',
];

export interface MatchText {
  /** The original text. */
  readonly raw: string;
  /** Folded, without spaces, punctuation and fillers; spoken digit runs as digits. */
  readonly compact: string;
  /** For each character of `compact`, its offset in `raw`. */
  readonly origin: readonly number[];
  /** For each character of `compact`, the offset just after it in `raw`. */
  readonly originEnd: readonly number[];
  /** For each character of `compact`, the sentence it belongs to (counted at 。！？；, line breaks). */
  readonly sentence: readonly number[];
}

/** Where a sentence ends: a negation or a polite frame does not reach beyond it. */
const SENTENCE_END = /[。！？!?；;\n]/;

/** Folds a turn for matching (see the file comment). */
export function matchText(raw: string): MatchText {
  const chars: string[] = [];
  const origin: number[] = [];
  const originEnd: number[] = [];
  const sentenceOf: number[] = [];
  let sentence = 0;
  let offset = 0;
  const simple = simplified(raw);
  let index = 0;
  for (const c of raw) {
    const f = foldChar(simple[index++] ?? c);
    for (const fc of f) {
      if (KEEP.test(fc)) {
        chars.push(fc);
        origin.push(offset);
        originEnd.push(offset + c.length);
        sentenceOf.push(sentence);
      } else if (SENTENCE_END.test(fc)) sentence++;
    }
    offset += c.length;
  }
  // Spoken digit runs (three or more) become digits, one for one.
  for (let i = 0; i < chars.length; ) {
    let j = i;
    while (j < chars.length && SPOKEN[chars[j] as string] !== undefined) j++;
    if (j - i >= 3) for (let k = i; k < j; k++) chars[k] = SPOKEN[chars[k] as string] as string;
    i = Math.max(j, i + 1);
  }
  // Fillers out (a repeated 嗯嗯 goes as well).
  const joined = chars.join('');
  const keep = new Array<boolean>(chars.length).fill(true);
  for (const filler of FILLERS) {
    let at = joined.indexOf(filler);
    while (at >= 0) {
      for (let k = at; k < at + filler.length; k++) keep[k] = false;
      at = joined.indexOf(filler, at + filler.length);
    }
  }
  let compact = '';
  const o: number[] = [];
  const e: number[] = [];
  const st: number[] = [];
  for (let k = 0; k < chars.length; k++) {
    if (!keep[k]) continue;
    compact += chars[k];
    o.push(origin[k] as number);
    e.push(originEnd[k] as number);
    st.push(sentenceOf[k] as number);
  }
  return { raw, compact, origin: o, originEnd: e, sentence: st };
}

/** The original words behind `compact.slice(start, end)`. */
export function originalSpan(t: MatchText, start: number, end: number): string {
  if (end <= start || start >= t.origin.length) return '';
  return t.raw.slice(t.origin[start], t.originEnd[Math.min(end, t.originEnd.length) - 1]);
}

/** Folds a list entry the way a turn is folded (without the mapping). */
export function foldEntry(entry: string): string {
  return matchText(entry).compact;
}

/**
 * Characters people slip between the words of a phrase without changing it: 不太知道, 不归我们管,
 * 没有办法, 没什么办法. At most two of them at each place.
 */
export const INSERTABLE = '们太大很是也都就还有的了得过再真可么什啥怎';
const GAP = `[${INSERTABLE}]{0,2}`;
/** `…` or `...` in an entry: any few words in between (不…知道). */
const WIDE_GAP = '[^]{0,8}?';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A list entry as a pattern over compact text: its words folded, a few insertable characters allowed
 * between Chinese characters, and `…` for a wider gap.
 */
export function entryPattern(entry: string): string {
  const parts = entry.split(/…+|\.{2,}/).map((p) => foldEntry(p));
  return parts
    .filter((p) => p.length > 0)
    .map((p) => {
      const cs = [...p];
      let out = escapeRegex(cs[0] as string);
      for (let i = 1; i < cs.length; i++) {
        const a = cs[i - 1] as string;
        const b = cs[i] as string;
        out += (CJK.test(a) && CJK.test(b) ? GAP : '') + escapeRegex(b);
      }
      return out;
    })
    .join(WIDE_GAP);
}
