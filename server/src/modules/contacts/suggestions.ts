import { contactTypeOf, INTENTS, type Intent, type IntentSuggestions, isIntent } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { analyze } from '../nlu/index.ts';
import { getContactRow, mayReadContact } from './contact.service.ts';

/** How many of the customer's latest turns the NLU reads together (a need is often spread over a few). */
const LATEST_TURNS = 3;
const MAX_TEXT = 2000;

/** Intent suggestions as the API answers them (`intentSuggestionsSchema` in the contracts). */
export type Suggestions = IntentSuggestions;

/**
 * Intent suggestions for the agent from the customer's latest turns (the NLU module). The agent still
 * chooses: accepting them goes through the classification endpoint with `source: "nlu"`.
 */
export async function suggestIntents(ctx: Ctx, contactId: string): Promise<Suggestions> {
  authorize(ctx.actor, 'contacts.handle');
  const row = await getContactRow(ctx.db, contactId);
  if (!(await mayReadContact(ctx, row))) throw new AppError('CONTACT_NOT_HANDLED_BY_YOU');
  const turns = await ctx.db
    .selectFrom('contact_turns')
    .select(['seq', 'text'])
    .where('contact_id', '=', contactId)
    .where('speaker', '=', 'customer')
    .orderBy('seq', 'desc')
    .limit(LATEST_TURNS)
    .execute();
  await audit(ctx, {
    action: 'contact.suggestions_read',
    entityType: 'contact',
    entityId: contactId,
    customerId: row.customer_id,
    contactId,
    details: { turns: turns.map((t) => t.seq) },
  });
  if (turns.length === 0) return { basedOnTurns: [], intents: [], type: null, emotion: null };
  const text = turns
    .reverse()
    .map((t) => t.text)
    .join('\n')
    .slice(-MAX_TEXT);
  let result: ReturnType<typeof analyze>;
  try {
    result = analyze(text, { now: ctx.clock.now() });
  } catch (cause) {
    throw new AppError('SUGGESTIONS_UNAVAILABLE', { cause });
  }
  const scored = [{ intent: result.intent, confidence: result.confidence }, ...result.alternatives];
  const intents = scored
    .filter((s): s is { intent: Intent; confidence: number } => isIntent(s.intent))
    .filter((s, i, all) => all.findIndex((o) => o.intent === s.intent) === i)
    .slice(0, 3)
    .map((s) => ({ intent: s.intent, zh: INTENTS[s.intent].zh, confidence: s.confidence }));
  const top = intents[0];
  return {
    basedOnTurns: turns.map((t) => t.seq),
    intents,
    type: top ? contactTypeOf([top.intent]) : null,
    emotion: {
      level: result.emotion.level,
      anger: result.emotion.anger,
      anxiety: result.emotion.anxiety,
      escalate: result.emotion.escalate,
      cues: [...result.emotion.cues],
    },
  };
}
