import {
  type BotSummary,
  type ContactTurn,
  type ContactType,
  type Intent,
  isIntent,
  type TurnSource,
} from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { lockContactRow, updateContact } from './contact.repository.ts';
import { appendTurn, contactTopic, queueTopic } from './contact.service.ts';
import { effectiveType, type Level } from './contact.ts';
import { parseIntents, parseMethods } from './contact.view.ts';
import type { ContactsTable, ContactTransfersTable } from './contacts.tables.ts';
import { listDepartmentsUnchecked } from './departments.ts';
import { buildPacket } from './handover.service.ts';
import { GENERAL_QUEUE } from './queues.ts';

/**
 * The contact side of the chat assistant (the bot module owns the conversation): its turns, and the
 * hand-over to a person. A chat the assistant serves waits in no queue (`bot_state = 'bot'`); the hand-over
 * is one-way (`handed_over`): from then on the assistant adds no turn to that contact, whoever works it and
 * wherever it is sent next, so a chat never bounces between the assistant and people.
 */

/** What the assistant may know of the contact it serves (no personal data). */
export interface BotContactState {
  id: string;
  customerId: string | null;
  status: ContactsTable['status'];
  /** True while the assistant answers: a chat, not closed or ended by the customer, not handed over. */
  serving: boolean;
  verification: { level: Level; methods: string[] };
}

function stateOf(row: ContactsTable): BotContactState {
  return {
    id: row.id,
    customerId: row.customer_id,
    status: row.status,
    serving: isServing(row),
    verification: { level: row.verification_level as Level, methods: parseMethods(row.verification_methods) },
  };
}

const isServing = (row: ContactsTable) =>
  row.channel === 'chat' && row.bot_state === 'bot' && row.status === 'waiting' && row.customer_ended_at === null;

export async function botContactState(ctx: Ctx, contactId: string): Promise<BotContactState> {
  const row = await lockContactRow(ctx.db, contactId);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  return stateOf(row);
}

/** A turn of the assistant, with the FAQ or operation its answer comes from; refused once it no longer serves. */
export async function addBotTurn(
  ctx: Ctx,
  contactId: string,
  text: string,
  source: TurnSource | null,
): Promise<ContactTurn> {
  const row = await lockContactRow(ctx.db, contactId);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  if (!isServing(row)) throw new AppError('BOT_NOT_SERVING');
  return appendTurn(ctx, row, 'bot', text, source);
}

/**
 * The queue for a hand-over: the department that handles the first of the intents that one handles
 * (emergencies to the risk department, collection complaints to collections, …), else the general queue.
 */
async function queueFor(ctx: Ctx, intents: readonly Intent[]): Promise<{ code: string; departmentId: string | null }> {
  const departments = await listDepartmentsUnchecked(ctx);
  for (const intent of intents) {
    const d = departments.find((x) => x.handles.includes(intent));
    if (d) return { code: d.code, departmentId: d.id };
  }
  return { code: GENERAL_QUEUE, departmentId: null };
}

export interface BotHandoverInput {
  /** The intents in order of weight: the first one a department handles picks the queue. */
  intents: readonly string[];
  priority: boolean;
  summary: Omit<BotSummary, 'queueCode' | 'handedOverAt' | 'verification' | 'priority'>;
}

/**
 * The assistant hands the chat to a person: the contact joins the queue for its intent (emergencies go
 * first there, priority customers next), carrying the assistant's summary; to a department it goes as a
 * hand-over with a packet, which its handlers acknowledge as any other. The assistant stops at once.
 * Runs in the caller's transaction.
 */
export async function handOverFromBot(ctx: Ctx, contactId: string, input: BotHandoverInput): Promise<BotSummary> {
  const row = await lockContactRow(ctx.db, contactId);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  if (!isServing(row)) throw new AppError('BOT_NOT_SERVING');
  const found = input.intents.filter(isIntent);
  const intents = [...new Set([...parseIntents(row.intents), ...found])];
  const type = effectiveType(intents, row.raised_type as ContactType | null);
  // The queue follows what the customer needs now: an emergency first, whatever else they said.
  const routing = type === 'emergency' ? intents.filter((i) => i === 'card_loss_report' || i === 'fraud_report') : [];
  const queue = await queueFor(ctx, [...routing, ...found]);
  const now = ctx.clock.now().toISOString();
  const summary: BotSummary = {
    ...input.summary,
    handedOverAt: now,
    queueCode: queue.code,
    priority: input.priority,
    verification: {
      method: parseMethods(row.verification_methods).join('+') || 'none',
      level: row.verification_level as Level,
    },
  };
  await updateContact(ctx.db, contactId, {
    bot_state: 'handed_over',
    bot_summary: JSON.stringify(summary),
    status: 'waiting',
    queue_code: queue.code,
    queued_at: now,
    department_id: queue.departmentId,
    intents: JSON.stringify(intents),
    intents_source: row.intents_source ?? 'nlu',
    type,
    priority: input.priority ? 1 : 0,
    updated_at: now,
  });
  const next: ContactsTable = {
    ...row,
    queue_code: queue.code,
    intents: JSON.stringify(intents),
    type,
    bot_state: 'handed_over',
  };
  let transferId: string | null = null;
  if (queue.departmentId) {
    const packet = await buildPacket(ctx, next, `智能助手转接:${summary.reason}`);
    const transfer: ContactTransfersTable = {
      id: newId(ctx.clock.now()),
      contact_id: contactId,
      from_user_id: null,
      target_kind: 'department',
      target_code: queue.code,
      target_department_id: queue.departmentId,
      target_user_id: null,
      note: `智能助手转接:${summary.reason}`,
      packet: JSON.stringify(packet),
      status: 'pending',
      created_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
    };
    await ctx.db.insertInto('contact_transfers').values(transfer).execute();
    transferId = transfer.id;
  }
  await audit(ctx, {
    action: 'contact.bot_handover',
    entityType: 'contact',
    entityId: contactId,
    customerId: row.customer_id,
    contactId,
    details: { reason: summary.reason, queue: queue.code, priority: input.priority, type, transferId },
  });
  const event = {
    contactId,
    transferId,
    target: { kind: 'queue', code: queue.code },
    from: 'bot',
    reason: summary.reason,
  };
  publishEvent(ctx, contactTopic(contactId), 'contact.transferred', event);
  publishEvent(ctx, queueTopic(queue.code), transferId ? 'queue.transfer' : 'queue.new', {
    contactId,
    channel: 'chat',
    queuedAt: now,
  });
  return summary;
}

/**
 * Whether the customer's chats in the window were handed over by the assistant: a chat reopened after one
 * goes straight to a person instead of starting over with the assistant (no hand-over loop).
 */
export async function botHandedOverSince(ctx: Ctx, customerId: string, since: string): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('contacts')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('channel', '=', 'chat')
    .where('bot_state', '=', 'handed_over')
    .where('started_at', '>=', since)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
