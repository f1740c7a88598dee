import type { CaseDto, CaseEventKind } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import type { AccessGrant } from '../../platform/auth/customer-access.ts';
import { can } from '../../platform/auth/policy.ts';
import { addDays, bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { type CaseRow, hasDeclaredConflict, insertCaseEvent, lockCase } from './case.repository.ts';
import { type CaseState, STATE_LABELS } from './case.ts';
import { deadlineInstant, notifiedOnTime, reviewWindowEnd } from './clock.rules.ts';

/** Shared by the case services: row mapping, the history writer, access and responsibility checks. */
export function rowToCase(row: CaseRow, departmentCodes: ReadonlyMap<string, string>): CaseDto {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind as CaseDto['kind'],
    state: row.state as CaseState,
    stateLabel: STATE_LABELS[row.state as CaseState] ?? row.state,
    customerId: row.customer_id,
    contactId: row.contact_id,
    cardId: row.card_id,
    channel: row.channel,
    productCode: row.product_code,
    category: row.category,
    summary: row.summary,
    demand: row.demand,
    callbackPhone: row.callback_phone_masked,
    subjectUserId: row.subject_user_id,
    firstAgentId: row.first_agent_id,
    ownerId: row.owner_id,
    department: row.department_id ? (departmentCodes.get(row.department_id) ?? null) : null,
    priority: row.priority === 'urgent' ? 'urgent' : 'normal',
    receivedAt: row.received_at,
    receivedDate: row.received_date,
    clockKind: row.clock_kind as CaseDto['clockKind'],
    complex: row.complex === 1,
    extended: row.extended === 1,
    extensionStatus: (row.extension_status as CaseDto['extensionStatus']) ?? null,
    extensionApproval:
      row.extension_approver_position && row.extension_approved_at
        ? {
            approvedBy: row.extension_approved_by,
            position: row.extension_approver_position,
            approvedAt: row.extension_approved_at,
          }
        : null,
    dueDate: row.due_date,
    duePaused: row.due_paused === 1,
    deadlineAt: deadlineInstant(row.due_date).toISOString(),
    promisedDate: row.promised_date,
    resolution: row.resolution,
    resolvedOnSpot: row.resolved_on_spot === 1,
    decidedBy: row.decided_by,
    decisionDate: row.decision_date,
    resultNotifiedAt: row.result_notified_at,
    resultReceivedOn: row.result_received_on,
    notifiedOnTime: row.result_notified_at
      ? notifiedOnTime(bankDate(new Date(row.result_notified_at)), row.due_date)
      : null,
    feedback: (row.feedback as CaseDto['feedback']) ?? null,
    feedbackAt: row.feedback_at,
    rootCause: row.root_cause_code,
    remediation: row.remediation,
    closedAt: row.closed_at,
    breachedAt: row.breached_at,
    reopenCount: row.reopen_count,
    reviewRequestedAt: row.review_requested_at,
    reviewOpenUntil: row.result_received_on ? reviewWindowEnd(row.result_received_on) : null,
    transferReference: row.transfer_reference,
  };
}

export const today = (ctx: Pick<Ctx, 'clock'>): string => bankDate(ctx.clock.now());

/** A case under change: the locked row, the context bound to the transaction and the access grant. */
export interface CaseChange {
  ctx: Ctx;
  row: CaseRow;
  grant: AccessGrant;
}

/**
 * Locks the case in the caller's transaction and checks access to it (see `requireCaseAccess`).
 */
export async function openCaseForChange(trxCtx: Ctx, caseId: string): Promise<CaseChange> {
  const row = await lockCase(trxCtx.db, caseId);
  if (!row) throw new AppError('CASE_NOT_FOUND');
  const grant = await requireCaseAccess(trxCtx, row, 'case.write');
  return { ctx: trxCtx, row, grant };
}

/**
 * Whether the actor holds this very case: its owner, a handler of the department it was referred to (the
 * referral is what sets its department), or — for a case waiting for an extension approval — one who may
 * approve it. Holding one case of a customer opens no other case of theirs.
 */
function holdsCase(ctx: Ctx, row: CaseRow): boolean {
  const a = ctx.actor;
  if (a.kind !== 'user' || a.userId === null) return false;
  if (row.owner_id === a.userId) return true;
  if (row.extension_status === 'requested' && can(a, 'cases.approve_extension')) return true;
  return can(a, 'cases.department_work') && row.department_id !== null && row.department_id === a.departmentId;
}

/**
 * Access to one case's data, decided per case: whoever holds it (and has declared no conflict with the
 * customer), or else the customer-access rules — an active contact with the customer verified enough, or a
 * supervisor's written reason. A case in a handler's department does not open the customer's other cases.
 */
export async function requireCaseAccess(
  ctx: Ctx,
  row: CaseRow,
  need: 'case.read' | 'case.write',
): Promise<AccessGrant> {
  const userId = ctx.actor.userId;
  if (holdsCase(ctx, row) && userId !== null && !(await hasDeclaredConflict(ctx.db, userId, row.customer_id))) {
    return { contactId: null, via: 'assignment' };
  }
  return ctx.access.require(ctx, { customerId: row.customer_id, need });
}

/**
 * Who carries a case and may take its steps: its owner (the first agent until a department accepts it),
 * the handlers of the department it sits with, supervisors and admins, and the system.
 */
export function isResponsible(ctx: Ctx, row: CaseRow): boolean {
  const a = ctx.actor;
  if (a.kind === 'system' || can(a, 'cases.oversee')) return true;
  if (a.userId !== null && row.owner_id === a.userId) return true;
  return can(a, 'cases.department_work') && row.department_id !== null && row.department_id === a.departmentId;
}

export function requireResponsible(ctx: Ctx, row: CaseRow): void {
  if (!isResponsible(ctx, row)) throw new AppError('CASE_NOT_RESPONSIBLE');
}

/**
 * Writes one step into the case history and the audit log, in the caller's transaction. Free text is
 * scrubbed of card, ID and phone numbers before it is kept.
 */
export async function recordCaseEvent(
  change: Pick<CaseChange, 'ctx' | 'row'> & { grant?: AccessGrant },
  kind: CaseEventKind,
  body: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  const { ctx, row } = change;
  const at = ctx.clock.now();
  await insertCaseEvent(ctx.db, {
    id: newId(at),
    case_id: row.id,
    at: at.toISOString(),
    actor_id: ctx.actor.userId,
    actor_role: ctx.actor.role,
    kind,
    body: body === null ? null : scrubText(body),
    details: scrubText(JSON.stringify(details)),
  });
  await audit(ctx, {
    action: `case.${kind}`,
    entityType: 'case',
    entityId: row.id,
    customerId: row.customer_id,
    contactId: change.grant?.contactId ?? null,
    details: { number: row.number, ...details },
  });
}

/** Live updates after commit: the case's own topic, and the department's when it concerns them. */
export function publishCase(ctx: Ctx, row: CaseRow, type: string, data: Record<string, unknown> = {}): void {
  const payload = {
    caseId: row.id,
    number: row.number,
    kind: row.kind,
    state: row.state,
    dueDate: row.due_date,
    ...data,
  };
  publishEvent(ctx, `case:${row.id}`, type, payload);
}

export function publishToDepartment(
  ctx: Ctx,
  departmentCode: string,
  type: string,
  data: Record<string, unknown>,
): void {
  publishEvent(ctx, `department:${departmentCode}`, type, data);
}

/** Supervisors' stream: cases near or past their deadline, review requests, extension requests. */
export function publishToSupervisors(ctx: Ctx, type: string, data: Record<string, unknown>): void {
  publishEvent(ctx, 'cases', type, data);
}

export { addDays };
