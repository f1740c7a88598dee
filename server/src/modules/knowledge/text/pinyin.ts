import { pinyin } from 'pinyin-pro';
import { isCjk } from './segment.ts';

/**
 * Pinyin initials of a Chinese word (挂失 → gs, 信用卡 → xyk). Agents type these in the search box to
 * find an article without switching input method. pinyin-pro reads heteronyms in context (银行 → yh).
 */
export function initials(word: string): string | undefined {
  if (!isCjk(word) || [...word].length < 2) return undefined;
  const letters = pinyin(word, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();
  return /^[a-z]{2,}$/.test(letters) ? letters : undefined;
}

/** Does the query look like pinyin initials (2–8 Latin letters, nothing else)? */
export function looksLikeInitials(folded: string): boolean {
  return /^[a-z]{2,8}$/.test(folded);
}
