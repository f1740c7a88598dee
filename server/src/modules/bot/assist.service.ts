import { isIntent, type TurnAssist } from '@carddesk/contracts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { getTurns } from '../contacts/index.ts';
import { matchQuestion } from '../knowledge/index.ts';
import { analyze, type NluAnalysis } from '../nlu/index.ts';
import { suggestedOperation } from './assist.rules.ts';
import { ACT_MIN_CONFIDENCE } from './reply-plan.rules.ts';

/**
 * Agent assist in the chat's own stream (issue 20 §5): for one customer message of a contact a person
 * handles, what it is about (the NLU), the published FAQ answer to send with one click (or the two the
 * matcher cannot tell apart) and the desk operation it suggests. The answer is one customers may read (the
 * public FAQs), since the agent sends it as it is. Computed from the stored turn, never from
 * text the caller sends, by the same NLU and matcher the assistant uses; the desk asks once per new
 * customer message. Reading the turn is reading the transcript: the same access rule and audit record.
 */
export async function turnAssist(ctx: Ctx, contactId: string, seq: number): Promise<TurnAssist> {
  authorize(ctx.actor, 'kb.read');
  const turn = (await getTurns(ctx, contactId, seq - 1)).find((t) => t.seq === seq);
  if (turn?.speaker !== 'customer') throw new AppError('ASSIST_TURN_NOT_CUSTOMER');
  const text = turn.text.trim().slice(0, 2000);
  let nlu: NluAnalysis | null = null;
  try {
    nlu = text ? analyze(text, { now: ctx.clock.now() }) : null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  const intent = nlu && nlu.intent !== 'out_of_scope' && isIntent(nlu.intent) ? nlu.intent : null;
  // Only what customers may read: the answer goes to the customer as it is, with one click.
  const matched = text
    ? await matchQuestion(ctx, { question: text.slice(0, 500), limit: 3 }, { audiences: ['public'] })
    : null;
  const top = matched && !matched.none && !matched.clarify ? matched.matches[0] : undefined;
  const pair = matched?.clarify
    ? matched.clarify.ids.map((id) => matched.matches.find((m) => m.id === id)?.title ?? id)
    : null;
  return {
    seq,
    intent,
    type: intent && nlu ? nlu.type : null,
    confidence: nlu?.confidence ?? 0,
    escalate: nlu?.emotion.escalate ?? false,
    answer: top
      ? {
          id: top.id,
          title: top.title,
          answer: top.answer,
          source: top.source,
          version: top.version,
          confidence: top.confidence,
        }
      : null,
    clarify: matched?.clarify && pair ? { ids: [...matched.clarify.ids], titles: pair } : null,
    operation: intent && nlu && nlu.confidence >= ACT_MIN_CONFIDENCE ? suggestedOperation(intent) : null,
  };
}
