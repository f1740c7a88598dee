import type { BotAnswerReport } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { customerActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { contactTranscript } from '../contacts/index.ts';

/**
 * The customer reports an answer of the assistant as wrong (the thumbs-down under a bot turn that carries
 * a source). Stored once per answer — a second tap changes nothing — and audited with the customer as the
 * actor; the supervisor's figures count them against the answers given. The chat module calls this with
 * the contact and customer of the caller's own chat session.
 */
export async function reportBotAnswer(
  ctx: Ctx,
  input: { contactId: string; customerId: string; seq: number },
): Promise<BotAnswerReport> {
  const [turn] = await contactTranscript(ctx.db, input.contactId, input.seq - 1, 1);
  if (!turn || turn.seq !== input.seq || turn.speaker !== 'bot' || !turn.source) {
    throw new AppError('BOT_ANSWER_NOT_FOUND');
  }
  const source = turn.source;
  const asCustomer: Ctx = { ...ctx, actor: customerActor(input.customerId), contactId: input.contactId };
  await inTransaction(asCustomer, async (tctx) => {
    const inserted = await tctx.db
      .insertInto('bot_answer_reports')
      .values({
        contact_id: input.contactId,
        seq: input.seq,
        customer_id: input.customerId,
        source: JSON.stringify(source),
        reported_at: ctx.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['contact_id', 'seq']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await audit(tctx, {
      action: 'bot.answer_reported',
      entityType: 'contact',
      entityId: input.contactId,
      customerId: input.customerId,
      contactId: input.contactId,
      details: { seq: input.seq, source },
    });
  });
  return { seq: input.seq, reported: true };
}

/** Which bot turns of a contact the customer reported as wrong (their sequence numbers). */
export async function reportedAnswers(ctx: Ctx, contactId: string): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('bot_answer_reports')
    .select('seq')
    .where('contact_id', '=', contactId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => Number(r.seq));
}
