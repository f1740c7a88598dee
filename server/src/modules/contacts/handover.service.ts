import {
  type ContactType,
  type HandoverPacket,
  type HandoverView,
  INTENTS,
  type TransferTarget,
} from '@carddesk/contracts';
import { audit, contactActions } from '../../platform/audit.ts';
import { authorize, can, roleCan } from '../../platform/auth/policy.ts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { countFailedVerifications, listTurns, lockContactRow, updateContact } from './contact.repository.ts';
import {
  agentTopic,
  appendTurn,
  contactTopic,
  getContactRow,
  lockHandledContact,
  queueTopic,
  takeContact,
} from './contact.service.ts';
import { type Level, riskFlags } from './contact.ts';
import { type ContactView, parseIntents, parseMethods } from './contact.view.ts';
import { listContactLinks } from './contact-links.service.ts';
import type { ContactsTable, ContactTransfersTable } from './contacts.tables.ts';
import { customerMaskedName } from './customers.ts';
import { findDepartment } from './departments.ts';
import { requireChatRoom } from './presence.service.ts';
import { actorDepartmentCode, assertNoEmergencyAhead, mayWorkQueue, SENIOR_QUEUE } from './queues.ts';

/**
 * Referral and hand-over (guide §3.4): a live contact goes to a queue, a department or a person with a
 * packet — who the customer is and how they were verified, the intents, what was said and done, promises
 * and risk flags — so the customer never repeats themselves. The receiver must acknowledge the packet;
 * only then do they (or their department) work the contact and its customer's data.
 */
export type { HandoverPacket, HandoverView, TransferTarget };

const RECENT_TURNS = 12;

/** Builds the packet from the contact's rows at the moment of transfer. */
export async function buildPacket(ctx: Ctx, row: ContactsTable, note: string | null): Promise<HandoverPacket> {
  const intents = parseIntents(row.intents);
  const [turns, actions, promises, failed, from, maskedName, links] = await Promise.all([
    listTurns(ctx.db, row.id),
    // What was done, not who looked: reads stay in the audit log, out of the packet.
    contactActions(ctx.db, row.id, { except: ['contact.turn_add', 'contact.stage'], limit: 100 }),
    ctx.db
      .selectFrom('promises')
      .select(['id', 'description', 'deadline_at'])
      .where('contact_id', '=', row.id)
      .where('status', '=', 'open')
      .orderBy('deadline_at')
      .execute(),
    countFailedVerifications(ctx.db, row.id),
    staffById(ctx.db, ctx.actor.userId ?? ''),
    row.customer_id ? customerMaskedName(ctx, row.customer_id) : Promise.resolve(null),
    listContactLinks(ctx.db, row.id),
  ]);
  const level = row.verification_level as Level;
  return {
    contactId: row.id,
    channel: row.channel,
    startedAt: row.started_at,
    from: { userId: from?.id ?? null, displayName: from?.displayName ?? null, agentNo: from?.agentNo ?? null },
    customer: row.customer_id ? { id: row.customer_id, maskedName } : null,
    verification: { level, methods: parseMethods(row.verification_methods), verifiedAt: row.verified_at },
    type: row.type as ContactType | null,
    intents: intents.map((code) => ({ code, zh: INTENTS[code].zh })),
    note: note ? scrubText(note) : null,
    recentTurns: turns.slice(-RECENT_TURNS).map((t) => ({ speaker: t.speaker, text: t.text, at: t.at })),
    actions: actions.map((a) => ({ action: a.action, at: a.at })),
    promises: promises.map((p) => ({ id: p.id, description: p.description, deadlineAt: p.deadline_at })),
    cases: links.flatMap((l) =>
      l.kind === 'case'
        ? [
            {
              caseId: l.refId,
              number: l.details.number,
              kind: l.details.kind,
              category: l.details.category,
              dueDate: l.details.dueDate,
              at: l.at,
            },
          ]
        : [],
    ),
    emergencies: links.flatMap((l) =>
      l.kind === 'emergency'
        ? [
            {
              reportId: l.refId,
              kind: l.details.kind,
              action: l.details.action,
              cardLast4: l.details.cardLast4,
              at: l.at,
            },
          ]
        : [],
    ),
    riskFlags: riskFlags({
      type: row.type as ContactType | null,
      intents,
      hostile: row.hostile === 1,
      failedVerifications: failed,
      level,
    }),
  };
}

/** Transfers a live contact the actor handles. Validates the target before anything changes. */
export async function transferContact(
  ctx: Ctx,
  contactId: string,
  input: { target: TransferTarget; note?: string | undefined },
): Promise<HandoverView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, contactId);
    const target = await resolveTarget(tctx, input.target);
    const packet = await buildPacket(tctx, row, input.note ?? null);
    const now = ctx.clock.now().toISOString();
    const transfer: ContactTransfersTable = {
      id: newId(ctx.clock.now()),
      contact_id: contactId,
      from_user_id: ctx.actor.userId,
      target_kind: input.target.kind,
      target_code: target.queueCode,
      target_department_id: target.departmentId,
      target_user_id: target.userId,
      note: input.note ? scrubText(input.note) : null,
      packet: JSON.stringify(packet),
      status: 'pending',
      created_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
    };
    await tctx.db.insertInto('contact_transfers').values(transfer).execute();
    await updateContact(tctx.db, contactId, {
      status: 'waiting',
      agent_id: null,
      queue_code: target.queueCode,
      queued_at: now,
      department_id: target.departmentId,
      updated_at: now,
    });
    await appendTurn(tctx, row, 'system', '正在为您转接专员,请稍候,您无需重复说明情况。');
    await audit(tctx, {
      action: 'contact.transfer',
      entityType: 'contact',
      entityId: contactId,
      customerId: row.customer_id,
      contactId,
      details: { transferId: transfer.id, target: input.target, riskFlags: packet.riskFlags },
    });
    const event = { contactId, transferId: transfer.id, target: input.target, riskFlags: packet.riskFlags };
    publishEvent(tctx, contactTopic(contactId), 'contact.transferred', event);
    if (target.queueCode) publishEvent(tctx, queueTopic(target.queueCode), 'queue.transfer', event);
    if (target.userId) publishEvent(tctx, agentTopic(target.userId), 'handover.pending', event);
    return transferView(transfer);
  });
}

async function resolveTarget(
  ctx: Ctx,
  target: TransferTarget,
): Promise<{ queueCode: string | null; departmentId: string | null; userId: string | null }> {
  switch (target.kind) {
    case 'queue':
      return { queueCode: target.code, departmentId: null, userId: null };
    case 'department': {
      const dept = await findDepartment(ctx, target.code);
      if (!dept) throw new AppError('DEPARTMENT_NOT_FOUND', { details: { code: target.code } });
      return { queueCode: dept.code, departmentId: dept.id, userId: null };
    }
    case 'user': {
      const user = await staffById(ctx.db, target.userId);
      if (!user || user.disabled || user.id === ctx.actor.userId || !roleCan(user.role, 'contacts.transfer_target')) {
        throw new AppError('TRANSFER_TARGET_INVALID');
      }
      return { queueCode: null, departmentId: user.departmentId, userId: user.id };
    }
  }
}

function transferView(t: ContactTransfersTable): HandoverView {
  return {
    id: t.id,
    contactId: t.contact_id,
    status: t.status as HandoverView['status'],
    target: { kind: t.target_kind, code: t.target_code, userId: t.target_user_id },
    createdAt: t.created_at,
    acknowledgedAt: t.acknowledged_at,
    // Packets written before cases and emergencies were listed read as having none.
    packet: { cases: [], emergencies: [], ...(JSON.parse(t.packet) as Partial<HandoverPacket>) } as HandoverPacket,
  };
}

/**
 * Whether the actor is who a transfer is addressed to: the person, or whoever works the queue it waits in
 * — a handler of the department (and any senior agent for the senior agents' desk, whose members need not
 * belong to a department), the front line for the general queue.
 */
async function isReceiver(ctx: Ctx, t: ContactTransfersTable): Promise<boolean> {
  if (t.target_user_id) return t.target_user_id === ctx.actor.userId;
  if (t.target_kind === 'department') {
    if (t.target_department_id !== null && t.target_department_id === ctx.actor.departmentId) return true;
    return t.target_code === SENIOR_QUEUE && ctx.actor.kind === 'user' && can(ctx.actor, 'contacts.senior_queue');
  }
  return t.target_code !== null && mayWorkQueue(ctx.actor, t.target_code, await actorDepartmentCode(ctx));
}

async function pendingTransfer(ctx: Ctx, contactId: string): Promise<ContactTransfersTable | undefined> {
  return ctx.db
    .selectFrom('contact_transfers')
    .selectAll()
    .where('contact_id', '=', contactId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** The pending packet, for its receiver before they acknowledge it (the read is audited). */
export async function getHandover(ctx: Ctx, contactId: string): Promise<HandoverView> {
  authorize(ctx.actor, 'contacts.handle');
  const row = await getContactRow(ctx.db, contactId);
  const t = await pendingTransfer(ctx, contactId);
  if (!t) throw new AppError('NO_PENDING_HANDOVER');
  if (!(await isReceiver(ctx, t))) throw new AppError('HANDOVER_NOT_FOR_YOU');
  await audit(ctx, {
    action: 'contact.handover_read',
    entityType: 'contact',
    entityId: contactId,
    customerId: row.customer_id,
    contactId,
    details: { transferId: t.id },
  });
  return transferView(t);
}

/** Hand-overs addressed to the actor, their department or a queue they work. */
export async function listMyHandovers(ctx: Ctx): Promise<HandoverView[]> {
  authorize(ctx.actor, 'contacts.handle');
  const rows = await ctx.db
    .selectFrom('contact_transfers')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(200)
    .execute();
  const mine: HandoverView[] = [];
  const contactIds: string[] = [];
  for (const r of rows) {
    if (!(await isReceiver(ctx, r))) continue;
    mine.push(transferView(r));
    contactIds.push(r.contact_id);
  }
  // The packets carry what the customer said and what was done: the list is a read of their data.
  await audit(ctx, {
    action: 'contact.handovers_list',
    entityType: 'contact',
    details: { count: mine.length, contactIds },
  });
  return mine;
}

/** The receiver acknowledges the packet and takes the contact, with its verification carried over. */
export async function acknowledgeHandover(ctx: Ctx, contactId: string): Promise<ContactView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockContactRow(tctx.db, contactId);
    if (!row) throw new AppError('CONTACT_NOT_FOUND');
    if (row.status === 'closed') throw new AppError('CONTACT_CLOSED');
    const t = await pendingTransfer(tctx, contactId);
    if (!t) throw new AppError('NO_PENDING_HANDOVER');
    if (!(await isReceiver(tctx, t))) throw new AppError('HANDOVER_NOT_FOR_YOU');
    // A hand-over addressed to a person is theirs alone; one sent to a queue is served emergencies first.
    if (!t.target_user_id) await assertNoEmergencyAhead(tctx, row);
    // A chat taken by its hand-over counts against the receiver's limit of concurrent chats like an accept.
    await requireChatRoom(tctx, row.channel);
    const now = ctx.clock.now().toISOString();
    await tctx.db
      .updateTable('contact_transfers')
      .set({ status: 'acknowledged', acknowledged_at: now, acknowledged_by: ctx.actor.userId })
      .where('id', '=', t.id)
      .execute();
    const view = await takeContact(tctx, row);
    await audit(tctx, {
      action: 'contact.handover_ack',
      entityType: 'contact',
      entityId: contactId,
      customerId: row.customer_id,
      contactId,
      details: { transferId: t.id, from: t.from_user_id },
    });
    if (t.from_user_id) {
      publishEvent(tctx, agentTopic(t.from_user_id), 'handover.acknowledged', { contactId, transferId: t.id });
    }
    publishEvent(tctx, contactTopic(contactId), 'contact.handover_acknowledged', { contactId, transferId: t.id });
    return view;
  });
}
