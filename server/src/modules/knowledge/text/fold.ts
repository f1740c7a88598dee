/**
 * Folding of text before it is indexed or matched: the NLU module's normalisation (full-width →
 * half-width, traditional → simplified, lower case, domain misspellings such as 帐单 → 账单), without its
 * numeral conversion (an article's "十二期" stays as written). Index, queries and FAQ matching go through
 * this one function, so 掛失 finds 挂失 and ＡＴＭ finds atm, exactly as the intent classifier sees them.
 */
import { normalizeText } from '../../nlu/index.ts';

export function fold(input: string): string {
  return normalizeText(input, { numerals: false });
}
