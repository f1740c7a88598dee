/**
 * The real-time guard as a service: the draft of an agent's reply is checked with the guard items of the
 * published default scorecard (the same rules the inspection applies afterwards).
 */
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { listen } from '../../platform/hooks.ts';
import { AGENT_REPLY_SENDING, listTurns } from '../contacts/index.ts';
import { type GuardVerdict, type GuardWarning, guardDraft } from './engine/guard.ts';
import { findJoinedNumber } from './engine/numbers.ts';
import { matchText } from './engine/text.ts';
import { publishedScorecard } from './scorecard.service.ts';

export async function checkDraft(
  ctx: Pick<Ctx, 'db'>,
  draft: { channel: 'phone' | 'chat'; text: string },
): Promise<GuardVerdict> {
  const { scorecard } = await publishedScorecard(ctx);
  return guardDraft(scorecard, draft.channel, draft.text);
}

/** The default scorecard's item for full card and ID numbers (a stable code). */
const FULL_NUMBER_ITEM = 'no_full_number';

/**
 * A full number begun in the agent's previous reply and finished in this one (前八位… then 后八位…): each
 * alone passes the draft check, together they spell the number out. The inspection joins such turns; the
 * send path does too, or the guard is bypassed by pressing Enter halfway.
 */
async function splitNumber(ctx: Pick<Ctx, 'db'>, contactId: string, text: string): Promise<GuardWarning | null> {
  const { scorecard } = await publishedScorecard(ctx);
  const item = scorecard.definition.items.find((i) => i.code === FULL_NUMBER_ITEM);
  if (item?.severity !== 'fatal') return null;
  // As the inspection reads it: the agent's previous turn, the customer's 嗯 may come in between.
  const previous = (await listTurns(ctx.db, contactId, 0, 5000))
    .slice(-3)
    .reverse()
    .find((t) => t.speaker === 'agent');
  if (!previous || !findJoinedNumber(matchText(previous.text), matchText(text))) return null;
  return { item: item.code, title: item.title, severity: item.severity, evidence: text, blocking: true };
}

/**
 * In the chat send path (the contacts module's extension point): a reply breaking a fatal rule is refused
 * with the rules it broke, so the agent rephrases it; warnings below fatal do not stop it (the desk shows
 * them from `checkDraft` while the agent types).
 */
export const guardAgentReply = listen(AGENT_REPLY_SENDING, async (ctx, reply) => {
  const verdict = await checkDraft(ctx, { channel: reply.channel, text: reply.text });
  const blocking = verdict.warnings.filter((w) => w.blocking);
  if (!blocking.some((w) => w.item === FULL_NUMBER_ITEM)) {
    const split = await splitNumber(ctx, reply.contactId, reply.text);
    if (split) blocking.push(split);
  }
  if (blocking.length > 0) {
    throw new AppError('QA_GUARD_BLOCKED', {
      details: blocking.map((w) => ({ item: w.item, title: w.title, evidence: w.evidence })),
    });
  }
});
