import type { ContactListItem, ContactTurn, ContactType, Intent, ScreenPop, TurnSource } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { defineHook, runHook } from '../../platform/hooks.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { normalizeMobile } from '../../platform/pii/validators.ts';
import {
  countCasesOpened,
  countPromisesRecorded,
  findContactRow,
  insertContact,
  insertStage,
  insertTurn,
  listStages,
  listTurns,
  lockContactRow,
  nextTurnSeq,
  updateContact,
} from './contact.repository.ts';
import {
  canMove,
  closeCheck,
  closeRefusal,
  closingOutcome,
  effectiveType,
  type Outcome,
  renderScript,
  STAGE_TRANSITIONS,
  type Stage,
  stageSchema,
} from './contact.ts';
import { type ContactView, parseIntents, toContactView } from './contact.view.ts';
import type { ContactsTable } from './contacts.tables.ts';
import { customerExists, findCustomerByPhone } from './customers.ts';
import { requireChatRoom, startWrapUp } from './presence.service.ts';
import { assertNoEmergencyAhead, GENERAL_QUEUE } from './queues.ts';
import { loadConfig } from './settings.ts';
import { checkWellbeing } from './wellbeing.ts';

export const contactTopic = (id: string) => `contact:${id}`;

/**
 * A contact was closed by its handler (extension point, platform/hooks.ts): listeners run in the closing
 * transaction, after the closing script, so the transcript they may schedule work on is complete.
 */
export const CONTACT_CLOSED = defineHook<{ contactId: string; channel: string; agentId: string | null }>(
  'contacts.closed',
);

/**
 * An agent's chat reply is about to be sent (extension point): a listener may refuse it by throwing (the
 * quality module's real-time guard blocks a reply that asks for a CVV2 or spells out a full card number).
 */
export const AGENT_REPLY_SENDING = defineHook<{ contactId: string; channel: 'chat'; text: string }>(
  'contacts.agent_reply_sending',
);
/** What a turn held as written, before masking: a full card number, a full ID number. */
export type TurnMark = 'card' | 'id';

/**
 * A turn is about to be stored (extension point). The text is still as written; the stored copy will be
 * masked (`scrubText`). A listener may add to `marks` what the text held (the quality module marks a full
 * card or ID number an agent wrote, which the inspection after the close could no longer see), and may
 * mask in `text` what `scrubText` cannot see (a number read out in Chinese digits or said in parts).
 */
export const TURN_STORING = defineHook<{
  contactId: string;
  speaker: ContactTurn['speaker'];
  text: string;
  marks: TurnMark[];
}>('contacts.turn_storing');

export const queueTopic = (code: string) => `queue:${code}`;

/** Gets a contact row or throws CONTACT_NOT_FOUND. */
export async function getContactRow(db: Executor, id: string): Promise<ContactsTable> {
  const row = await findContactRow(db, id);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  return row;
}

/** Locks an open contact handled by the actor; the common guard of every change an agent makes. */
export async function lockHandledContact(ctx: Ctx, id: string): Promise<ContactsTable> {
  const row = await lockContactRow(ctx.db, id);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  if (row.status === 'closed') throw new AppError('CONTACT_CLOSED');
  if (ctx.actor.kind !== 'system' && (row.status !== 'active' || row.agent_id !== ctx.actor.userId)) {
    throw new AppError('CONTACT_NOT_HANDLED_BY_YOU');
  }
  return row;
}

/** Whether the actor may read this contact: its handler, a handler it was transferred to, or oversight roles. */
export async function mayReadContact(ctx: Ctx, row: ContactsTable): Promise<boolean> {
  if (ctx.actor.kind === 'system' || can(ctx.actor, 'contacts.read_all')) return true;
  if (row.agent_id === ctx.actor.userId) return true;
  const t = await ctx.db
    .selectFrom('contact_transfers')
    .select('id')
    .where('contact_id', '=', row.id)
    .where((eb) =>
      eb.or([
        eb('target_user_id', '=', ctx.actor.userId ?? ''),
        eb('from_user_id', '=', ctx.actor.userId ?? ''),
        eb('target_department_id', '=', ctx.actor.departmentId ?? ''),
      ]),
    )
    .executeTakeFirst();
  return t !== undefined;
}

export async function getContact(ctx: Ctx, id: string): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.view');
  const row = await getContactRow(ctx.db, id);
  if (!(await mayReadContact(ctx, row))) throw new AppError('CONTACT_NOT_HANDLED_BY_YOU');
  const config = await loadConfig(ctx);
  const view = await toContactView(ctx, row, config);
  await audit(ctx, {
    action: 'contact.read',
    entityType: 'contact',
    entityId: id,
    customerId: row.customer_id,
    contactId: id,
  });
  return view;
}

export type { ContactTurn };

export async function getTurns(ctx: Ctx, id: string, afterSeq = 0): Promise<ContactTurn[]> {
  authorize(ctx.actor, 'contacts.view');
  const row = await getContactRow(ctx.db, id);
  if (!(await mayReadContact(ctx, row))) throw new AppError('CONTACT_NOT_HANDLED_BY_YOU');
  const turns = await listTurns(ctx.db, id, afterSeq);
  await audit(ctx, {
    action: 'contact.transcript_read',
    entityType: 'contact',
    entityId: id,
    customerId: row.customer_id,
    contactId: id,
    details: { afterSeq, count: turns.length },
  });
  return turns.map(turnView);
}

export function turnView(t: {
  seq: number;
  speaker: string;
  text: string;
  at: string;
  source?: string | null;
}): ContactTurn {
  const view: ContactTurn = { seq: t.seq, speaker: t.speaker as ContactTurn['speaker'], text: t.text, at: t.at };
  if (t.source) view.source = JSON.parse(t.source) as TurnSource;
  return view;
}

export interface CreatePhoneContactInput {
  direction: 'inbound' | 'outbound';
  callerNumber?: string | undefined;
  customerId?: string | undefined;
}

export type { ScreenPop };

/**
 * A phone contact handled by the actor from its first second. An inbound call with a caller number looks
 * the number up (blind index, nothing decrypted) and links the matching customer — the screen pop — but
 * verifies nothing: the customer is identified, not yet verified. An outbound call names its customer.
 * The number is recorded as typed by the agent: it can never serve as caller-number verification.
 */
export async function createPhoneContact(
  ctx: Ctx,
  input: CreatePhoneContactInput,
): Promise<{ contact: ContactView; screenPop: ScreenPop | null }> {
  authorize(ctx.actor, 'contacts.handle');
  return openPhoneContact(ctx, input, { agentId: ctx.actor.userId, source: 'agent' });
}

/**
 * An inbound call the telephony integration delivers to an agent (its CTI adapter runs in the server as the
 * system): the screen pop as above, with the caller number recorded as the network's — the only kind that
 * `caller_number` verification accepts.
 */
export async function deliverTelephonyCall(
  ctx: Ctx,
  input: { callerNumber: string; agentId: string },
): Promise<{ contact: ContactView; screenPop: ScreenPop | null }> {
  authorize(ctx.actor, 'telephony.deliver');
  const agent = await staffById(ctx.db, input.agentId);
  if (!agent || agent.disabled) throw new AppError('VALIDATION_FAILED', { detail: 'agentId' });
  return openPhoneContact(
    ctx,
    { direction: 'inbound', callerNumber: input.callerNumber },
    { agentId: input.agentId, source: 'telephony' },
  );
}

async function openPhoneContact(
  ctx: Ctx,
  input: CreatePhoneContactInput,
  by: { agentId: string | null; source: 'agent' | 'telephony' },
): Promise<{ contact: ContactView; screenPop: ScreenPop | null }> {
  const phone = input.callerNumber ? normalizeMobile(input.callerNumber) : undefined;
  if (input.callerNumber && !phone) throw new AppError('VALIDATION_FAILED', { detail: 'callerNumber' });
  if (input.direction === 'outbound' && !input.customerId) {
    throw new AppError('VALIDATION_FAILED', { detail: 'outbound call needs customerId' });
  }
  return inTransaction(ctx, async (tctx) => {
    const now = ctx.clock.now().toISOString();
    let pop: { customerId: string; maskedName: string | null } | undefined;
    if (input.customerId) {
      if (!(await customerExists(tctx, input.customerId))) throw new AppError('CONTACT_CUSTOMER_NOT_FOUND');
    } else if (phone && input.direction === 'inbound') {
      pop = await findCustomerByPhone(tctx, phone);
    }
    const customerId = input.customerId ?? pop?.customerId ?? null;
    const row: ContactsTable = {
      ...emptyContact(newId(ctx.clock.now()), now),
      channel: 'phone',
      direction: input.direction,
      status: 'active',
      stage: 'greeting',
      customer_id: customerId,
      caller_number_enc: phone ? ctx.keyring.encrypt(phone, 'contacts.caller_number') : null,
      caller_number_bidx: phone ? ctx.keyring.blindIndex(phone, 'phone') : null,
      caller_number_source: phone ? by.source : null,
      agent_id: by.agentId,
      accepted_at: now,
    };
    await insertContact(tctx.db, row);
    await insertStage(tctx.db, stageRow(ctx, row.id, 'greeting', null));
    await audit(tctx, {
      action: 'contact.create',
      entityType: 'contact',
      entityId: row.id,
      customerId,
      contactId: row.id,
      details: { channel: 'phone', direction: input.direction, screenPop: pop !== undefined, source: by.source },
    });
    const config = await loadConfig(tctx);
    const contact = await toContactView(tctx, row, config);
    const screenPop =
      pop && phone
        ? {
            customerId: pop.customerId,
            maskedName: pop.maskedName,
            callerNumberMasked: contact.callerNumberMasked ?? '',
          }
        : null;
    publishEvent(tctx, agentTopic(by.agentId), 'contact.started', { contactId: row.id, channel: 'phone' });
    return { contact, screenPop };
  });
}

export const agentTopic = (userId: string | null) => `user:${userId ?? ''}`;

/** A fresh contact row with every optional column empty. */
export function emptyContact(id: string, now: string): ContactsTable {
  return {
    id,
    channel: 'phone',
    direction: 'inbound',
    status: 'waiting',
    stage: 'greeting',
    customer_id: null,
    caller_number_enc: null,
    caller_number_bidx: null,
    caller_number_source: null,
    agent_id: null,
    queue_code: null,
    queued_at: null,
    department_id: null,
    verification_level: 'none',
    verification_methods: '[]',
    verified_at: null,
    type: null,
    raised_type: null,
    intents: '[]',
    intents_source: null,
    outcome: null,
    satisfaction: null,
    satisfaction_comment: null,
    customer_resolved: null,
    confirmation_skip_reason: null,
    hostile: 0,
    summary: null,
    customer_ended_at: null,
    started_at: now,
    accepted_at: null,
    closed_at: null,
    closed_by: null,
    updated_at: now,
    bot_state: null,
    bot_summary: null,
    priority: 0,
  };
}

export function stageRow(ctx: Ctx, contactId: string, stage: Stage, reason: string | null) {
  return {
    id: newId(ctx.clock.now()),
    contact_id: contactId,
    stage,
    at: ctx.clock.now().toISOString(),
    actor_id: ctx.actor.userId,
    reason,
  };
}

/** Links the customer the agent identified (by search) to the contact; verification starts again. */
export async function linkCustomer(ctx: Ctx, id: string, customerId: string): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, id);
    if (!(await customerExists(tctx, customerId))) throw new AppError('CONTACT_CUSTOMER_NOT_FOUND');
    const changed = row.customer_id !== customerId;
    const set: Partial<ContactsTable> = changed
      ? {
          customer_id: customerId,
          verification_level: 'none',
          verification_methods: '[]',
          verified_at: null,
          updated_at: ctx.clock.now().toISOString(),
        }
      : {};
    if (changed) {
      await updateContact(tctx.db, id, set);
      await audit(tctx, {
        action: 'contact.link_customer',
        entityType: 'contact',
        entityId: id,
        customerId,
        contactId: id,
        details: { previous: row.customer_id },
      });
    }
    return toContactView(tctx, { ...row, ...set }, await loadConfig(tctx));
  });
}

/**
 * Adds a turn to the transcript. Card, ID and mobile numbers are masked before anything is stored; what
 * the `TURN_STORING` listeners found in the text as written is kept beside it (`marks`).
 */
export async function appendTurn(
  ctx: Ctx,
  row: ContactsTable,
  speaker: ContactTurn['speaker'],
  text: string,
  source: TurnSource | null = null,
): Promise<ContactTurn> {
  const at = ctx.clock.now().toISOString();
  const seq = await nextTurnSeq(ctx.db, row.id);
  const marks: TurnMark[] = [];
  const storing = { contactId: row.id, speaker, text, marks };
  await runHook(ctx, TURN_STORING, storing);
  const turn = {
    id: newId(ctx.clock.now()),
    contact_id: row.id,
    seq,
    speaker,
    text: scrubText(storing.text),
    at,
    source: source ? JSON.stringify(source) : null,
  };
  const stored = marks.length > 0 ? JSON.stringify([...new Set(marks)].sort()) : null;
  await insertTurn(ctx.db, { ...turn, author_id: ctx.actor.userId, marks: stored });
  await updateContact(ctx.db, row.id, { updated_at: at });
  const view = turnView(turn);
  publishEvent(ctx, contactTopic(row.id), 'turn.added', view);
  return view;
}

/**
 * An agent's turn (chat message, or a phone note of what either side said). The customer's own chat
 * turns come through the chat module.
 */
export async function addAgentTurn(
  ctx: Ctx,
  id: string,
  input: { text: string; speaker?: 'agent' | 'customer' | undefined },
): Promise<ContactTurn> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, id);
    const speaker = input.speaker ?? 'agent';
    // On chat the customer types their own turns; an agent may only transcribe the customer on a call.
    if (speaker === 'customer' && row.channel !== 'phone') throw new AppError('VALIDATION_FAILED');
    if (speaker === 'agent' && row.channel === 'chat') {
      await runHook(tctx, AGENT_REPLY_SENDING, { contactId: id, channel: 'chat', text: input.text });
    }
    const turn = await appendTurn(tctx, row, speaker, input.text);
    await audit(tctx, {
      action: 'contact.turn_add',
      entityType: 'contact',
      entityId: id,
      customerId: row.customer_id,
      contactId: id,
      details: { seq: turn.seq, speaker },
    });
    return turn;
  });
}

/**
 * Moves the contact to the next stage of the standard flow, refusing moves the flow does not allow. Who may
 * move a contact is decided before the stage is judged: a refused caller learns nothing; an unknown stage
 * is a refused transition, with its own code.
 */
export async function moveStage(ctx: Ctx, id: string, stage: string, reason?: string): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  const parsed = stageSchema.safeParse(stage);
  if (!parsed.success) throw new AppError('INVALID_STAGE_TRANSITION', { details: { to: stage } });
  const to = parsed.data;
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, id);
    const from = row.stage as Stage;
    if (!canMove(from, to)) {
      throw new AppError('INVALID_STAGE_TRANSITION', { details: { from, to, allowed: STAGE_TRANSITIONS[from] } });
    }
    await recordStage(tctx, row, to, reason ?? null);
    return toContactView(tctx, { ...row, stage: to }, await loadConfig(tctx));
  });
}

/** Records a stage in the contact's history and tells its listeners. */
export async function recordStage(ctx: Ctx, row: ContactsTable, to: Stage, reason: string | null): Promise<void> {
  await updateContact(ctx.db, row.id, { stage: to, updated_at: ctx.clock.now().toISOString() });
  await insertStage(ctx.db, stageRow(ctx, row.id, to, reason));
  await audit(ctx, {
    action: 'contact.stage',
    entityType: 'contact',
    entityId: row.id,
    customerId: row.customer_id,
    contactId: row.id,
    details: { from: row.stage, to },
  });
  publishEvent(ctx, contactTopic(row.id), 'contact.stage', { contactId: row.id, stage: to });
}

/**
 * The agent's classification: one or more intents; the type follows from them by precedence (emergency >
 * complaint > transaction > consult), never below what an emergency block or a complaint case raised the
 * contact to. `source` says whether the agent chose them or accepted the NLU's.
 */
export async function classifyContact(
  ctx: Ctx,
  id: string,
  input: { intents: Intent[]; source?: 'agent' | 'nlu' | undefined; hostile?: boolean | undefined },
): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, id);
    const intents = [...new Set(input.intents)];
    const set: Partial<ContactsTable> = {
      intents: JSON.stringify(intents),
      type: effectiveType(intents, row.raised_type as ContactType | null),
      intents_source: input.source ?? 'agent',
      ...(input.hostile === undefined ? {} : { hostile: input.hostile ? 1 : 0 }),
      updated_at: ctx.clock.now().toISOString(),
    };
    await updateContact(tctx.db, id, set);
    await audit(tctx, {
      action: 'contact.classify',
      entityType: 'contact',
      entityId: id,
      customerId: row.customer_id,
      contactId: id,
      details: { intents, type: set.type, source: set.intents_source, hostile: input.hostile },
    });
    publishEvent(tctx, contactTopic(id), 'contact.classified', { contactId: id, intents, type: set.type });
    return toContactView(tctx, { ...row, ...set }, await loadConfig(tctx));
  });
}

export interface CloseInput {
  outcome: Outcome;
  skipConfirmationReason?: string | undefined;
  summary?: string | undefined;
}

/**
 * Ends the contact with its outcome. A contact that never confirmed the customer's satisfaction closes
 * only with a written reason (guide §3.1 step 4); the closing script is recorded as the last stage. A
 * contact a case was opened from closes as `case_opened` (see `closingOutcome`).
 */
export async function closeContact(ctx: Ctx, id: string, input: CloseInput): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, id);
    const seen = (await listStages(tctx.db, id)).map((s) => s.stage as Stage);
    if (closeCheck(seen, input.skipConfirmationReason) === 'reason_required')
      throw new AppError('CONFIRMATION_SKIPPED');
    const skipped = !seen.includes('confirm');
    const outcome = closingOutcome(input.outcome, await countCasesOpened(tctx.db, id));
    const refusal = closeRefusal({
      intents: parseIntents(row.intents),
      outcome,
      promisesOnContact: outcome === 'follow_up_promised' ? await countPromisesRecorded(tctx.db, id) : 0,
    });
    if (refusal) throw new AppError(refusal);
    const now = ctx.clock.now().toISOString();
    if (row.stage !== 'closing') {
      await insertStage(
        tctx.db,
        stageRow(tctx, id, 'closing', skipped ? (input.skipConfirmationReason ?? null) : null),
      );
    }
    const set: Partial<ContactsTable> = {
      status: 'closed',
      stage: 'closing',
      outcome,
      // Satisfaction is only ever the customer's (chat rating, phone survey): the agent records none.
      confirmation_skip_reason: skipped ? (input.skipConfirmationReason?.trim() ?? null) : null,
      summary: input.summary ? scrubText(input.summary) : row.summary,
      closed_at: now,
      closed_by: ctx.actor.userId,
      updated_at: now,
    };
    await updateContact(tctx.db, id, set);
    await audit(tctx, {
      action: 'contact.close',
      entityType: 'contact',
      entityId: id,
      customerId: row.customer_id,
      contactId: id,
      reason: skipped ? (input.skipConfirmationReason ?? null) : null,
      details: {
        outcome,
        ...(outcome === input.outcome ? {} : { requestedOutcome: input.outcome }),
        satisfaction: row.satisfaction,
        confirmationSkipped: skipped,
      },
    });
    const config = await loadConfig(tctx);
    if (row.channel === 'chat') {
      await appendTurn(tctx, row, 'agent', renderScript(config.scripts.closing.chat, ctx.actor.agentNo));
    }
    await runHook(tctx, CONTACT_CLOSED, { contactId: id, channel: row.channel, agentId: row.agent_id });
    publishEvent(tctx, contactTopic(id), 'contact.closed', { contactId: id, outcome });
    if (row.agent_id) await checkWellbeing(tctx, row.agent_id);
    if (row.agent_id) await startWrapUp(tctx, row.agent_id);
    return toContactView(tctx, { ...row, ...set }, config);
  });
}

/**
 * Takes a waiting contact from the general queue (a new chat, or one sent back to the queue). A contact
 * with a hand-over packet is taken by acknowledging the hand-over instead. Emergencies waiting in the queue
 * are taken first (`assertNoEmergencyAhead`).
 */
export async function acceptContact(ctx: Ctx, id: string): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockContactRow(tctx.db, id);
    if (!row) throw new AppError('CONTACT_NOT_FOUND');
    if (row.status === 'closed') throw new AppError('CONTACT_CLOSED');
    if (row.status !== 'waiting') throw new AppError('CONTACT_NOT_WAITING');
    const pending = await tctx.db
      .selectFrom('contact_transfers')
      .select('id')
      .where('contact_id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (pending) throw new AppError('HANDOVER_PENDING');
    if (row.queue_code !== GENERAL_QUEUE) throw new AppError('CONTACT_NOT_WAITING', { detail: 'not in general queue' });
    await assertNoEmergencyAhead(tctx, row);
    await requireChatRoom(tctx, row.channel);
    const taken = await takeContact(tctx, row);
    await audit(tctx, {
      action: 'contact.accept',
      entityType: 'contact',
      entityId: id,
      customerId: row.customer_id,
      contactId: id,
      details: { queue: row.queue_code, waitedSeconds: waitedSeconds(row, ctx.clock.now()) },
    });
    return taken;
  });
}

function waitedSeconds(row: ContactsTable, now: Date): number | null {
  return row.queued_at ? Math.round((now.getTime() - Date.parse(row.queued_at)) / 1000) : null;
}

/**
 * The actor becomes the contact's handler. A chat that nobody had answered yet gets the scripted greeting
 * with the agent's ID as its first agent turn; a hand-over keeps its stage (the customer does not start over).
 */
export async function takeContact(ctx: Ctx, row: ContactsTable): Promise<ContactView> {
  const now = ctx.clock.now().toISOString();
  const firstTake = row.accepted_at === null;
  const set: Partial<ContactsTable> = {
    status: 'active',
    agent_id: ctx.actor.userId,
    accepted_at: row.accepted_at ?? now,
    updated_at: now,
  };
  await updateContact(ctx.db, row.id, set);
  const next = { ...row, ...set };
  const config = await loadConfig(ctx);
  if (firstTake) {
    await insertStage(ctx.db, stageRow(ctx, row.id, 'greeting', null));
    if (row.channel === 'chat') {
      await appendTurn(ctx, next, 'agent', renderScript(config.scripts.greeting.chat, ctx.actor.agentNo));
    }
  }
  if (row.queue_code) publishEvent(ctx, queueTopic(row.queue_code), 'queue.taken', { contactId: row.id });
  publishEvent(ctx, contactTopic(row.id), 'contact.accepted', {
    contactId: row.id,
    agentNo: ctx.actor.agentNo,
  });
  return toContactView(ctx, next, config);
}

export type { ContactListItem };

/** The actor's own open contacts (the workstation's tabs). */
export async function listMyContacts(ctx: Ctx): Promise<ContactListItem[]> {
  authorize(ctx.actor, 'contacts.handle');
  const rows = await ctx.db
    .selectFrom('contacts')
    .selectAll()
    .where('agent_id', '=', ctx.actor.userId ?? '')
    .where('status', '=', 'active')
    .orderBy('started_at')
    .execute();
  return rows.map(listItem);
}

export function listItem(r: ContactsTable): ContactListItem {
  return {
    id: r.id,
    channel: r.channel,
    status: r.status,
    stage: r.stage,
    customerId: r.customer_id,
    type: r.type,
    intents: JSON.parse(r.intents) as Intent[],
    queueCode: r.queue_code,
    startedAt: r.started_at,
  };
}
