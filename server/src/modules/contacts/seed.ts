import type { Intent } from '@carddesk/contracts';
import { contactTypeOf } from '@carddesk/contracts';
import { listStaff } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { schedule } from '../../platform/jobs/jobs.ts';
import { mulberry32 } from '../../platform/random.ts';
import { listCustomerIds } from '../cards/index.ts';
import type { DemoSeedOptions } from '../module.ts';
import { DEMO_CANNED_REPLIES, FRONT_LINE_TEAM } from './canned.service.ts';
import { emptyContact } from './contact.service.ts';
import type { Outcome, Stage } from './contact.ts';
import type { ContactStagesTable, ContactsTable, ContactTurnsTable, PromisesTable } from './contacts.tables.ts';
import { DUE_JOB, REMIND_JOB } from './promise.service.ts';
import { GENERAL_QUEUE } from './queues.ts';

function weighted<T>(rand: () => number, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r <= 0) return item;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

/** Rough real-world mix of a card service line: statements, repayments and installments dominate. */
const INTENT_MIX: ReadonlyArray<readonly [Intent, number]> = [
  ['statement_query', 14],
  ['due_date_min_payment', 8],
  ['repayment_status', 6],
  ['installment_query', 7],
  ['installment_apply', 5],
  ['limit_query', 5],
  ['limit_increase', 6],
  ['card_activate', 5],
  ['card_loss_report', 3],
  ['fraud_report', 2],
  ['transaction_query', 6],
  ['transaction_dispute', 3],
  ['annual_fee', 4],
  ['fee_waiver_request', 3],
  ['points_rewards', 4],
  ['card_delivery', 3],
  ['complaint_service', 2],
  ['complaint_fee', 2],
  ['complaint_marketing', 1],
  ['interest_fee_query', 3],
];

const OUTCOME_MIX: ReadonlyArray<readonly [Outcome, number]> = [
  ['resolved_first_contact', 72],
  ['follow_up_promised', 11],
  ['transferred', 7],
  ['case_opened', 10],
];

const CHUNK = 400;

/**
 * A dashboard's worth of history, not one proportional to the customer base: a demo of a few hundred
 * customers gets about one contact per 15 customers a day, and from 3,000 customers on the daily volume
 * stays at this cap (a 100,000-customer benchmark set would otherwise get 1.2 M contacts and 7 M stages).
 */
export const MAX_DEMO_CONTACTS_PER_DAY = 200;

async function insertChunks<T>(items: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await insert(items.slice(i, i + CHUNK));
}

/**
 * Demo history for the dashboards: `months` of closed contacts across intents, types, outcomes and
 * satisfaction; three open promises (one already overdue, so the worker escalates it); two chats waiting
 * in the general queue. Deterministic for a seed; a few dozen rows at test sizes; skipped when contacts exist.
 */
export async function seedContactsDemo(ctx: Ctx, options: DemoSeedOptions): Promise<void> {
  const rand = mulberry32(options.seed ^ 0x2c0417);
  const now = ctx.clock.now().getTime();
  const customers = await listCustomerIds(ctx.db);
  const agents = await listStaff(ctx.db, { usernames: ['agent', 'senior_agent'] });
  // Seeding is for a fresh database: history needs customers, and a second run must not double it.
  const existing = await ctx.db.selectFrom('contacts').select('id').limit(1).executeTakeFirst();
  if (agents.length === 0 || customers.length === 0 || existing) return;

  // Written a day at a time, so memory stays bounded by one day's rows whatever the size.
  let contacts: ContactsTable[] = [];
  let stages: ContactStagesTable[] = [];
  const promised: ContactsTable[] = [];
  const perDay = Math.min(MAX_DEMO_CONTACTS_PER_DAY, Math.max(1, Math.round(options.customers / 15)));
  const days = options.months * 30;
  for (let d = days; d >= 1; d--) {
    const count = Math.max(0, Math.round(perDay * (0.6 + rand() * 0.8)));
    for (let i = 0; i < count; i++) {
      // Office hours around the clock's time of day (demo start 10:00 Beijing): 08:00–20:00.
      const start = now - d * 86_400_000 + Math.floor((rand() * 12 - 10) * 3_600_000);
      const handling = Math.floor((90 + rand() * 720) * 1000);
      const intents: Intent[] = [weighted(rand, INTENT_MIX)];
      if (rand() < 0.12) intents.push(weighted(rand, INTENT_MIX));
      const unique = [...new Set(intents)];
      const type = contactTypeOf(unique);
      const agent = agents[Math.floor(rand() * agents.length)] ?? agents[0];
      const outcome = weighted(rand, OUTCOME_MIX);
      const at = (ms: number) => new Date(start + ms).toISOString();
      const id = newId(new Date(start));
      const channel = rand() < 0.65 ? 'phone' : 'chat';
      const skippedConfirm = rand() < 0.06;
      contacts.push({
        ...emptyContact(id, at(0)),
        channel,
        status: 'closed',
        stage: 'closing',
        customer_id: customers[Math.floor(rand() * customers.length)] ?? null,
        agent_id: agent?.id ?? null,
        verification_level: rand() < 0.8 ? 'basic' : 'strong',
        verification_methods: JSON.stringify(channel === 'chat' ? ['otp'] : ['name_id_last6']),
        verified_at: at(30_000),
        type,
        intents: JSON.stringify(unique),
        intents_source: 'agent',
        outcome,
        satisfaction:
          rand() < 0.6
            ? weighted(rand, [
                [5, 50],
                [4, 28],
                [3, 12],
                [2, 6],
                [1, 4],
              ] as const)
            : null,
        confirmation_skip_reason: skippedConfirm ? '客户来电中断' : null,
        hostile: type === 'complaint' && rand() < 0.4 ? 1 : 0,
        accepted_at: at(0),
        closed_at: at(handling),
        closed_by: agent?.id ?? null,
        updated_at: at(handling),
      });
      const flow: Stage[] = skippedConfirm
        ? ['greeting', 'verify', 'need', 'handle', 'closing']
        : ['greeting', 'verify', 'need', 'handle', 'confirm', 'closing'];
      flow.forEach((stage, k) => {
        stages.push({
          id: newId(new Date(start)),
          contact_id: id,
          stage,
          at: at(Math.floor((handling * k) / (flow.length - 1))),
          actor_id: agent?.id ?? null,
          reason: null,
        });
      });
    }
    await insertChunks(contacts, (c) => ctx.db.insertInto('contacts').values(c).execute());
    await insertChunks(stages, (s) => ctx.db.insertInto('contact_stages').values(s).execute());
    // The open promises go on the latest contacts that promised a follow-up: keep the last three seen.
    promised.push(...contacts.filter((c) => c.customer_id && c.outcome === 'follow_up_promised'));
    promised.splice(0, Math.max(0, promised.length - 3));
    contacts = [];
    stages = [];
  }

  await seedPromises(ctx, promised);
  await seedWaitingChats(ctx, customers.slice(0, 2));
  await seedCannedReplies(ctx);
}

async function seedCannedReplies(ctx: Ctx): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('canned_replies')
    .values(
      DEMO_CANNED_REPLIES.map((r, i) => ({
        id: newId(new Date(now.getTime() + i)),
        team: FRONT_LINE_TEAM,
        title: r.title,
        text: r.text,
        created_by: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })),
    )
    .execute();
}

async function seedPromises(ctx: Ctx, contacts: ContactsTable[]): Promise<void> {
  const now = ctx.clock.now();
  const recent = contacts.filter((c) => c.customer_id && c.outcome === 'follow_up_promised').slice(-3);
  const plans = [
    { hours: -6, text: '核实年费扣收原因并回电告知处理结果' },
    { hours: 20, text: '跟进争议交易的退款进度并短信通知客户' },
    { hours: 70, text: '反馈临时额度申请的审批结果' },
  ];
  for (const [i, c] of recent.entries()) {
    const plan = plans[i];
    if (!plan || !c.customer_id) continue;
    const deadline = new Date(now.getTime() + plan.hours * 3_600_000);
    const p: PromisesTable = {
      id: newId(now),
      contact_id: c.id,
      customer_id: c.customer_id,
      description: plan.text,
      deadline_at: deadline.toISOString(),
      owner_user_id: c.agent_id,
      owner_department_id: null,
      status: 'open',
      reminded_at: null,
      escalated_at: null,
      created_by: c.agent_id,
      created_at: c.closed_at ?? now.toISOString(),
      closed_at: null,
      closed_note: null,
    };
    await ctx.db.insertInto('promises').values(p).execute();
    const remindAt = new Date(Math.max(now.getTime(), deadline.getTime() - 2 * 3_600_000));
    await schedule(ctx, {
      kind: REMIND_JOB,
      payload: { promiseId: p.id },
      runAt: remindAt,
      dedupeKey: `promise:${p.id}:remind`,
    });
    await schedule(ctx, {
      kind: DUE_JOB,
      payload: { promiseId: p.id },
      runAt: deadline,
      dedupeKey: `promise:${p.id}:due`,
    });
  }
}

async function seedWaitingChats(ctx: Ctx, customers: string[]): Promise<void> {
  const now = ctx.clock.now().getTime();
  const messages = ['你好,我想查一下这个月的账单金额', '我的卡被冻结了,刷不了卡,怎么办?'];
  for (const [i, customerId] of customers.entries()) {
    const queuedAt = new Date(now - (4 - i * 2) * 60_000).toISOString();
    const id = newId(new Date(queuedAt));
    await ctx.db
      .insertInto('contacts')
      .values({
        ...emptyContact(id, queuedAt),
        channel: 'chat',
        status: 'waiting',
        customer_id: customerId,
        queue_code: GENERAL_QUEUE,
        queued_at: queuedAt,
        verification_level: 'basic',
        verification_methods: JSON.stringify(['otp']),
        verified_at: queuedAt,
      })
      .execute();
    const turn: ContactTurnsTable = {
      id: newId(new Date(queuedAt)),
      contact_id: id,
      seq: 1,
      speaker: 'customer',
      text: messages[i] ?? messages[0] ?? '',
      at: queuedAt,
      author_id: null,
      source: null,
    };
    await ctx.db.insertInto('contact_turns').values(turn).execute();
  }
}
