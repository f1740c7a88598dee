/**
 * Full card and ID numbers in what an agent wrote or read out (guide §1.4): a 13–19 digit run that passes
 * the Luhn check, or an 18-character resident ID number with a valid birth date and check character.
 * Runs are taken on the folded text (matchText), so numbers in groups (6222 6002 …), with full-width
 * digits, or spoken as Chinese digits (六二二二，六零零二…) count; a masked number (6222 **** 1234) does not.
 */
import { isLuhnValid, isValidIdNumber } from '../../../platform/pii/validators.ts';
import type { MatchText } from './text.ts';

export type NumberKind = 'card' | 'id';

export interface FullNumber {
  kind: NumberKind;
  /** Offsets in the compact text. */
  start: number;
  end: number;
}

const RUN = /\d{13,19}x?/g;

export function findFullNumbers(t: MatchText, kinds: readonly NumberKind[] = ['card', 'id']): FullNumber[] {
  const out: FullNumber[] = [];
  for (const m of t.compact.matchAll(RUN)) {
    const start = m.index ?? 0;
    // The whole run, not a window of it: a longer run is several numbers said one after another.
    if (/\d/.test(t.compact[start - 1] ?? '') || /\d/.test(t.compact[start + m[0].length] ?? '')) continue;
    const run = m[0];
    if (kinds.includes('id') && run.length === 18 && isValidIdNumber(run.toUpperCase())) {
      out.push({ kind: 'id', start, end: start + 18 });
    } else if (kinds.includes('card') && /^\d+$/.test(run) && isLuhnValid(run)) {
      out.push({ kind: 'card', start, end: start + run.length });
    }
  }
  return out;
}
