/**
 * Full numbers are masked before a turn is stored, so the inspection after the close could not see that
 * an agent wrote one. While the turn is still as written (the contacts module's `TURN_STORING` point),
 * the engine's own number rule looks at it and marks the turn; the inspection reads the mark
 * (contact-transcript.ts → `TranscriptTurn.fullNumbers`).
 */
import { listen } from '../../platform/hooks.ts';
import { TURN_STORING } from '../contacts/index.ts';
import { findFullNumbers } from './engine/numbers.ts';
import { matchText } from './engine/text.ts';

export const markFullNumbers = listen(TURN_STORING, async (_ctx, turn) => {
  if (turn.speaker !== 'agent') return;
  for (const n of findFullNumbers(matchText(turn.text))) if (!turn.marks.includes(n.kind)) turn.marks.push(n.kind);
});
