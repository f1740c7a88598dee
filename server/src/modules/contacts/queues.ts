import { GENERAL_QUEUE_CODE, type QueueView, type WaitingContact } from '@carddesk/contracts';
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { departmentById } from '../../platform/departments.ts';
import { AppError } from '../../platform/errors.ts';
import type { ContactsTable } from './contacts.tables.ts';
import { customerFlags } from './customers.ts';
import { findDepartment, listDepartmentsUnchecked } from './departments.ts';

/**
 * Queues contacts wait in: the general queue (new chats, contacts sent back to the floor) and one per
 * department (hand-overs to fraud/risk, disputes, …, senior agents). A queue's code is the department's.
 * Within a queue, contacts of type `emergency` (money at risk now: lost card, fraud) go first, then the
 * longest waiting (guide §3.3 "快速响应,第一时间采取措施"); a priority contact (the chat assistant hands over
 * customers flagged vulnerable or aged 65 and over with priority) goes before the others of its kind.
 */
export const GENERAL_QUEUE = GENERAL_QUEUE_CODE;
/** The queue of the senior agents (escalations): they have no department row of their own to match. */
export const SENIOR_QUEUE = 'senior_agents';

export type { QueueView, WaitingContact };

/** Who may work (and listen to) a queue: front line for the general queue, a department's own handlers. */
export function mayWorkQueue(actor: Actor, code: string, departmentCodeOfActor: string | null): boolean {
  if (actor.kind === 'system' || can(actor, 'contacts.supervise')) return true;
  if (code === GENERAL_QUEUE) return can(actor, 'frontline.work');
  return departmentCodeOfActor === code || (code === SENIOR_QUEUE && can(actor, 'contacts.senior_queue'));
}

/** Refuses a queue that does not exist, or one the actor does not serve (supervisors serve them all). */
export async function requireQueueWorker(ctx: Ctx, code: string): Promise<void> {
  if (code !== GENERAL_QUEUE && !(await findDepartment(ctx, code))) throw new AppError('QUEUE_NOT_FOUND');
  if (!mayWorkQueue(ctx.actor, code, await actorDepartmentCode(ctx))) throw new AppError('FORBIDDEN');
}

export async function actorDepartmentCode(ctx: Ctx): Promise<string | null> {
  if (!ctx.actor.departmentId) return null;
  const row = await departmentById(ctx.db, ctx.actor.departmentId);
  return row?.code ?? null;
}

/** Every queue with its waiting count and longest wait, derived from the waiting contacts' rows. */
export async function listQueues(ctx: Ctx): Promise<QueueView[]> {
  authorize(ctx.actor, 'contacts.view');
  const [departments, waiting] = await Promise.all([
    listDepartmentsUnchecked(ctx),
    ctx.db
      .selectFrom('contacts')
      .select((eb) => [
        'queue_code',
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(sql<number>`case when ${eb.ref('type')} = 'emergency' then 1 else 0 end`).as('urgent'),
        eb.fn.min('queued_at').as('oldest'),
      ])
      .where('status', '=', 'waiting')
      .groupBy('queue_code')
      .execute(),
  ]);
  const now = ctx.clock.now().getTime();
  const byCode = new Map(waiting.map((w) => [w.queue_code ?? '', w]));
  const queue = (code: string, kind: QueueView['kind'], nameZh: string, nameEn: string, handles: string[]) => {
    const w = byCode.get(code);
    const oldest = (w?.oldest as string | null | undefined) ?? null;
    return {
      code,
      kind,
      nameZh,
      nameEn,
      handles,
      waiting: Number(w?.n ?? 0),
      emergencyWaiting: Number(w?.urgent ?? 0),
      oldestQueuedAt: oldest,
      longestWaitSeconds: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : 0,
    };
  };
  return [
    queue(GENERAL_QUEUE, 'general', '综合服务队列', 'General queue', []),
    ...departments.map((d) => queue(d.code, 'department', d.nameZh, d.nameEn, d.handles)),
  ];
}

/** Sort key putting emergencies first (0) and everything else after (1); the same SQL on both databases. */
export const emergencyFirst = sql<number>`case when ${sql.ref('type')} = 'emergency' then 0 else 1 end`;

/** The ids of the contacts waiting in a queue in the order they are served: emergencies, then longest wait. */
export function waitingInOrder(db: Executor, code: string, extra?: Expression<SqlBool>) {
  let q = db
    .selectFrom('contacts')
    .select(['id', 'channel', 'customer_id', 'type', 'intents', 'queued_at', 'verification_level', 'hostile'])
    .where('status', '=', 'waiting')
    .where('queue_code', '=', code);
  if (extra) q = q.where(extra);
  return q.orderBy(emergencyFirst).orderBy('priority', 'desc').orderBy('queued_at').orderBy('id');
}

/** The contacts waiting in one queue, in the order they are served (emergencies first, then longest wait). */
export async function listWaiting(ctx: Ctx, code: string): Promise<WaitingContact[]> {
  authorize(ctx.actor, 'contacts.view');
  await requireQueueWorker(ctx, code);
  const rows = await waitingInOrder(ctx.db, code).execute();
  const now = ctx.clock.now().getTime();
  const ids = rows.map((r) => r.id);
  const [turns, customers] = await Promise.all([
    ids.length === 0
      ? []
      : ctx.db
          .selectFrom('contact_turns')
          .select(['contact_id', 'text'])
          .where('contact_id', 'in', ids)
          .where('speaker', '=', 'customer')
          .orderBy('contact_id')
          .orderBy('seq')
          .execute(),
    customerFlags(ctx, [...new Set(rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])))]),
  ]);
  const first = new Map<string, string>();
  for (const t of turns) if (!first.has(t.contact_id)) first.set(t.contact_id, t.text);
  return rows.map((r) => ({
    contactId: r.id,
    channel: r.channel,
    identified: r.customer_id !== null,
    verificationLevel: r.verification_level,
    type: r.type,
    priority: r.type === 'emergency' ? ('emergency' as const) : ('normal' as const),
    intents: JSON.parse(r.intents) as string[],
    queuedAt: r.queued_at,
    waitSeconds: r.queued_at ? Math.max(0, Math.round((now - Date.parse(r.queued_at)) / 1000)) : 0,
    firstMessage: shorten(first.get(r.id)),
    flags: waitingFlags(r, r.customer_id ? customers.get(r.customer_id) : undefined),
  }));
}

const FIRST_MESSAGE_CHARS = 60;

function shorten(text: string | undefined): string | null {
  if (!text) return null;
  const chars = [...text.trim()];
  return chars.length > FIRST_MESSAGE_CHARS ? `${chars.slice(0, FIRST_MESSAGE_CHARS).join('')}…` : chars.join('');
}

function waitingFlags(
  r: { type: string | null; intents: string; hostile: number },
  customer: { vip: boolean; vulnerable: boolean } | undefined,
): WaitingContact['flags'] {
  const intents = JSON.parse(r.intents) as string[];
  const flags: WaitingContact['flags'] = [];
  if (customer?.vip) flags.push('vip');
  if (customer?.vulnerable) flags.push('care');
  if (intents.includes('fraud_report') || intents.includes('card_loss_report')) flags.push('fraud');
  if (r.hostile === 1) flags.push('hostile');
  if (r.type === 'complaint' || intents.some((i) => i.startsWith('complaint_'))) flags.push('complaint');
  return flags;
}

/**
 * Front-line staff take a queue's emergencies before anything else in it: taking (or acknowledging the
 * hand-over of) another contact while an emergency waits in the same queue is refused, naming the
 * emergency. Supervisors may deliberately pick any contact.
 */
export async function assertNoEmergencyAhead(ctx: Ctx, row: ContactsTable): Promise<void> {
  if (!row.queue_code || row.type === 'emergency') return;
  if (ctx.actor.kind === 'system' || can(ctx.actor, 'contacts.supervise')) return;
  const ahead = await waitingInOrder(ctx.db, row.queue_code, sql<SqlBool>`${sql.ref('type')} = 'emergency'`)
    .limit(1)
    .executeTakeFirst();
  if (ahead && ahead.id !== row.id) {
    throw new AppError('EMERGENCY_WAITING', { details: { contactId: ahead.id, queue: row.queue_code } });
  }
}
