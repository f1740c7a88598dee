import { type CaseDto, ROLE_LABELS, type Role } from '@carddesk/contracts';
import type { Actor } from '../../platform/auth/actor.ts';
import { authorize, can, requireSecondPerson } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { type CaseRow, departmentCodes, listAppraisals, updateCase } from './case.repository.ts';
import {
  type CaseSettings,
  type Holiday,
  listHolidays,
  loadCaseSettings,
  storeCaseSettings,
  storeHolidays,
} from './case.settings.ts';
import { type CaseState, OPEN_STATES } from './case.ts';
import {
  type CaseChange,
  openCaseForChange,
  publishCase,
  publishToSupervisors,
  recordCaseEvent,
  requireResponsible,
  rowToCase,
  today,
} from './case-core.service.ts';
import { sendCustomerMessage } from './case-messages.service.ts';
import { recalculateRunningDeadlines, refreshDeadline } from './clock.jobs.ts';

/**
 * Changes to the regulatory clock of a complaint: complex (30 days, and the customer is told), the extension
 * (+30, only with a recorded approval by the head office's complaint manager who did not ask for it, and a
 * notice to the customer), and outside appraisals (excluded only when the customer was told).
 */
async function withRunningClock(
  ctx: Ctx,
  caseId: string,
  fn: (change: CaseChange) => Promise<CaseRow>,
): Promise<CaseDto> {
  return inTransaction(ctx, async (tctx) => {
    const change = await openCaseForChange(tctx, caseId);
    // The clock still runs for a decision not yet told, but what it runs to is no longer changed then.
    if (!OPEN_STATES.includes(change.row.state as CaseState)) {
      throw new AppError('CASE_INVALID_TRANSITION', { detail: 'the decision was already given' });
    }
    const row = await fn(change);
    return rowToCase(row, await departmentCodes(tctx.db));
  });
}

/** The approver's position as recorded on the case: the role's Chinese title (总行投诉管理岗). */
function approverPosition(actor: Actor): string {
  switch (actor.kind) {
    case 'system':
    case 'payment_system':
      return '系统';
    // Approval has passed authorize(): a signed-out caller never gets here.
    case 'anonymous':
      throw new AppError('UNAUTHENTICATED');
    case 'user':
      return ROLE_LABELS[actor.role as Role].zh;
  }
}

/**
 * The longer periods (complex, extension) are given while the current one runs (CBIRC Order 2020 No. 3): past
 * its due date the complaint is already late, and a new date told then would cover the breach.
 */
function requireBeforeDue(change: CaseChange): void {
  if (today(change.ctx) > change.row.due_date)
    throw new AppError('CASE_DEADLINE_PASSED', { details: { dueDate: change.row.due_date } });
}

async function setAndRefresh(change: CaseChange, fields: Partial<CaseRow>): Promise<CaseRow> {
  const updated_at = change.ctx.clock.now().toISOString();
  await updateCase(change.ctx.db, change.row.id, { ...fields, updated_at });
  return refreshDeadline(change.ctx, { ...change.row, ...fields, updated_at });
}

/**
 * A complex complaint gets 30 days instead of 15 (CBIRC Order 2020 No. 3): the due date moves and the
 * customer is told the new date and why, as with the extension.
 */
export async function markComplex(ctx: Ctx, caseId: string, reason: string): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.work');
  return withRunningClock(ctx, caseId, async (change) => {
    requireResponsible(change.ctx, change.row);
    if (change.row.kind !== 'complaint') throw new AppError('CASE_INVALID_TRANSITION', { detail: 'not a complaint' });
    if (change.row.complex === 1) return change.row;
    requireBeforeDue(change);
    const updated = await setAndRefresh(change, { complex: 1 });
    await recordCaseEvent({ ...change, row: updated }, 'marked_complex', reason, {
      previousDueDate: change.row.due_date,
      dueDate: updated.due_date,
    });
    await sendCustomerMessage(
      { ...change, row: updated },
      'complex_notice',
      `您的投诉(编号 ${change.row.number})情况较为复杂,处理时限延长至 ${updated.due_date}。原因:${scrubText(reason)}。我们将在此日期前告知您处理结果。`,
    );
    publishCase(change.ctx, updated, 'case.deadline_changed');
    return updated;
  });
}

/** Asks a senior role to approve a further 30 days for an especially complex complaint. */
export async function requestExtension(ctx: Ctx, caseId: string, reason: string): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.work');
  return withRunningClock(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    if (row.complex !== 1) throw new AppError('CASE_NOT_COMPLEX');
    if (row.extended === 1) throw new AppError('CASE_EXTENSION_USED');
    const fields = {
      extension_status: 'requested',
      extension_requested_by: tctx.actor.userId,
      extension_reason: scrubText(reason),
    };
    await updateCase(tctx.db, row.id, { ...fields, updated_at: tctx.clock.now().toISOString() });
    const updated = { ...row, ...fields };
    await recordCaseEvent({ ...change, row: updated }, 'extension_requested', reason, { dueDate: row.due_date });
    publishToSupervisors(tctx, 'case.extension_requested', {
      caseId: row.id,
      number: row.number,
      dueDate: row.due_date,
    });
    return updated;
  });
}

/**
 * The head office's complaint manager (总行投诉管理岗) approves the extension: recorded on the case with their
 * name, position and note, the due date moves by 30 days (never beyond 60 in all) and the customer is told
 * the new date and why. Senior agents and supervisors may ask for it but not grant it.
 */
export async function approveExtension(ctx: Ctx, caseId: string, note: string): Promise<CaseDto> {
  if (!can(ctx.actor, 'cases.approve_extension')) throw new AppError('CASE_EXTENSION_HEAD_OFFICE_ONLY');
  return withRunningClock(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    if (row.extended === 1) throw new AppError('CASE_EXTENSION_USED');
    if (row.extension_status !== 'requested') throw new AppError('CASE_EXTENSION_NOT_REQUESTED');
    requireSecondPerson(tctx.actor, row.extension_requested_by, 'CASE_SELF_APPROVAL');
    requireBeforeDue(change);
    const position = approverPosition(tctx.actor);
    const updated = await setAndRefresh(change, {
      extended: 1,
      extension_status: 'approved',
      extension_approved_by: tctx.actor.userId,
      extension_approver_position: position,
      extension_approved_at: tctx.clock.now().toISOString(),
    });
    await recordCaseEvent({ ...change, row: updated }, 'extension_approved', note, {
      approvedBy: tctx.actor.userId,
      approverRole: tctx.actor.role,
      approverPosition: position,
      requestedBy: row.extension_requested_by,
      previousDueDate: row.due_date,
      dueDate: updated.due_date,
    });
    await sendCustomerMessage(
      { ...change, row: updated },
      'extension_notice',
      `您的投诉(编号 ${row.number})情况特别复杂,经审批,处理时限延长至 ${updated.due_date}。原因:${row.extension_reason ?? note}。给您带来不便,敬请谅解。`,
    );
    publishCase(tctx, updated, 'case.deadline_changed');
    return updated;
  });
}

/** An outside appraisal begins; with `notifyCustomer` the customer is told and its days stop counting. */
export async function startAppraisal(
  ctx: Ctx,
  caseId: string,
  input: { description: string; notifyCustomer: boolean },
): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.work');
  return withRunningClock(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    const running = (await listAppraisals(tctx.db, row.id)).some((a) => a.ended_on === null);
    if (running) throw new AppError('CASE_APPRAISAL_RUNNING');
    const now = tctx.clock.now();
    const appraisal = {
      id: newId(now),
      case_id: row.id,
      description: scrubText(input.description),
      started_on: today(tctx),
      ended_on: null,
      customer_notified_at: input.notifyCustomer ? now.toISOString() : null,
      created_by: tctx.actor.userId,
      created_at: now.toISOString(),
    };
    await tctx.db.insertInto('case_appraisals').values(appraisal).execute();
    const updated = await refreshDeadline(tctx, row);
    await recordCaseEvent({ ...change, row: updated }, 'appraisal_started', appraisal.description, {
      appraisalId: appraisal.id,
      customerNotified: input.notifyCustomer,
    });
    if (input.notifyCustomer) {
      await sendCustomerMessage(
        { ...change, row: updated },
        'appraisal_notice',
        `您的投诉(编号 ${row.number})需要进行外部鉴定(${appraisal.description}),鉴定期间不计入处理时限,鉴定结束后我们将继续处理并告知您新的处理时限。`,
      );
    }
    return updated;
  });
}

export async function endAppraisal(ctx: Ctx, caseId: string): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.work');
  return withRunningClock(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    const running = (await listAppraisals(tctx.db, row.id)).find((a) => a.ended_on === null);
    if (!running) throw new AppError('CASE_NO_APPRAISAL_RUNNING');
    await tctx.db
      .updateTable('case_appraisals')
      .set({ ended_on: today(tctx) })
      .where('id', '=', running.id)
      .execute();
    const updated = await refreshDeadline(tctx, row);
    await recordCaseEvent({ ...change, row: updated }, 'appraisal_ended', null, {
      appraisalId: running.id,
      dueDate: updated.due_date,
    });
    publishCase(tctx, updated, 'case.deadline_changed');
    return updated;
  });
}

/**
 * Changes the cases module's settings and recomputes, in the same transaction, the deadlines of every case
 * whose clock runs: a switch of day basis or of the fraud decision days applies to open cases at once, and
 * reminders follow new lead times.
 */
export async function updateCaseSettings(
  ctx: Ctx,
  patch: { [K in keyof CaseSettings]?: CaseSettings[K] | undefined },
): Promise<CaseSettings> {
  authorize(ctx.actor, 'cases.manage');
  return inTransaction(ctx, async (tctx) => {
    const { before, after } = await storeCaseSettings(tctx, patch);
    await recalculateRunningDeadlines(tctx, '处理时限规则调整', before);
    return after;
  });
}

/**
 * Replaces one year of the bank's calendar (public holidays and 调休 working weekends) and recomputes the
 * running deadlines with it in the same transaction: under the working-day basis a holiday declared after a
 * complaint was received moves its due date, and the case records why.
 */
export async function replaceHolidays(ctx: Ctx, year: number, days: readonly Holiday[]): Promise<Holiday[]> {
  authorize(ctx.actor, 'cases.manage');
  await inTransaction(ctx, async (tctx) => {
    const settings = await loadCaseSettings(tctx);
    await storeHolidays(tctx, year, days);
    await recalculateRunningDeadlines(tctx, '银行节假日日历调整', settings);
  });
  return listHolidays(ctx, year);
}
