import type { BotHandoverReason, BotSummary, ContactType } from '@carddesk/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { findContactRow, listTurns } from './contact.repository.ts';
import { appendTurn, type ContactTurn, getContactRow, turnView } from './contact.service.ts';
import type { Channel } from './contact.ts';

/**
 * What other modules (and their tests) may know of a contact without its row: its state, channel, type,
 * queue and rating, the assistant's hand-over, its transcript, and a line posted into it by the system.
 */
export interface ContactFacts {
  id: string;
  channel: Channel;
  status: string;
  outcome: string | null;
  customerId: string | null;
  agentId: string | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  /** Who answers the chat now: `bot` while the assistant serves it, else the hand-over state or null. */
  botState: string | null;
  /** The assistant's hand-over summary, once it handed the chat to a person. */
  botSummary: BotSummary | null;
  type: ContactType | null;
  /** The queue or department code it waits in (or was last routed to). */
  queueCode: string | null;
  /** 1 for a priority customer (vulnerable, 65 and over), else 0. */
  priority: number;
}

/** The contact's facts, or undefined when there is no such contact. */
export async function contactFacts(db: Executor, contactId: string): Promise<ContactFacts | undefined> {
  const row = await findContactRow(db, contactId);
  if (!row) return undefined;
  return {
    id: row.id,
    channel: row.channel as Channel,
    status: row.status,
    outcome: row.outcome,
    customerId: row.customer_id,
    agentId: row.agent_id,
    satisfaction: row.satisfaction,
    satisfactionComment: row.satisfaction_comment,
    botState: row.bot_state ?? null,
    botSummary: row.bot_summary ? (JSON.parse(row.bot_summary) as BotSummary) : null,
    type: row.type as ContactType | null,
    queueCode: row.queue_code,
    priority: row.priority,
  };
}

/** The contact's facts; CONTACT_NOT_FOUND when there is none. */
export async function requireContactFacts(db: Executor, contactId: string): Promise<ContactFacts> {
  const facts = await contactFacts(db, contactId);
  if (!facts) throw new AppError('CONTACT_NOT_FOUND');
  return facts;
}

/** The contact's turns after `afterSeq`, in order (at most `limit`). */
export async function contactTranscript(
  db: Executor,
  contactId: string,
  afterSeq = 0,
  limit = 500,
): Promise<ContactTurn[]> {
  return (await listTurns(db, contactId, afterSeq, limit)).map(turnView);
}

/**
 * Posts a system line into the contact's transcript (the customer sees it in a chat) unless the contact is
 * closed; CONTACT_NOT_FOUND when there is no such contact.
 */
export async function tellInContact(ctx: Ctx, contactId: string, text: string): Promise<void> {
  const contact = await getContactRow(ctx.db, contactId);
  if (contact.status !== 'closed') await appendTurn(ctx, contact, 'system', text);
}

/** A contact as the assistant's figures count it (`contactsStartedBetween`). */
export interface ContactStart {
  id: string;
  channel: Channel;
  status: string;
  customerId: string | null;
  agentId: string | null;
  /** `bot` (the assistant served it to the end so far), `handed_over`, or null (never had it). */
  botState: string | null;
  handoverReason: BotHandoverReason | null;
  satisfaction: number | null;
  startedAt: string;
  closedAt: string | null;
}

/** The contacts started in [from, to) (UTC instants), oldest first: no personal data, no transcript. */
export async function contactsStartedBetween(db: Executor, from: string, to: string): Promise<ContactStart[]> {
  const rows = await db
    .selectFrom('contacts')
    .select([
      'id',
      'channel',
      'status',
      'customer_id',
      'agent_id',
      'bot_state',
      'bot_summary',
      'satisfaction',
      'started_at',
      'closed_at',
    ])
    .where('started_at', '>=', from)
    .where('started_at', '<', to)
    .orderBy('started_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel as Channel,
    status: r.status,
    customerId: r.customer_id,
    agentId: r.agent_id,
    botState: r.bot_state ?? null,
    handoverReason: r.bot_summary ? (JSON.parse(r.bot_summary) as BotSummary).reason : null,
    satisfaction: r.satisfaction,
    startedAt: r.started_at,
    closedAt: r.closed_at,
  }));
}
