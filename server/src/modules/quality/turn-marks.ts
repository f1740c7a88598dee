/**
 * Full numbers are masked before a turn is stored, so the inspection after the close could not see that
 * an agent wrote one. While the turn is still as written (the contacts module's `TURN_STORING` point),
 * the engine's own number rule looks at it and marks the turn; the inspection reads the mark
 * (contact-transcript.ts → `TranscriptTurn.fullNumbers`).
 *
 * The platform's masking knows numbers written in digits; the engine also reads numbers spoken in Chinese
 * digits (六二二五…) and said in parts (前八位…，后八位…). Those are masked here, in any speaker's turn, so
 * neither the stored transcript nor an inspection's evidence keeps one in full; so is a mobile number
 * read out in Chinese digits.
 */
import { listen } from '../../platform/hooks.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { TURN_STORING } from '../contacts/index.ts';
import { findFullNumbers } from './engine/numbers.ts';
import { matchText } from './engine/text.ts';

/** A mainland mobile number among the folded digits (read out: 幺三八…). */
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;

/**
 * The text with every full number the engine finds masked — each digit of a card or ID number but the last
 * four, the middle four of a mobile number (as `maskPhone` does) — become `*`.
 */
export function maskFullNumbers(raw: string): string {
  const t = matchText(raw);
  const hidden = new Map<number, number>();
  const hide = (k: number) => hidden.set(t.origin[k] ?? 0, t.originEnd[k] ?? 0);
  for (const n of findFullNumbers(t)) {
    const digits: number[] = [];
    for (let k = n.start; k < n.end; k++) if (/[\dx叉]/.test(t.compact[k] ?? '')) digits.push(k);
    for (const k of digits.slice(0, -4)) hide(k);
  }
  for (const m of t.compact.matchAll(MOBILE)) for (let k = (m.index ?? 0) + 3; k < (m.index ?? 0) + 7; k++) hide(k);
  if (hidden.size === 0) return raw;
  let out = '';
  let at = 0;
  for (const [start, end] of [...hidden].sort(([a], [b]) => a - b)) {
    if (start < at) continue;
    out += `${raw.slice(at, start)}*`;
    at = end;
  }
  return out + raw.slice(at);
}

export const markFullNumbers = listen(TURN_STORING, async (_ctx, turn) => {
  if (turn.speaker === 'agent') {
    for (const n of findFullNumbers(matchText(turn.text))) if (!turn.marks.includes(n.kind)) turn.marks.push(n.kind);
  }
  // What the platform masks keeps its usual form; what it cannot see is masked here.
  turn.text = maskFullNumbers(scrubText(turn.text));
});
