import { createHash, randomBytes } from 'node:crypto';
import type { SurveySent, SurveyState } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { lockContactRow, updateContact } from './contact.repository.ts';
import { lockHandledContact } from './contact.service.ts';

/**
 * Phone satisfaction is the customer's answer, not the agent's: the agent sends a survey link by SMS to the
 * caller's number (demo mode: no gateway, the link is returned to the desk to play the customer), and the
 * customer's rating and "问题是否解决" go onto the contact. One survey per contact; the link lasts 3 days.
 */
const VALID_MS = 3 * 24 * 3600_000;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function sendSurvey(ctx: Ctx, contactId: string): Promise<SurveySent> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, contactId);
    if (row.channel !== 'phone' || !row.customer_id || !row.caller_number_enc) {
      throw new AppError('SURVEY_NOT_AVAILABLE');
    }
    // One answer per contact: a survey is not sent again once answered, so an unwelcome rating is not
    // replaced by asking until a better one comes.
    const answered = await tctx.db
      .selectFrom('satisfaction_surveys')
      .select('id')
      .where('contact_id', '=', contactId)
      .where('answered_at', 'is not', null)
      .executeTakeFirst();
    if (answered || row.satisfaction !== null) throw new AppError('SURVEY_ALREADY_ANSWERED');
    const token = randomBytes(24).toString('base64url');
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + VALID_MS).toISOString();
    await tctx.db
      .deleteFrom('satisfaction_surveys')
      .where('contact_id', '=', contactId)
      .where('answered_at', 'is', null)
      .execute();
    await tctx.db
      .insertInto('satisfaction_surveys')
      .values({
        id: newId(now),
        token_hash: hash(token),
        contact_id: contactId,
        created_by: ctx.actor.userId,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        answered_at: null,
      })
      .execute();
    const sentTo = maskPhone(ctx.keyring.decrypt(row.caller_number_enc, 'contacts.caller_number'));
    await audit(tctx, {
      action: 'contact.survey_sent',
      entityType: 'contact',
      entityId: contactId,
      customerId: row.customer_id,
      contactId,
      details: { sentTo },
    });
    return { sentTo, expiresAt, demoLink: ctx.config.CARDDESK_DEMO ? `/survey/${token}` : null };
  });
}

async function findSurvey(ctx: Ctx, token: string) {
  return ctx.db.selectFrom('satisfaction_surveys').selectAll().where('token_hash', '=', hash(token)).executeTakeFirst();
}

/** `GET /api/surveys/{token}` (public): whether the survey can still be answered. */
export async function surveyState(ctx: Ctx, token: string): Promise<SurveyState> {
  const s = await findSurvey(ctx, token);
  if (!s) throw new AppError('SURVEY_CLOSED');
  if (s.answered_at) return { status: 'answered' };
  return { status: s.expires_at <= ctx.clock.now().toISOString() ? 'expired' : 'open' };
}

/** `POST /api/surveys/{token}` (public): the customer's rating and whether the problem was solved. */
export async function answerSurvey(
  ctx: Ctx,
  token: string,
  input: { rating: number; resolved: boolean; comment?: string | undefined },
): Promise<SurveyState> {
  return inTransaction(ctx, async (tctx) => {
    const s = await findSurvey(tctx, token);
    const now = ctx.clock.now().toISOString();
    if (!s || s.answered_at || s.expires_at <= now) throw new AppError('SURVEY_CLOSED');
    // Claimed by a conditional update, so two answers sent at once are taken once: the second finds it
    // answered and is refused (its transaction changes nothing).
    const claimed = await tctx.db
      .updateTable('satisfaction_surveys')
      .set({ answered_at: now })
      .where('id', '=', s.id)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('SURVEY_CLOSED');
    const row = await lockContactRow(tctx.db, s.contact_id);
    if (!row) throw new AppError('SURVEY_CLOSED');
    await updateContact(tctx.db, s.contact_id, {
      satisfaction: input.rating,
      customer_resolved: input.resolved ? 1 : 0,
      updated_at: now,
    });
    await audit(tctx, {
      action: 'contact.survey_answered',
      entityType: 'contact',
      entityId: s.contact_id,
      customerId: row.customer_id,
      contactId: s.contact_id,
      details: { rating: input.rating, resolved: input.resolved },
    });
    return { status: 'answered' };
  });
}
