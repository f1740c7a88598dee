import { audit } from '../../platform/audit.ts';
import type { AccessGrant, AccessRequest } from '../../platform/auth/customer-access.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { hasDeclaredConflict, userById } from './case.repository.ts';
import { OPEN_STATES } from './case.ts';

/**
 * A declared conflict of interest (a relative, a personal dispute, …): the staff member is never assigned
 * this customer's cases. A staff member may declare their own; supervisors and admins anyone's.
 */
export async function declareConflict(
  ctx: Ctx,
  input: { userId: string; customerId: string; reason: string },
): Promise<void> {
  if (ctx.actor.userId !== input.userId) authorize(ctx.actor, 'cases.conflicts');
  if (!(await userById(ctx.db, input.userId))) throw new AppError('CASE_ASSIGNEE_INVALID');
  await inTransaction(ctx, async (tctx) => {
    const now = ctx.clock.now();
    await tctx.db
      .insertInto('case_conflicts')
      .values({
        id: newId(now),
        user_id: input.userId,
        customer_id: input.customerId,
        reason: input.reason,
        declared_by: ctx.actor.userId,
        declared_at: now.toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'customer_id']).doNothing())
      .execute();
    await audit(tctx, {
      action: 'cases.conflict_declare',
      entityType: 'user',
      entityId: input.userId,
      customerId: input.customerId,
      reason: input.reason,
    });
  });
}

/**
 * Needs a case assignment opens to a customer's data: what is needed to work the case. The case itself is
 * not among them: access to a case is decided per case (`requireCaseAccess` in case-core.service.ts), so one case
 * in a department does not open the customer's other cases.
 */
const ASSIGNMENT_NEEDS = new Set<AccessRequest['need']>([
  'customer.profile',
  'account.read',
  'statement.read',
  'transactions.read',
]);

/**
 * Access rule (via 'assignment'): a department handler for a customer with an open case in their
 * department or assigned to them; a senior agent or agent for an open case they own; the head office's
 * complaint manager for a case waiting for their extension approval.
 */
export async function caseAssignmentAccess(ctx: Ctx, request: AccessRequest): Promise<AccessGrant | undefined> {
  const a = ctx.actor;
  if (a.kind !== 'user' || !a.userId || !ASSIGNMENT_NEEDS.has(request.need)) return undefined;
  const approver = can(a, 'cases.approve_extension');
  if (!can(a, 'cases.work') && !approver) return undefined;
  const userId = a.userId;
  // A declared conflict closes the customer to this person even through their department's cases.
  if (await hasDeclaredConflict(ctx.db, userId, request.customerId)) return undefined;
  const found = await ctx.db
    .selectFrom('cases')
    .select('id')
    .where('customer_id', '=', request.customerId)
    .where('state', 'in', [...OPEN_STATES, 'resolved', 'notified'])
    .where((eb) => {
      const conds = [eb('owner_id', '=', userId)];
      if (can(a, 'cases.department_work') && a.departmentId) conds.push(eb('department_id', '=', a.departmentId));
      if (approver) conds.push(eb('extension_status', '=', 'requested'));
      return eb.or(conds);
    })
    .limit(1)
    .executeTakeFirst();
  return found ? { contactId: null, via: 'assignment' } : undefined;
}
