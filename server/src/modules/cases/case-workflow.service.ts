import type { CaseDto, Role } from '@carddesk/contracts';
import type { z } from 'zod';
import { userToActor } from '../../platform/auth/auth.service.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import {
  type CaseRow,
  departmentByCode,
  departmentById,
  departmentCodes,
  findCase,
  hasDeclaredConflict,
  updateCase,
  userById,
} from './case.repository.ts';
import type { referSchema } from './case.schemas.ts';
import { resolveInChange } from './case.service.ts';
import { type CaseAction, type CaseState, type Feedback, nextState, OPEN_STATES } from './case.ts';
import {
  type CaseChange,
  openCaseForChange,
  publishCase,
  publishToDepartment,
  publishToSupervisors,
  recordCaseEvent,
  requireResponsible,
  rowToCase,
  today,
} from './case-core.service.ts';
import { sendCustomerMessage } from './case-messages.service.ts';
import { cancelDeadlineJobs, refreshDeadline } from './clock.jobs.ts';
import { isWithinReviewWindow, notifiedOnTime, reviewWindowEnd } from './clock.rules.ts';
import { requireActiveRootCause } from './root-causes.ts';

/**
 * The closed loop of a case (guide §3.2): refer with a promised time and the hand-over packet, accept,
 * assign (never to someone with a conflict of interest), decide, tell the customer and ask for feedback,
 * close with root cause and remediation; reopen or review within 30 days of the decision.
 * Each step locks the case, checks access and responsibility, and writes history + audit in one transaction.
 */
async function withCase(ctx: Ctx, caseId: string, fn: (change: CaseChange) => Promise<CaseRow>): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.work');
  return inTransaction(ctx, async (tctx) => {
    const change = await openCaseForChange(tctx, caseId);
    const row = await fn(change);
    return rowToCase(row, await departmentCodes(tctx.db));
  });
}

function transition(row: CaseRow, action: CaseAction): CaseState {
  const to = nextState(row.state as CaseState, action);
  if (!to) throw new AppError('CASE_INVALID_TRANSITION', { detail: `${row.state} -/-> ${action}` });
  return to;
}

async function patch(change: CaseChange, fields: Partial<CaseRow>): Promise<CaseRow> {
  const updated_at = change.ctx.clock.now().toISOString();
  await updateCase(change.ctx.db, change.row.id, { ...fields, updated_at });
  return { ...change.row, ...fields, updated_at };
}

/** Refer to the responsible department with the promised time and the hand-over packet (guide §3.2, §3.4). */
export async function referCase(ctx: Ctx, caseId: string, input: z.infer<typeof referSchema>): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    const state = transition(row, 'refer');
    const dept = await departmentByCode(tctx.db, input.department);
    if (!dept) throw new AppError('CASE_UNKNOWN_DEPARTMENT');
    if (input.promisedDate < today(tctx) || input.promisedDate > row.due_date) {
      throw new AppError('CASE_PROMISE_INVALID', { details: { dueDate: row.due_date } });
    }
    // The first agent stays responsible (首问负责) until the department accepts: owner is unchanged.
    const updated = await patch(change, { state, department_id: dept.id, promised_date: input.promisedDate });
    const handover = Object.fromEntries(Object.entries(input.handover).map(([k, v]) => [k, scrubText(v ?? '')]));
    await recordCaseEvent({ ...change, row: updated }, 'referred', input.note ?? null, {
      department: dept.code,
      promisedDate: input.promisedDate,
      handover,
    });
    await sendCustomerMessage(
      { ...change, row: updated },
      'promise',
      `您的投诉(编号 ${row.number})已转交${dept.name_zh}处理,我们承诺于 ${input.promisedDate} 前给您答复。`,
    );
    publishToDepartment(tctx, dept.code, 'case.referred', {
      caseId: row.id,
      number: row.number,
      kind: row.kind,
      dueDate: row.due_date,
      promisedDate: input.promisedDate,
    });
    publishCase(tctx, updated, 'case.referred', { department: dept.code });
    return updated;
  });
}

/** The department takes the case: a handler of that department becomes responsible. */
export async function acceptCase(ctx: Ctx, caseId: string): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    const state = transition(row, 'accept');
    const a = tctx.actor;
    const inDepartment = can(a, 'cases.department_work') && a.departmentId === row.department_id;
    if (!inDepartment && !can(a, 'cases.oversee')) throw new AppError('CASE_NOT_RESPONSIBLE');
    if (a.userId) await assertNoConflict(tctx, row, a.userId);
    const updated = await patch(change, { state, owner_id: a.kind === 'user' ? a.userId : row.owner_id });
    await recordCaseEvent({ ...change, row: updated }, 'accepted', null, { ownerId: updated.owner_id });
    publishCase(tctx, updated, 'case.accepted');
    return updated;
  });
}

/** The department is not responsible: the case goes back to the first agent with the reason. */
export async function declineCase(ctx: Ctx, caseId: string, reason: string): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    const state = transition(row, 'decline');
    const from = row.department_id ? (await departmentById(tctx.db, row.department_id))?.code : undefined;
    const updated = await patch(change, { state, department_id: null, owner_id: row.owner_id ?? row.first_agent_id });
    await recordCaseEvent({ ...change, row: updated }, 'declined', reason, { department: from ?? null });
    publishCase(tctx, updated, 'case.declined');
    return updated;
  });
}

/**
 * Conflicts of interest (回避, CBIRC Order 2020 No. 3): the staff member the complaint is about, anyone
 * with a declared conflict with the customer, and — for a review — whoever made the decision under review.
 */
export async function assertNoConflict(ctx: Ctx, row: CaseRow, userId: string): Promise<void> {
  const reasons: string[] = [];
  if (row.subject_user_id === userId) reasons.push('subject_of_complaint');
  if (row.state === 'under_review' && row.decided_by === userId) reasons.push('decided_the_case_under_review');
  if (await hasDeclaredConflict(ctx.db, userId, row.customer_id)) reasons.push('declared_conflict');
  if (reasons.length > 0) throw new AppError('CASE_CONFLICT_OF_INTEREST', { details: { reasons } });
}

/** Assigns a handler; a referred case assigned inside its department counts as accepted there. */
export async function assignCase(ctx: Ctx, caseId: string, userId: string): Promise<CaseDto> {
  authorize(ctx.actor, 'cases.assign');
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    if (!OPEN_STATES.includes(row.state as CaseState)) throw new AppError('CASE_INVALID_TRANSITION');
    const a = tctx.actor;
    if (a.kind === 'user' && can(a, 'cases.department_work') && a.departmentId !== row.department_id) {
      throw new AppError('CASE_NOT_RESPONSIBLE');
    }
    const user = await userById(tctx.db, userId);
    if (user?.disabled !== 0) throw new AppError('CASE_ASSIGNEE_INVALID');
    // What the assignee may do decides whether they can carry it: the policy, not role names.
    const assignee = userToActor({
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role as Role,
      agentNo: null,
      departmentId: user.department_id,
    });
    const eligible = row.department_id
      ? user.department_id === row.department_id || can(assignee, 'cases.assignable_anywhere')
      : can(assignee, 'frontline.work');
    if (!eligible) throw new AppError('CASE_ASSIGNEE_INVALID');
    await assertNoConflict(tctx, row, userId);
    const state = row.state === 'referred' ? transition(row, 'accept') : (row.state as CaseState);
    const updated = await patch(change, { owner_id: userId, state });
    await recordCaseEvent({ ...change, row: updated }, 'assigned', null, {
      ownerId: userId,
      previousOwnerId: row.owner_id,
    });
    publishCase(tctx, updated, 'case.assigned', { ownerId: userId });
    return updated;
  });
}

/** Records the decision (the result the customer will be told). */
export async function resolveCase(ctx: Ctx, caseId: string, result: string): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    requireResponsible(change.ctx, change.row);
    transition(change.row, 'resolve');
    return resolveInChange(change, result, false);
  });
}

/**
 * Tells the customer the result and asks for their feedback — the message is kept with the case. This is
 * what stops the regulatory clock (作出处理决定并告知): it is on time when told by the due date, and the
 * reminders and breach escalation are withdrawn only now. The review window counts from the day the
 * customer received the result, which is never before the day they were told (the notification recorded
 * here) nor after today.
 */
export async function notifyResult(
  ctx: Ctx,
  caseId: string,
  input: { message?: string | undefined; receivedOn?: string | undefined } = {},
): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    if (!row.resolution) throw new AppError('CASE_RESULT_MISSING');
    const state = transition(row, 'notify_result');
    // The customer is told now, so receipt falls between the day told and today (bank dates): an earlier
    // day would start the 30-day review window before they knew the result and shorten it.
    const notifiedOn = today(tctx);
    const receivedOn = input.receivedOn ?? notifiedOn;
    if (receivedOn < notifiedOn) {
      throw new AppError('CASE_RECEIVED_BEFORE_NOTIFICATION', { details: { notifiedOn, receivedOn } });
    }
    if (receivedOn > today(tctx)) {
      throw new AppError('CASE_RECEIVED_DATE_INVALID', { details: { receivedOn } });
    }
    const until = reviewWindowEnd(receivedOn);
    const body =
      input.message ??
      `您的${row.kind === 'complaint' ? '投诉' : '案件'}(编号 ${row.number})已处理完毕。处理结果:${row.resolution}。` +
        `请您对本次处理作出评价(满意/不满意)。如对结果不满意,可在 ${until} 前申请核查或要求重新处理。`;
    const notifiedAt = tctx.clock.now();
    const updated = await patch(change, {
      state,
      result_notified_at: notifiedAt.toISOString(),
      result_received_on: receivedOn,
    });
    await cancelDeadlineJobs(tctx, row);
    await sendCustomerMessage({ ...change, row: updated }, 'result', body);
    await recordCaseEvent({ ...change, row: updated }, 'result_notified', null, {
      notifiedOn,
      receivedOn,
      dueDate: row.due_date,
      onTime: notifiedOnTime(notifiedOn, row.due_date),
      reviewOpenUntil: until,
    });
    publishCase(tctx, updated, 'case.result_notified');
    return updated;
  });
}

/** The customer's answer to the feedback request (or that they gave none when asked). */
export async function recordFeedback(ctx: Ctx, caseId: string, feedback: Feedback, note?: string): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    if (row.state !== 'notified')
      throw new AppError('CASE_INVALID_TRANSITION', { detail: 'feedback before the result was told' });
    const updated = await patch(change, { feedback, feedback_at: tctx.clock.now().toISOString() });
    await recordCaseEvent({ ...change, row: updated }, 'feedback', note ?? null, { feedback });
    publishCase(tctx, updated, 'case.feedback', { feedback });
    return updated;
  });
}

/** Closes the loop: result recorded and told, feedback asked and recorded; complaints add root cause and remediation. */
export async function closeCase(
  ctx: Ctx,
  caseId: string,
  input: { rootCause?: string | undefined; remediation?: string | undefined },
): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    if (!row.resolution) throw new AppError('CASE_RESULT_MISSING');
    if (!row.result_notified_at || !row.feedback) throw new AppError('CASE_FEEDBACK_MISSING');
    const state = transition(row, 'close');
    const rootCause = input.rootCause ?? null;
    const remediation = input.remediation?.trim() || null;
    if (row.kind === 'complaint') {
      if (!rootCause || !remediation) throw new AppError('CASE_ROOT_CAUSE_REQUIRED');
    }
    if (rootCause) await requireActiveRootCause(tctx, rootCause);
    const now = tctx.clock.now().toISOString();
    const updated = await patch(change, {
      state,
      root_cause_code: rootCause,
      remediation: remediation === null ? null : scrubText(remediation),
      closed_at: now,
    });
    await recordCaseEvent({ ...change, row: updated }, 'closed', updated.remediation, {
      rootCause,
      feedback: row.feedback,
    });
    publishCase(tctx, updated, 'case.closed');
    return updated;
  });
}

/** Review or reopening: within 30 days of the day the customer received the decision. */
function assertReviewWindow(ctx: Ctx, row: CaseRow): void {
  if (!row.result_received_on || !isWithinReviewWindow(row.result_received_on, today(ctx))) {
    throw new AppError('CASE_REVIEW_WINDOW_CLOSED', {
      details: { decisionDate: row.decision_date, receivedOn: row.result_received_on },
    });
  }
}

const CLEARED_DECISION = {
  resolution: null,
  resolved_on_spot: 0,
  result_notified_at: null,
  result_received_on: null,
  feedback: null,
  feedback_at: null,
  root_cause_code: null,
  remediation: null,
  closed_at: null,
  breached_at: null,
  extension_status: null,
  extension_approved_by: null,
  extension_approver_position: null,
  extension_approved_at: null,
} as const;

/** An unsatisfied customer has it handled again (within 30 days of the decision); a fresh clock runs. */
export async function reopenCase(ctx: Ctx, caseId: string, reason: string): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    const state = transition(row, 'reopen');
    assertReviewWindow(tctx, row);
    const owner = row.owner_id && row.owner_id !== row.subject_user_id ? row.owner_id : null;
    let updated = await patch(change, {
      ...CLEARED_DECISION,
      state,
      owner_id: owner,
      reopen_count: row.reopen_count + 1,
      clock_kind: 'reopened',
      clock_started_on: today(tctx),
      complex: 0,
      extended: 0,
    });
    updated = await refreshDeadline(tctx, updated);
    await recordCaseEvent({ ...change, row: updated }, 'reopened', reason, {
      previousDecisionDate: row.decision_date,
      previousResolution: row.resolution,
      dueDate: updated.due_date,
    });
    publishCase(tctx, updated, 'case.reopened');
    return updated;
  });
}

/**
 * The customer asks for a review (核查) of the decision, within 30 days of it. The review gets 30 days and a
 * reviewer who did not make the decision (assigned by a supervisor).
 */
export async function requestReview(ctx: Ctx, caseId: string, reason: string): Promise<CaseDto> {
  return withCase(ctx, caseId, async (change) => {
    const { ctx: tctx, row } = change;
    requireResponsible(tctx, row);
    const state = transition(row, 'request_review');
    assertReviewWindow(tctx, row);
    let updated = await patch(change, {
      ...CLEARED_DECISION,
      state,
      owner_id: null,
      review_requested_at: tctx.clock.now().toISOString(),
      clock_kind: 'review',
      clock_started_on: today(tctx),
    });
    updated = await refreshDeadline(tctx, updated);
    await recordCaseEvent({ ...change, row: updated }, 'review_requested', reason, {
      decisionDate: row.decision_date,
      decidedBy: row.decided_by,
      previousResolution: row.resolution,
      dueDate: updated.due_date,
    });
    await sendCustomerMessage(
      { ...change, row: updated },
      'review_acknowledgement',
      `您对投诉(编号 ${row.number})处理结果的核查申请已受理,我们将在 ${updated.due_date} 前告知核查结果。`,
    );
    publishToSupervisors(tctx, 'case.review_requested', {
      caseId: row.id,
      number: row.number,
      dueDate: updated.due_date,
    });
    publishCase(tctx, updated, 'case.review_requested');
    return updated;
  });
}

/** Reads a case row for services of other modules that already hold access (e.g. the emergency lane). */
export async function caseRow(ctx: Ctx, caseId: string): Promise<CaseRow> {
  const row = await findCase(ctx.db, caseId);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  return row;
}
