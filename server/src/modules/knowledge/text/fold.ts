/**
 * Folding of text before it is indexed or matched: full-width → half-width (NFKC), traditional →
 * simplified (OpenCC, Taiwan then Hong Kong variants), lower case, one space. Index and query go through
 * the same function, so 掛失 finds 挂失 and ＡＴＭ finds atm.
 *
 * The NLU module's `normalizeText` does the same and more (numerals, typos); switch to it once the NLU
 * module exports it from its index, so the two never disagree.
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplifiedTw = OpenCC.Converter({ from: 'twp', to: 'cn' });
const toSimplifiedHk = OpenCC.Converter({ from: 'hk', to: 'cn' });

// OpenCC maps 帳 to 帐; in banking it is always 账 (蚊帐, 帐篷 excepted).
const BANKING_FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [/帐(?!篷|幕|子)/g, '账'],
  [/信用[咔咭]/g, '信用卡'],
];

// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/g;

export function fold(input: string): string {
  let text = input.normalize('NFKC').replace(INVISIBLE, ' ');
  text = toSimplifiedHk(toSimplifiedTw(text)).toLowerCase();
  for (const [pattern, replacement] of BANKING_FIXES) text = text.replace(pattern, replacement);
  return text.replace(/\s+/g, ' ').trim();
}
