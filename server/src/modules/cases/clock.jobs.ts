import { z } from 'zod';
import { addDays, bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { cancelJobs, schedule, scheduleOrRevive } from '../../platform/jobs/jobs.ts';
import { defineJob } from '../../platform/jobs/worker.ts';
import { type CaseRow, departmentById, listAppraisals, lockCase, updateCase } from './case.repository.ts';
import { type CaseSettings, loadCaseSettings, loadWorkCalendar } from './case.settings.ts';
import { type CaseState, CLOCK_RUNNING_STATES } from './case.ts';
import { publishCase, publishToDepartment, publishToSupervisors, recordCaseEvent, today } from './case-core.service.ts';
import { allowedDays, computeDueDate, deadlineInstant, reminderInstant } from './clock.rules.ts';

/**
 * The regulatory clock applied to a stored case: recomputes the due date from the case's facts (complex,
 * extension, appraisals, the bank's day basis and calendar) and keeps one reminder per configured lead
 * time and one escalation at breach scheduled as jobs. Jobs are rows with dedupe keys naming the due date,
 * so each fires once, across restarts and retries, and a moved deadline gets its own.
 */
export const JOB_REMINDER = 'cases.deadline_reminder';
export const JOB_BREACH = 'cases.deadline_breach';
export const JOB_FOLLOW_UP = 'cases.follow_up';

const reminderKey = (caseId: string, due: string, daysBefore: number) => `case:${caseId}:remind:${due}:${daysBefore}`;
const breachKey = (caseId: string, due: string) => `case:${caseId}:breach:${due}`;

export async function computeCaseDue(ctx: Ctx, row: CaseRow): Promise<{ dueDate: string; paused: boolean }> {
  const settings = await loadCaseSettings(ctx);
  const days =
    row.clock_kind === 'review'
      ? 30
      : row.kind === 'fraud'
        ? settings.fraudDecisionDays
        : allowedDays({ complex: row.complex === 1, extended: row.extended === 1 });
  const appraisals = await listAppraisals(ctx.db, row.id);
  const calendar = await loadWorkCalendar(ctx, row.clock_started_on, addDays(row.clock_started_on, 3660));
  const result = computeDueDate({
    receivedDate: row.clock_started_on,
    allowedDays: days,
    basis: settings.dayBasis,
    calendar,
    pauses: appraisals.map((a) => ({
      from: a.started_on,
      to: a.ended_on,
      customerNotified: a.customer_notified_at !== null,
    })),
    asOf: today(ctx),
  });
  return { dueDate: result.dueDate, paused: result.paused };
}

/** Recomputes and stores the due date, and (re)schedules its reminders and escalation. Returns the new row. */
export async function refreshDeadline(ctx: Ctx, row: CaseRow): Promise<CaseRow> {
  const { dueDate, paused } = await computeCaseDue(ctx, row);
  const updated: CaseRow = { ...row, due_date: dueDate, due_paused: paused ? 1 : 0 };
  if (dueDate !== row.due_date || updated.due_paused !== row.due_paused) {
    await updateCase(ctx.db, row.id, {
      due_date: dueDate,
      due_paused: updated.due_paused,
      updated_at: ctx.clock.now().toISOString(),
    });
    await cancelDeadlineJobs(ctx, row);
  }
  await scheduleDeadlineJobs(ctx, updated);
  return updated;
}

/**
 * The bank changed what deadlines are computed from (its holiday calendar, the day basis, the fraud decision
 * days, the reminder lead times): every case whose clock runs gets its due date computed again and its
 * reminders rescheduled, in the caller's transaction, so no promised date is left on the old rules. A moved
 * due date is recorded on the case and published like any other deadline change. `previous` are the settings
 * the pending reminders were scheduled under (their lead times name the jobs to withdraw).
 */
export async function recalculateRunningDeadlines(trxCtx: Ctx, reason: string, previous: CaseSettings): Promise<void> {
  const running = await trxCtx.db
    .selectFrom('cases')
    .select('id')
    .where('state', 'in', CLOCK_RUNNING_STATES)
    .orderBy('id')
    .execute();
  const now = trxCtx.clock.now();
  // Reminders at lead times no longer configured are withdrawn; the others are kept (or moved with the
  // due date by refreshDeadline), so one that is due but not yet run is not lost.
  const current = await loadCaseSettings(trxCtx);
  const dropped = previous.reminderDaysBefore.filter((d) => !current.reminderDaysBefore.includes(d));
  for (const { id } of running) {
    const row = await lockCase(trxCtx.db, id);
    if (!row) continue;
    await cancelJobs(
      trxCtx.db,
      dropped.map((d) => reminderKey(row.id, row.due_date, d)),
      now,
    );
    const updated = await refreshDeadline(trxCtx, row);
    if (updated.due_date === row.due_date) continue;
    const change = { previousDueDate: row.due_date, dueDate: updated.due_date };
    await recordCaseEvent(
      { ctx: trxCtx, row: updated },
      'deadline_recalculated',
      `${reason}:处理时限由 ${row.due_date} 调整为 ${updated.due_date}`,
      change,
    );
    publishCase(trxCtx, updated, 'case.deadline_changed');
  }
}

export async function scheduleDeadlineJobs(ctx: Ctx, row: CaseRow): Promise<void> {
  if (!CLOCK_RUNNING_STATES.includes(row.state as CaseState) || row.due_paused === 1) return;
  const now = ctx.clock.now();
  const settings = await loadCaseSettings(ctx);
  for (const daysBefore of settings.reminderDaysBefore) {
    const runAt = reminderInstant(row.due_date, daysBefore);
    if (runAt <= now) continue;
    await scheduleOnce(ctx, {
      kind: JOB_REMINDER,
      payload: { caseId: row.id, dueDate: row.due_date, daysBefore },
      runAt,
      dedupeKey: reminderKey(row.id, row.due_date, daysBefore),
    });
  }
  await scheduleOnce(ctx, {
    kind: JOB_BREACH,
    payload: { caseId: row.id, dueDate: row.due_date },
    runAt: deadlineInstant(row.due_date),
    dedupeKey: breachKey(row.id, row.due_date),
  });
}

/**
 * Schedules by dedupe key. A job cancelled earlier under the same key (the deadline moved away and came
 * back) is revived rather than silently kept cancelled; one that already ran stays done.
 */
function scheduleOnce(
  ctx: Ctx,
  job: { kind: string; payload: unknown; runAt: Date; dedupeKey: string },
): Promise<void> {
  return scheduleOrRevive(ctx, job);
}

export async function cancelDeadlineJobs(ctx: Ctx, row: CaseRow): Promise<void> {
  const settings = await loadCaseSettings(ctx);
  await cancelJobs(
    ctx.db,
    [...settings.reminderDaysBefore.map((d) => reminderKey(row.id, row.due_date, d)), breachKey(row.id, row.due_date)],
    ctx.clock.now(),
  );
}

/** Still the deadline the job was scheduled for, and still running? Otherwise the job has nothing to do. */
function stillDue(row: CaseRow | undefined, dueDate: string): row is CaseRow {
  return (
    row !== undefined &&
    CLOCK_RUNNING_STATES.includes(row.state as CaseState) &&
    row.due_date === dueDate &&
    row.due_paused === 0
  );
}

async function departmentCode(ctx: Ctx, row: CaseRow): Promise<string | undefined> {
  return row.department_id ? (await departmentById(ctx.db, row.department_id))?.code : undefined;
}

export const reminderJob = defineJob({
  payload: z.object({ caseId: z.string(), dueDate: z.string(), daysBefore: z.number().int() }),
  async run(ctx, { caseId, dueDate, daysBefore }) {
    const row = await lockCase(ctx.db, caseId);
    if (!stillDue(row, dueDate)) return;
    await recordCaseEvent({ ctx, row }, 'deadline_reminder', `距处理时限(${dueDate})还有 ${daysBefore} 天`, {
      dueDate,
      daysBefore,
    });
    const data = { caseId, number: row.number, dueDate, daysBefore, ownerId: row.owner_id };
    publishToSupervisors(ctx, 'case.deadline_near', data);
    publishCase(ctx, row, 'case.deadline_near', { daysBefore });
    if (row.owner_id) publishEvent(ctx, `user:${row.owner_id}`, 'case.deadline_near', data);
    const dept = await departmentCode(ctx, row);
    if (dept) publishToDepartment(ctx, dept, 'case.deadline_near', data);
  },
});

/** At breach the case is marked, raised to urgent and escalated to the supervisors' stream. */
export const breachJob = defineJob({
  payload: z.object({ caseId: z.string(), dueDate: z.string() }),
  async run(ctx, { caseId, dueDate }) {
    const row = await lockCase(ctx.db, caseId);
    if (!stillDue(row, dueDate)) return;
    const at = ctx.clock.now().toISOString();
    await updateCase(ctx.db, caseId, { breached_at: row.breached_at ?? at, priority: 'urgent', updated_at: at });
    const updated = { ...row, breached_at: row.breached_at ?? at, priority: 'urgent' };
    await recordCaseEvent({ ctx, row: updated }, 'deadline_breached', `已超过处理时限 ${dueDate},已升级至主管`, {
      dueDate,
    });
    const data = { caseId, number: row.number, dueDate, ownerId: row.owner_id, breachedAt: at };
    publishToSupervisors(ctx, 'case.deadline_breached', data);
    publishCase(ctx, updated, 'case.deadline_breached');
    if (row.owner_id) publishEvent(ctx, `user:${row.owner_id}`, 'case.deadline_breached', data);
    const dept = await departmentCode(ctx, row);
    if (dept) publishToDepartment(ctx, dept, 'case.deadline_breached', data);
  },
});

/** Starts the follow-up task of an emergency case: a check every few hours until the case is closed. */
export async function startFollowUp(ctx: Ctx, row: CaseRow): Promise<void> {
  const settings = await loadCaseSettings(ctx);
  await schedule(ctx, {
    kind: JOB_FOLLOW_UP,
    payload: { caseId: row.id, n: 1 },
    runAt: new Date(ctx.clock.now().getTime() + settings.followUpHours * 3_600_000),
    dedupeKey: `case:${row.id}:follow_up:1`,
  });
}

export const followUpJob = defineJob({
  payload: z.object({ caseId: z.string(), n: z.number().int().min(1) }),
  async run(ctx, { caseId, n }) {
    const row = await lockCase(ctx.db, caseId);
    if (!row || row.state === 'closed') return;
    const date = bankDate(ctx.clock.now());
    const overdue = date > row.due_date;
    await recordCaseEvent(
      { ctx, row },
      'follow_up_check',
      `跟进检查第 ${n} 次:当前状态 ${row.state},处理时限 ${row.due_date}${overdue ? '(已超时)' : ''}`,
      { n, state: row.state, dueDate: row.due_date, overdue },
    );
    const data = { caseId, number: row.number, state: row.state, dueDate: row.due_date, overdue, n };
    publishCase(ctx, row, 'case.follow_up', { n, overdue });
    if (row.owner_id) publishEvent(ctx, `user:${row.owner_id}`, 'case.follow_up', data);
    const dept = await departmentCode(ctx, row);
    if (dept) publishToDepartment(ctx, dept, 'case.follow_up', data);
    const settings = await loadCaseSettings(ctx);
    await schedule(ctx, {
      kind: JOB_FOLLOW_UP,
      payload: { caseId, n: n + 1 },
      runAt: new Date(ctx.clock.now().getTime() + settings.followUpHours * 3_600_000),
      dedupeKey: `case:${caseId}:follow_up:${n + 1}`,
    });
  },
});
