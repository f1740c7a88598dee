import type { CaseDto, CaseEventKind, CaseMessageDto } from '@carddesk/contracts';
import type { AccessGrant } from '../../platform/auth/customer-access.ts';
import type { Ctx } from '../../platform/context.ts';
import { departmentCodes } from '../../platform/departments.ts';
import { type CaseRow, findCaseRow } from './case.repository.ts';
import { createCaseRecord, type NewCase } from './case.service.ts';
import type { CaseKind } from './case.ts';
import { openCaseForChange, recordCaseEvent, rowToCase } from './case-core.service.ts';
import { type CustomerMessageKind, sendCustomerMessage } from './case-messages.service.ts';
import { startFollowUp } from './clock.jobs.ts';

/**
 * The steps other modules take on a case they hold the id of (the emergency lane's fraud case), in the
 * caller's transaction, without the case's row: open one, record a step, message the customer, read it.
 */

/** A case as another module holds it. */
export interface CaseRef {
  id: string;
  number: string;
  kind: CaseKind;
  customerId: string;
  dueDate: string;
}

const refOf = (row: CaseRow): CaseRef => ({
  id: row.id,
  number: row.number,
  kind: row.kind as CaseKind,
  customerId: row.customer_id,
  dueDate: row.due_date,
});

/**
 * Opens a case (access already checked by the caller) with its regulatory clock running and, with
 * `followUp`, the task that checks it until it is closed.
 */
export async function openCase(ctx: Ctx, input: NewCase, options: { followUp?: boolean } = {}): Promise<CaseRef> {
  const row = await createCaseRecord(ctx, input);
  if (options.followUp) await startFollowUp(ctx, row);
  return refOf(row);
}

/** The case by id; throws when there is none. */
export async function caseRef(ctx: Ctx, caseId: string): Promise<CaseRef> {
  return refOf(await findCaseRow(ctx.db, caseId));
}

/** Locks the case in the caller's transaction and checks the actor may change it (CASE_NOT_FOUND when none). */
export async function lockCaseForChange(ctx: Ctx, caseId: string): Promise<{ case: CaseRef; grant: AccessGrant }> {
  const { row, grant } = await openCaseForChange(ctx, caseId);
  return { case: refOf(row), grant };
}

/** Records a step in the case's history and the audit log (`grant`: the access it was taken under). */
export async function recordCaseStep(
  ctx: Ctx,
  caseId: string,
  kind: CaseEventKind,
  details: Record<string, unknown>,
  grant?: AccessGrant,
): Promise<void> {
  const row = await findCaseRow(ctx.db, caseId);
  await recordCaseEvent(grant ? { ctx, row, grant } : { ctx, row }, kind, null, details);
}

/** Sends the customer a message about the case (on the case's channel), recorded on it. */
export async function messageCaseCustomer(
  ctx: Ctx,
  caseId: string,
  kind: CustomerMessageKind,
  body: string,
  grant?: AccessGrant,
): Promise<CaseMessageDto> {
  const row = await findCaseRow(ctx.db, caseId);
  return sendCustomerMessage(grant ? { ctx, row, grant } : { ctx, row }, kind, body);
}

/** The case as the API shows it. */
export async function caseView(ctx: Ctx, caseId: string): Promise<CaseDto> {
  return rowToCase(await findCaseRow(ctx.db, caseId), await departmentCodes(ctx.db));
}
