import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { redactAuthDataAfter } from '../../platform/pii/auth-data.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { findContactRow, insertContact, lockContactRow, updateContact } from './contact.repository.ts';
import { appendTurn, type ContactTurn, contactTopic, emptyContact, queueTopic } from './contact.service.ts';
import type { ContactsTable } from './contacts.tables.ts';
import { GENERAL_QUEUE } from './queues.ts';
import { triageWaitingChat } from './triage.ts';

/**
 * The contact side of the customer chat (the chat module owns the sessions): a card holder who proved
 * their phone with a one-time code starts a chat contact waiting in the general queue, identified and
 * verified at the level an OTP gives; their turns and their ending go through here. While a chat waits,
 * what the customer writes is triaged: an emergency goes ahead of the queue (triage.ts).
 */
export async function startChatContact(
  ctx: Ctx,
  input: {
    customerId: string;
    level: 'basic' | 'strong';
    firstMessage?: string | undefined;
    /** The chat assistant answers first: the contact waits in no queue until it hands over. */
    withBot?: boolean | undefined;
  },
): Promise<ContactsTable> {
  const now = ctx.clock.now().toISOString();
  const withBot = input.withBot === true;
  const row: ContactsTable = {
    ...emptyContact(newId(ctx.clock.now()), now),
    channel: 'chat',
    direction: 'inbound',
    status: 'waiting',
    customer_id: input.customerId,
    queue_code: withBot ? null : GENERAL_QUEUE,
    queued_at: withBot ? null : now,
    bot_state: withBot ? 'bot' : null,
    verification_level: input.level,
    verification_methods: JSON.stringify(['otp']),
    verified_at: now,
  };
  await insertContact(ctx.db, row);
  await ctx.db
    .insertInto('verification_attempts')
    .values({
      id: newId(ctx.clock.now()),
      contact_id: row.id,
      customer_id: input.customerId,
      method: 'otp',
      success: 1,
      at: now,
      actor_id: null,
    })
    .execute();
  await audit(ctx, {
    action: 'contact.create',
    entityType: 'contact',
    entityId: row.id,
    customerId: input.customerId,
    contactId: row.id,
    details: { channel: 'chat', verifiedBy: 'otp', level: input.level, bot: withBot },
  });
  if (input.firstMessage) await appendCustomerTurn(ctx, row, input.firstMessage);
  if (!withBot) {
    publishEvent(ctx, queueTopic(GENERAL_QUEUE), 'queue.new', { contactId: row.id, channel: 'chat', queuedAt: now });
  }
  // As stored, with what triage made of the first message.
  return (await findContactRow(ctx.db, row.id)) ?? row;
}

/** A customer's message: plain text (never HTML), with card/ID/phone numbers masked before storage. */
export async function addCustomerTurn(ctx: Ctx, contactId: string, text: string): Promise<ContactTurn> {
  return inTransaction(ctx, async (tctx) => {
    const row = await lockContactRow(tctx.db, contactId);
    if (!row) throw new AppError('CONTACT_NOT_FOUND');
    if (row.status === 'closed' || row.customer_ended_at) throw new AppError('CHAT_ENDED');
    return appendCustomerTurn(tctx, row, text);
  });
}

const AUTH_DATA_NOTICE =
  '系统提示:您的消息中疑似包含卡片安全码、密码、有效期或短信验证码,已自动隐去。请勿在对话中发送这些信息,工作人员不会向您索要。';

/**
 * Stores what the customer wrote, scrubbed (`appendTurn`): a CVV2, PIN, expiry or one-time code typed after its keyword
 * is redacted rather than refused, so the customer is not blocked, and a system turn tells the customer
 * and the agent it was taken out (and the audit log that it happened). Then a waiting chat is triaged.
 */
async function appendCustomerTurn(ctx: Ctx, row: ContactsTable, text: string): Promise<ContactTurn> {
  // Read with the customer's previous message: "验证码是" then the code alone is the code too.
  const previous = await ctx.db
    .selectFrom('contact_turns')
    .select('text')
    .where('contact_id', '=', row.id)
    .where('speaker', '=', 'customer')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const redacted = redactAuthDataAfter(previous?.text ?? '', text);
  const turn = await appendTurn(ctx, row, 'customer', redacted.text);
  const kinds = redacted.kinds;
  if (kinds.length > 0) {
    await appendTurn(ctx, row, 'system', AUTH_DATA_NOTICE);
    await audit(ctx, {
      action: 'contact.auth_data_redacted',
      entityType: 'contact',
      entityId: row.id,
      customerId: row.customer_id,
      contactId: row.id,
      details: { seq: turn.seq, kinds },
    });
  }
  await triageWaitingChat(ctx, row, turn.text);
  return turn;
}

/**
 * The customer ends the chat, optionally rating it (1–5 and a comment) — stored as the contact's
 * satisfaction. A chat nobody had answered closes as abandoned; an answered one stays for its agent to
 * record the outcome; a rating after the agent closed is still taken (once).
 */
export async function customerEndsChat(
  ctx: Ctx,
  contactId: string,
  input: { rating?: number | undefined; resolved?: boolean | undefined; comment?: string | undefined },
): Promise<void> {
  await inTransaction(ctx, async (tctx) => {
    const row = await lockContactRow(tctx.db, contactId);
    if (!row) throw new AppError('CONTACT_NOT_FOUND');
    const now = ctx.clock.now().toISOString();
    const set: Partial<ContactsTable> = { updated_at: now };
    if (input.rating !== undefined && row.satisfaction === null) {
      set.satisfaction = input.rating;
      set.satisfaction_comment = input.comment ? scrubText(input.comment) : null;
    }
    if (input.resolved !== undefined && row.customer_resolved === null) set.customer_resolved = input.resolved ? 1 : 0;
    if (row.status === 'waiting' && row.bot_state === 'bot') {
      // Served by the assistant alone to the end: nobody was waited for, so nothing was abandoned.
      Object.assign(set, { status: 'closed', closed_at: now, customer_ended_at: now });
    } else if (row.status === 'waiting') {
      Object.assign(set, { status: 'closed', outcome: 'abandoned', closed_at: now, customer_ended_at: now });
    } else if (row.status === 'active' && !row.customer_ended_at) {
      set.customer_ended_at = now;
    }
    await updateContact(tctx.db, contactId, set);
    if (row.status !== 'closed' && !row.customer_ended_at) {
      await appendTurn(tctx, row, 'system', '客户已结束会话');
    }
    await audit(tctx, {
      action: 'contact.customer_ended',
      entityType: 'contact',
      entityId: contactId,
      customerId: row.customer_id,
      contactId,
      details: {
        rating: set.satisfaction ?? null,
        resolved: input.resolved ?? null,
        abandoned: row.status === 'waiting' && row.bot_state !== 'bot',
        bot: row.bot_state,
      },
    });
    publishEvent(tctx, contactTopic(contactId), 'chat.customer_ended', { contactId, rating: set.satisfaction ?? null });
    if (row.status === 'waiting' && row.queue_code) {
      publishEvent(tctx, queueTopic(row.queue_code), 'queue.left', { contactId });
    }
  });
}

/** The live event that says someone is typing in a chat (not stored: it matters only for a few seconds). */
export const TYPING_EVENT = 'chat.typing';

/** The agent handling a chat is typing: the customer's page shows "客服正在输入…". */
export async function agentTyping(ctx: Ctx, contactId: string): Promise<void> {
  authorize(ctx.actor, 'contacts.handle');
  const row = await findContactRow(ctx.db, contactId);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  // Only the contact's handler may say so (403 to anyone else); on a call or an ended chat there is
  // nobody to tell, which is no reason to refuse the handler.
  if (row.agent_id !== ctx.actor.userId) throw new AppError('CONTACT_NOT_HANDLED_BY_YOU');
  if (row.channel !== 'chat' || row.status !== 'active') return;
  publishEvent(ctx, contactTopic(contactId), TYPING_EVENT, { speaker: 'agent' });
}
