import type { CreatePromiseInput, PromiseView } from '@carddesk/contracts';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { staffById } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { forUpdate, inTransaction } from '../../platform/db/dialect.ts';
import { departmentById } from '../../platform/departments.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { cancelJobs, schedule } from '../../platform/jobs/jobs.ts';
import { defineJob } from '../../platform/jobs/worker.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { raiseAlert } from './alerts.ts';
import { agentTopic, contactTopic, lockHandledContact, queueTopic } from './contact.service.ts';
import type { PromisesTable } from './contacts.tables.ts';
import { findDepartment } from './departments.ts';
import { loadConfig } from './settings.ts';

/**
 * Promises to the customer (guide §2.4, §3.2): what cannot be solved at once gets a process and a time
 * limit. Each promise is a follow-up task with an owner and a deadline; a job reminds the owner before it
 * is due and another escalates to the supervisor when it is missed. Open promises show in the 360 view.
 */
export const REMIND_JOB = 'contacts.promise_reminder';
export const DUE_JOB = 'contacts.promise_due';

export type { CreatePromiseInput, PromiseView };

export function promiseView(p: PromisesTable, now: Date): PromiseView {
  return {
    id: p.id,
    contactId: p.contact_id,
    customerId: p.customer_id,
    description: p.description,
    deadlineAt: p.deadline_at,
    owner: { userId: p.owner_user_id, departmentId: p.owner_department_id },
    status: p.status as PromiseView['status'],
    overdue: p.status === 'open' && p.deadline_at <= now.toISOString(),
    remindedAt: p.reminded_at,
    escalatedAt: p.escalated_at,
    createdAt: p.created_at,
    closedAt: p.closed_at,
    closedNote: p.closed_note,
  };
}

const dedupe = (id: string, kind: 'remind' | 'due') => `promise:${id}:${kind}`;

/** Records a promise made on the actor's live contact, owned by the actor unless another owner is named. */
export async function createPromise(ctx: Ctx, contactId: string, input: CreatePromiseInput): Promise<PromiseView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, contactId);
    if (!row.customer_id) throw new AppError('CUSTOMER_NOT_IDENTIFIED');
    const now = ctx.clock.now();
    const deadline = input.deadline
      ? new Date(input.deadline)
      : new Date(now.getTime() + (input.dueInHours ?? 0) * 3_600_000);
    if (deadline.getTime() <= now.getTime()) throw new AppError('PROMISE_DEADLINE_INVALID');
    let ownerUserId: string | null = ctx.actor.userId;
    let ownerDepartmentId: string | null = null;
    if (input.owner && 'userId' in input.owner) {
      const u = await staffById(tctx.db, input.owner.userId);
      if (!u || u.disabled) throw new AppError('TRANSFER_TARGET_INVALID', { detail: 'promise owner' });
      ownerUserId = u.id;
    } else if (input.owner) {
      const d = await findDepartment(tctx, input.owner.departmentCode);
      if (!d) throw new AppError('DEPARTMENT_NOT_FOUND');
      ownerUserId = null;
      ownerDepartmentId = d.id;
    }
    const p: PromisesTable = {
      id: newId(now),
      contact_id: contactId,
      customer_id: row.customer_id,
      description: scrubText(input.description),
      deadline_at: deadline.toISOString(),
      owner_user_id: ownerUserId,
      owner_department_id: ownerDepartmentId,
      status: 'open',
      reminded_at: null,
      escalated_at: null,
      created_by: ctx.actor.userId,
      created_at: now.toISOString(),
      closed_at: null,
      closed_note: null,
    };
    await tctx.db.insertInto('promises').values(p).execute();
    const config = await loadConfig(tctx);
    const remindAt = new Date(
      Math.max(now.getTime(), deadline.getTime() - config.promises.remindBeforeMinutes * 60_000),
    );
    await schedule(tctx, {
      kind: REMIND_JOB,
      payload: { promiseId: p.id },
      runAt: remindAt,
      dedupeKey: dedupe(p.id, 'remind'),
    });
    await schedule(tctx, {
      kind: DUE_JOB,
      payload: { promiseId: p.id },
      runAt: deadline,
      dedupeKey: dedupe(p.id, 'due'),
    });
    await audit(tctx, {
      action: 'promise.create',
      entityType: 'promise',
      entityId: p.id,
      customerId: row.customer_id,
      contactId,
      details: { deadlineAt: p.deadline_at, ownerUserId, ownerDepartmentId },
    });
    publishEvent(tctx, contactTopic(contactId), 'promise.created', { promiseId: p.id, deadlineAt: p.deadline_at });
    return promiseView(p, now);
  });
}

/** The owner, the promise's author, a handler of the owning department, or a supervisor closes it. */
async function mayCloseOrRead(ctx: Ctx, p: PromisesTable): Promise<boolean> {
  if (can(ctx.actor, 'contacts.supervise')) return true;
  return (
    p.owner_user_id === ctx.actor.userId ||
    p.created_by === ctx.actor.userId ||
    (p.owner_department_id !== null && p.owner_department_id === ctx.actor.departmentId)
  );
}

/** Marks a promise kept (the customer was told the result); its pending reminder and escalation are cancelled. */
export async function fulfilPromise(ctx: Ctx, id: string, note: string): Promise<PromiseView> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const p = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('promises').selectAll().where('id', '=', id),
    ).executeTakeFirst();
    if (!p) throw new AppError('PROMISE_NOT_FOUND');
    if (!(await mayCloseOrRead(tctx, p))) throw new AppError('FORBIDDEN');
    if (p.status !== 'open') throw new AppError('PROMISE_NOT_OPEN');
    const now = ctx.clock.now();
    const set = { status: 'fulfilled', closed_at: now.toISOString(), closed_note: scrubText(note) };
    await tctx.db.updateTable('promises').set(set).where('id', '=', id).execute();
    await cancelJobs(tctx.db, [dedupe(id, 'remind'), dedupe(id, 'due')], now);
    await audit(tctx, {
      action: 'promise.fulfil',
      entityType: 'promise',
      entityId: id,
      customerId: p.customer_id,
      contactId: p.contact_id,
      details: { late: p.deadline_at < now.toISOString() },
    });
    return promiseView({ ...p, ...set }, now);
  });
}

/** Open promises the actor owns (or their department owns); supervisors see all open ones. */
export async function listPromises(
  ctx: Ctx,
  input: { scope: 'mine' | 'all'; overdueOnly?: boolean },
): Promise<PromiseView[]> {
  authorize(ctx.actor, 'contacts.view');
  if (input.scope === 'all') authorize(ctx.actor, 'contacts.supervise');
  const now = ctx.clock.now();
  let q = ctx.db.selectFrom('promises').selectAll().where('status', '=', 'open');
  if (input.scope === 'mine') {
    q = q.where((eb) =>
      eb.or([
        eb('owner_user_id', '=', ctx.actor.userId ?? ''),
        eb('owner_department_id', '=', ctx.actor.departmentId ?? ''),
      ]),
    );
  }
  if (input.overdueOnly) q = q.where('deadline_at', '<=', now.toISOString());
  const rows = await q.orderBy('deadline_at').limit(500).execute();
  return rows.map((r) => promiseView(r, now));
}

/** For the 360 view: the customer's open promises, soonest deadline first. */
export async function openPromisesOf(ctx: Ctx, customerId: string): Promise<PromiseView[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .selectFrom('promises')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('status', '=', 'open')
    .orderBy('deadline_at')
    .execute();
  return rows.map((r) => promiseView(r, now));
}

const payload = z.object({ promiseId: z.string() });

async function lockOpen(ctx: Ctx, id: string): Promise<PromisesTable | undefined> {
  const p = await forUpdate(ctx.db, ctx.db.selectFrom('promises').selectAll().where('id', '=', id)).executeTakeFirst();
  return p?.status === 'open' ? p : undefined;
}

async function ownerTopics(ctx: Ctx, p: PromisesTable): Promise<string[]> {
  if (p.owner_user_id) return [agentTopic(p.owner_user_id)];
  if (!p.owner_department_id) return [];
  const d = await departmentById(ctx.db, p.owner_department_id);
  return d ? [queueTopic(d.code)] : [];
}

export const promiseJobs = {
  [REMIND_JOB]: defineJob({
    payload,
    async run(ctx, { promiseId }) {
      const p = await lockOpen(ctx, promiseId);
      if (!p || p.reminded_at) return;
      await ctx.db
        .updateTable('promises')
        .set({ reminded_at: ctx.clock.now().toISOString() })
        .where('id', '=', promiseId)
        .execute();
      await audit(ctx, {
        action: 'promise.reminder',
        entityType: 'promise',
        entityId: promiseId,
        customerId: p.customer_id,
        contactId: p.contact_id,
        details: { deadlineAt: p.deadline_at },
      });
      for (const topic of await ownerTopics(ctx, p)) {
        publishEvent(ctx, topic, 'promise.due_soon', { promiseId, deadlineAt: p.deadline_at, contactId: p.contact_id });
      }
    },
  }),
  [DUE_JOB]: defineJob({
    payload,
    async run(ctx, { promiseId }) {
      const p = await lockOpen(ctx, promiseId);
      if (!p || p.escalated_at) return;
      const now = ctx.clock.now().toISOString();
      // Moved deadlines re-schedule; a job that fires early leaves the promise alone.
      if (p.deadline_at > now) return;
      await ctx.db.updateTable('promises').set({ escalated_at: now }).where('id', '=', promiseId).execute();
      await audit(ctx, {
        action: 'promise.missed',
        entityType: 'promise',
        entityId: promiseId,
        customerId: p.customer_id,
        contactId: p.contact_id,
        details: { deadlineAt: p.deadline_at, ownerUserId: p.owner_user_id },
      });
      await raiseAlert(ctx, {
        kind: 'promise_missed',
        userId: p.owner_user_id,
        subjectId: promiseId,
        details: { contactId: p.contact_id, deadlineAt: p.deadline_at, ownerDepartmentId: p.owner_department_id },
      });
      for (const topic of await ownerTopics(ctx, p)) {
        publishEvent(ctx, topic, 'promise.missed', { promiseId, deadlineAt: p.deadline_at });
      }
    },
  }),
};
