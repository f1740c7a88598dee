/**
 * The real-time guard as a service: the draft of an agent's reply is checked with the guard items of the
 * published default scorecard (the same rules the inspection applies afterwards).
 */
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { listen } from '../../platform/hooks.ts';
import { AGENT_REPLY_SENDING } from '../contacts/index.ts';
import { type GuardVerdict, guardDraft } from './engine/guard.ts';
import { publishedScorecard } from './scorecard.service.ts';

export async function checkDraft(
  ctx: Pick<Ctx, 'db'>,
  draft: { channel: 'phone' | 'chat'; text: string },
): Promise<GuardVerdict> {
  const { scorecard } = await publishedScorecard(ctx);
  return guardDraft(scorecard, draft.channel, draft.text);
}

/**
 * In the chat send path (the contacts module's extension point): a reply breaking a fatal rule is refused
 * with the rules it broke, so the agent rephrases it; warnings below fatal do not stop it (the desk shows
 * them from `checkDraft` while the agent types).
 */
export const guardAgentReply = listen(AGENT_REPLY_SENDING, async (ctx, reply) => {
  const verdict = await checkDraft(ctx, { channel: reply.channel, text: reply.text });
  if (verdict.blocked) {
    throw new AppError('QA_GUARD_BLOCKED', {
      details: verdict.warnings
        .filter((w) => w.blocking)
        .map((w) => ({ item: w.item, title: w.title, evidence: w.evidence })),
    });
  }
});
