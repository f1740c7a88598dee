import { createHash } from 'node:crypto';
import type { BotAnswerReport, ChatEnded, ChatOtpSent, ChatSession, ChatState } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newSecret } from '../../platform/ids.ts';
import { normalizeMobile } from '../../platform/pii/validators.ts';
import { botRespond, chatResponder, reportBotAnswer, reportedAnswers, startBotConversation } from '../bot/index.ts';
import {
  addCustomerTurn,
  type ContactTurn,
  checkOtp,
  contactFacts,
  contactTranscript,
  customerEndsChat,
  findCustomerByPhone,
  issueOtp,
  loadContactsConfig,
  startChatContact,
} from '../contacts/index.ts';
import type { ChatSessionsTable } from './chat.tables.ts';

/**
 * The card holder's side of the chat. They prove their registered phone with a one-time code and get a
 * short-lived chat token (stored hashed, separate from staff sessions) bound to one new chat contact.
 * The answers never say whether a phone belongs to a customer.
 */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function requestChatOtp(ctx: Ctx, rawPhone: string): Promise<ChatOtpSent> {
  const phone = normalizeMobile(rawPhone);
  if (!phone) throw new AppError('VALIDATION_FAILED', { detail: 'phone' });
  return inTransaction(ctx, async (tctx) => {
    const customer = await findCustomerByPhone(tctx, phone);
    const issued = await issueOtp(tctx, {
      purpose: 'chat_login',
      phone,
      customerId: customer?.customerId ?? null,
      contactId: null,
    });
    await audit(tctx, {
      action: 'chat.otp_requested',
      entityType: 'otp',
      entityId: issued.id,
      customerId: customer?.customerId ?? null,
      details: { known: customer !== undefined },
    });
    const config = await loadContactsConfig(tctx);
    return { sent: true as const, expiresInSeconds: config.otp.ttlSeconds };
  });
}

/** A started chat: the short-lived token and the contact it is bound to. */
export type ChatSessionStarted = ChatSession;

export async function startChatSession(
  ctx: Ctx,
  input: { phone: string; code: string; message?: string | undefined },
): Promise<ChatSessionStarted> {
  const phone = normalizeMobile(input.phone);
  if (!phone) throw new AppError('VALIDATION_FAILED', { detail: 'phone' });
  // The code check commits on its own, so a wrong code counts even though the request then fails.
  const check = await checkOtp(ctx, { purpose: 'chat_login', code: input.code, phone });
  if (!check.ok || !check.customerId) throw new AppError('OTP_INVALID');
  const customerId = check.customerId;
  const withBot = (await chatResponder(ctx)) === 'bot';
  const started = await inTransaction(ctx, async (tctx) => {
    const config = await loadContactsConfig(tctx);
    const contact = await startChatContact(tctx, {
      customerId,
      level: config.levelPolicy.methodLevels.otp === 'strong' ? 'strong' : 'basic',
      firstMessage: input.message,
      withBot,
    });
    const token = newSecret(32);
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + config.chat.sessionMinutes * 60_000).toISOString();
    await tctx.db
      .insertInto('chat_sessions')
      .values({
        token_hash: tokenHash(token),
        contact_id: contact.id,
        customer_id: customerId,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        ended_at: null,
      })
      .execute();
    await audit(tctx, {
      action: 'chat.session_start',
      entityType: 'contact',
      entityId: contact.id,
      customerId,
      contactId: contact.id,
    });
    return { token, expiresAt, contactId: contact.id };
  });
  if (withBot) {
    // The assistant greets (or hands a priority customer straight to a person), then answers the first message.
    const opened = await startBotConversation(ctx, started.contactId, customerId, {
      firstMessage: input.message,
    });
    if (input.message && opened.kind !== 'handover') await botRespond(ctx, started.contactId, input.message);
  }
  return started;
}

/** The live session behind a chat token, or CHAT_SESSION_INVALID. */
export async function resolveChatSession(ctx: Ctx, token: string | undefined): Promise<ChatSessionsTable> {
  if (!token) throw new AppError('CHAT_SESSION_INVALID');
  const row = await ctx.db
    .selectFrom('chat_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.ended_at || row.expires_at <= ctx.clock.now().toISOString()) {
    throw new AppError('CHAT_SESSION_INVALID');
  }
  return row;
}

export type { ChatState };

/** What the customer sees: the conversation and whether someone has picked it up (never internal data). */
export async function chatState(ctx: Ctx, token: string | undefined, after = 0): Promise<ChatState> {
  const session = await resolveChatSession(ctx, token);
  const contact = await contactFacts(ctx.db, session.contact_id);
  if (!contact) throw new AppError('CHAT_SESSION_INVALID');
  const agent = contact.agentId ? await staffById(ctx.db, contact.agentId) : undefined;
  return {
    contactId: contact.id,
    status: contact.status as ChatState['status'],
    agentNo: agent?.agentNo ?? null,
    assistant: contact.botState === 'bot' && contact.status === 'waiting',
    turns: await contactTranscript(ctx.db, contact.id, after),
    reported: await reportedAnswers(ctx, contact.id),
  };
}

/**
 * The customer's message; while the chat assistant serves the chat its reply follows in the same request
 * (and reaches the customer's socket as a `message` like any other turn).
 */
export async function postChatMessage(ctx: Ctx, token: string | undefined, text: string): Promise<ContactTurn> {
  const session = await resolveChatSession(ctx, token);
  const turn = await addCustomerTurn(ctx, session.contact_id, text);
  // What was stored: a code redacted with the previous message (sent on its own) is not read by the assistant either.
  await botRespond(ctx, session.contact_id, turn.text);
  return turn;
}

export async function endChat(
  ctx: Ctx,
  token: string | undefined,
  input: { rating?: number | undefined; resolved?: boolean | undefined; comment?: string | undefined },
): Promise<ChatEnded> {
  const session = await resolveChatSession(ctx, token);
  await inTransaction(ctx, async (tctx) => {
    await customerEndsChat(tctx, session.contact_id, input);
    await tctx.db
      .updateTable('chat_sessions')
      .set({ ended_at: ctx.clock.now().toISOString() })
      .where('token_hash', '=', session.token_hash)
      .execute();
  });
  return { ended: true };
}

/** The customer reports an answer of the assistant in their own chat as wrong (once per answer). */
export async function reportAnswer(ctx: Ctx, token: string | undefined, seq: number): Promise<BotAnswerReport> {
  const session = await resolveChatSession(ctx, token);
  return reportBotAnswer(ctx, { contactId: session.contact_id, customerId: session.customer_id, seq });
}
