/**
 * Learning from the desk: every FAQ suggestion shown to an agent, and what the agent then did with it
 * (used it, chose another FAQ, searched the knowledge base instead), so a bank grows its own labelled
 * questions (`carddesk kb feedback export`). The customer's words are masked (card, ID and phone
 * numbers, e-mail addresses) before they are stored; nothing unmasked is kept.
 */
import {
  kbOutcomeInputSchema,
  kbSuggestionInputSchema,
  SUGGESTION_OUTCOMES,
  type SuggestionOutcome,
} from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { maskEmail, scrubText } from '../../../platform/pii/mask.ts';

// The outcomes and what the routes take are defined in the contract.
export { SUGGESTION_OUTCOMES, type SuggestionOutcome };
export const suggestionInputSchema = kbSuggestionInputSchema;
export const outcomeInputSchema = kbOutcomeInputSchema;

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** The customer's words as they may be stored: personal numbers and addresses masked. */
export function maskQuestion(question: string): string {
  return scrubText(question).replace(EMAIL, (m) => maskEmail(m));
}

const agentOf = (ctx: Ctx) => ctx.actor.userId ?? `system:${ctx.actor.username}`;

/** Records that a suggestion was shown; returns its id for the outcome. */
export async function recordSuggestion(
  ctx: Ctx,
  input: z.input<typeof suggestionInputSchema>,
): Promise<{ id: string }> {
  authorize(ctx.actor, 'kb.read');
  const { question, faqId } = suggestionInputSchema.parse(input);
  const id = newId(ctx.clock.now());
  await ctx.db
    .insertInto('kb_suggestions')
    .values({
      id,
      question: maskQuestion(question),
      faq_id: faqId,
      outcome: 'shown',
      chosen_faq_id: null,
      agent_id: agentOf(ctx),
      created_at: ctx.clock.now().toISOString(),
      decided_at: null,
    })
    .execute();
  return { id };
}

/**
 * Records what the agent did with a suggestion they were shown. The same outcome again is a no-op (a
 * retry); a different one after the first is refused, so the record says what happened first.
 */
export async function recordOutcome(ctx: Ctx, id: string, input: z.input<typeof outcomeInputSchema>): Promise<void> {
  authorize(ctx.actor, 'kb.read');
  const { outcome, faqId } = outcomeInputSchema.parse(input);
  const row = await ctx.db.selectFrom('kb_suggestions').selectAll().where('id', '=', id).executeTakeFirst();
  // Another agent's suggestion is not theirs to decide: as if it did not exist.
  if (!row || row.agent_id !== agentOf(ctx)) throw new AppError('KB_SUGGESTION_NOT_FOUND');
  const chosen = faqId ?? null;
  if (row.outcome !== 'shown') {
    if (row.outcome === outcome && row.chosen_faq_id === chosen) return;
    throw new AppError('KB_SUGGESTION_DECIDED');
  }
  await ctx.db
    .updateTable('kb_suggestions')
    .set({ outcome, chosen_faq_id: chosen, decided_at: ctx.clock.now().toISOString() })
    .where('id', '=', id)
    .where('outcome', '=', 'shown')
    .execute();
}

const csvField = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The feedback as `question,faq_id,outcome` rows, oldest first: one row per suggestion shown (outcome
 * `used`, `chose_other`, `searched`, or `shown` when the agent did nothing with it), and for
 * `chose_other` one more row naming the FAQ the agent used instead, outcome `chosen`.
 */
export async function exportFeedback(ctx: Ctx): Promise<{ csv: string; rows: number }> {
  authorize(ctx.actor, 'kb.review');
  const rows = await ctx.db.selectFrom('kb_suggestions').selectAll().orderBy('created_at').orderBy('id').execute();
  const lines = ['question,faq_id,outcome'];
  for (const r of rows) {
    lines.push([r.question, r.faq_id, r.outcome].map(csvField).join(','));
    if (r.outcome === 'chose_other' && r.chosen_faq_id) {
      lines.push([r.question, r.chosen_faq_id, 'chosen'].map(csvField).join(','));
    }
  }
  await audit(ctx, {
    action: 'kb.feedback.export',
    entityType: 'kb_suggestion',
    details: { suggestions: rows.length, lines: lines.length - 1 },
  });
  return { csv: `${lines.join('\n')}\n`, rows: lines.length - 1 };
}
