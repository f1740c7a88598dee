import {
  CONTACT_TYPES,
  type ContactStats,
  type ContactType,
  type Intent,
  type LiveAgent,
  type LiveWaiting,
  type SupervisorLive,
} from '@carddesk/contracts';
import { authorize, roleCan, rolesGranted } from '../../platform/auth/policy.ts';
import { listStaff, usersWithLiveSessions } from '../../platform/auth/staff.ts';
import { addDays, bankDate, bankDayStart, daysBetween } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { effectiveState, presenceRows } from './presence.service.ts';
import { emergencyFirst, listQueues } from './queues.ts';
import { loadConfig } from './settings.ts';

/**
 * Dashboard figures, all derived from contact rows (no counters to drift): volumes by type and intent per
 * bank day, first-contact resolution, satisfaction and handling time over the contacts started in the range.
 */
export type { ContactStats };

const MAX_DAYS = 366;

export async function contactStats(ctx: Ctx, from: string, to: string): Promise<ContactStats> {
  authorize(ctx.actor, 'contacts.stats');
  const span = daysBetween(from, to);
  if (Number.isNaN(span) || span < 0 || span >= MAX_DAYS) throw new AppError('STATS_RANGE_INVALID');
  const rows = await ctx.db
    .selectFrom('contacts')
    .select(['started_at', 'type', 'intents', 'status', 'outcome', 'satisfaction', 'accepted_at', 'closed_at'])
    .where('started_at', '>=', bankDayStart(from).toISOString())
    .where('started_at', '<', bankDayStart(addDays(to, 1)).toISOString())
    .execute();

  const days = new Map<string, { total: number; byType: Record<ContactType, number> }>();
  for (let d = from; d <= to; d = addDays(d, 1)) {
    days.set(d, {
      total: 0,
      byType: Object.fromEntries(CONTACT_TYPES.map((t) => [t, 0])) as Record<ContactType, number>,
    });
  }
  const intentsByDay = new Map<string, number>();
  const intentTotals = new Map<Intent, number>();
  let closed = 0;
  let resolvable = 0;
  let resolved = 0;
  let satisfactionSum = 0;
  let rated = 0;
  let handlingSum = 0;
  let handled = 0;
  for (const r of rows) {
    const date = bankDate(new Date(r.started_at));
    const day = days.get(date);
    if (!day) continue;
    day.total++;
    if (r.type) day.byType[r.type as ContactType]++;
    for (const intent of JSON.parse(r.intents) as Intent[]) {
      const key = `${date}|${intent}`;
      intentsByDay.set(key, (intentsByDay.get(key) ?? 0) + 1);
      intentTotals.set(intent, (intentTotals.get(intent) ?? 0) + 1);
    }
    if (r.status === 'closed') {
      closed++;
      if (r.outcome && r.outcome !== 'abandoned') {
        resolvable++;
        if (r.outcome === 'resolved_first_contact') resolved++;
      }
      if (r.accepted_at && r.closed_at) {
        handlingSum += (Date.parse(r.closed_at) - Date.parse(r.accepted_at)) / 1000;
        handled++;
      }
    }
    if (r.satisfaction !== null) {
      satisfactionSum += r.satisfaction;
      rated++;
    }
  }
  return {
    from,
    to,
    total: rows.length,
    byDay: [...days].map(([date, v]) => ({ date, ...v })),
    byIntent: [...intentsByDay]
      .map(([key, count]) => {
        const [date = '', intent = ''] = key.split('|');
        return { date, intent: intent as Intent, count };
      })
      .sort((a, b) => (a.date === b.date ? b.count - a.count : a.date < b.date ? -1 : 1)),
    intentTotals: [...intentTotals].map(([intent, count]) => ({ intent, count })).sort((a, b) => b.count - a.count),
    closed,
    firstContactResolutionRate: resolvable ? round(resolved / resolvable, 4) : null,
    averageSatisfaction: rated ? round(satisfactionSum / rated, 2) : null,
    rated,
    averageHandlingSeconds: handled ? Math.round(handlingSum / handled) : null,
  };
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export type { LiveAgent, LiveWaiting, SupervisorLive };

/** How many waiting contacts the live view lists (the counts per queue cover all of them). */
const LIVE_WAITING = 100;

/**
 * The supervisor's live view: queues with waiting counts and longest waits, the waiting contacts in the
 * order they are served (emergencies first, then longest wait), agents with what they handle.
 */
export async function supervisorLive(ctx: Ctx): Promise<SupervisorLive> {
  authorize(ctx.actor, 'contacts.supervise');
  const now = ctx.clock.now().toISOString();
  const [queues, waiting, users, online, active] = await Promise.all([
    listQueues(ctx),
    ctx.db
      .selectFrom('contacts')
      .select(['id', 'queue_code', 'channel', 'type', 'queued_at'])
      .where('status', '=', 'waiting')
      // A chat the assistant still serves waits for nobody.
      .where((eb) => eb.or([eb('bot_state', 'is', null), eb('bot_state', '!=', 'bot')]))
      .orderBy(emergencyFirst)
      .orderBy('queued_at')
      .orderBy('id')
      .limit(LIVE_WAITING)
      .execute(),
    listStaff(ctx.db, { roles: rolesGranted('contacts.handle'), enabled: true }),
    usersWithLiveSessions(ctx.db, now),
    ctx.db
      .selectFrom('contacts')
      .select(['id', 'agent_id', 'channel', 'stage', 'type', 'accepted_at', 'started_at'])
      .where('status', '=', 'active')
      .execute(),
  ]);
  const presence = await presenceRows(ctx.db);
  const agents = users.map((u): LiveAgent => {
    const contacts = active
      .filter((c) => c.agent_id === u.id)
      .map((c) => ({
        contactId: c.id,
        channel: c.channel,
        stage: c.stage,
        type: c.type,
        since: c.accepted_at ?? c.started_at,
      }));
    const state = contacts.length > 0 ? 'busy' : online.has(u.id) ? 'idle' : 'offline';
    const p = effectiveState(presence.get(u.id), now);
    return {
      userId: u.id,
      displayName: u.displayName,
      agentNo: u.agentNo,
      role: u.role,
      floorStaff: roleCan(u.role, 'contacts.floor_staff'),
      state,
      presence: p.state,
      presenceSince: p.since,
      contacts,
    };
  });
  const nowMs = ctx.clock.now().getTime();
  const waitSeconds = (queuedAt: string | null) =>
    queuedAt ? Math.max(0, Math.round((nowMs - Date.parse(queuedAt)) / 1000)) : 0;
  const config = await loadConfig(ctx);
  const day = await serviceToday(ctx, config.desk.serviceLevelSeconds);
  return {
    at: now,
    queues,
    waiting: waiting.map((w) => ({
      contactId: w.id,
      queueCode: w.queue_code,
      channel: w.channel,
      type: w.type,
      priority: w.type === 'emergency' ? 'emergency' : 'normal',
      queuedAt: w.queued_at,
      waitSeconds: waitSeconds(w.queued_at),
    })),
    agents,
    ...day.rates,
    longestWaitSeconds: Math.max(0, ...waiting.map((w) => waitSeconds(w.queued_at))),
    today: day.counts,
    thresholds: {
      serviceLevelSeconds: config.desk.serviceLevelSeconds,
      serviceLevelTarget: config.desk.serviceLevelTarget,
      abandonRateLimit: config.desk.abandonRateLimit,
      longestWaitAlertSeconds: config.desk.longestWaitAlertSeconds,
    },
  };
}

/**
 * Today's service figures over the contacts that joined a queue this bank day: answered (taken by an
 * agent), answered within the service-level threshold, abandoned (the customer left before anyone took
 * it). The service level counts what is settled plus those still waiting beyond the threshold (they have
 * already missed it); the rest are still in time and not counted yet.
 */
async function serviceToday(ctx: Ctx, thresholdSeconds: number) {
  const now = ctx.clock.now();
  const start = bankDayStart(bankDate(now)).toISOString();
  const rows = await ctx.db
    .selectFrom('contacts')
    .select(['queued_at', 'accepted_at', 'status', 'outcome'])
    .where('queued_at', '>=', start)
    .execute();
  const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;
  let answered = 0;
  let answeredInTime = 0;
  let abandoned = 0;
  let lateWaiting = 0;
  for (const r of rows) {
    if (!r.queued_at) continue;
    // A contact sent back to a queue has an older acceptance: it counts by its new wait.
    if (r.accepted_at && r.accepted_at >= r.queued_at) {
      answered++;
      if (seconds(r.queued_at, r.accepted_at) <= thresholdSeconds) answeredInTime++;
    } else if (r.status === 'closed' && r.outcome === 'abandoned') {
      abandoned++;
    } else if (r.status === 'waiting' && seconds(r.queued_at, now.toISOString()) > thresholdSeconds) {
      lateWaiting++;
    }
  }
  const settled = answered + abandoned;
  const share = (n: number, d: number) => (d === 0 ? null : round(n / d, 4));
  return {
    counts: { offered: rows.length, answered, answeredInTime, abandoned },
    rates: {
      serviceLevel: share(answeredInTime, settled + lateWaiting),
      answerRate: share(answered, settled),
      abandonRate: share(abandoned, settled),
    },
  };
}
