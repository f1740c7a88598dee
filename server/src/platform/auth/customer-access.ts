import { audit } from '../audit.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';

/**
 * What a piece of work on a customer needs. The contacts module maps each need to the verification
 * level it requires (a configurable table); modules add needs here as they add operations.
 */
export type AccessNeed =
  | 'customer.search'
  | 'customer.profile'
  | 'customer.reveal_pii'
  | 'account.read'
  | 'statement.read'
  | 'transactions.read'
  | 'installment.quote'
  | 'installment.apply'
  | 'installment.prepay'
  | 'card.activate'
  | 'card.freeze'
  | 'card.unfreeze'
  | 'card.report_lost'
  | 'card.replace'
  | 'card.cancel'
  | 'repayment.record'
  | 'limit.temporary'
  | 'limit.permanent'
  | 'limit.decrease'
  | 'fee.waive'
  | 'points.read'
  | 'points.redeem'
  | 'profile.update'
  | 'application.submit'
  | 'case.read'
  | 'case.write';

export interface AccessRequest {
  customerId: string;
  need: AccessNeed;
}

export interface AccessGrant {
  /** The contact the work happens in, recorded with it (null for overrides and system work). */
  contactId: string | null;
  via: 'contact' | 'assignment' | 'override' | 'system';
}

/**
 * A module's rule for granting access: return a grant, undefined to pass, or throw a specific refusal
 * (e.g. "verification too weak for this"). Rules are tried in module order.
 */
export type AccessRule = (ctx: Ctx, request: AccessRequest) => Promise<AccessGrant | undefined>;

const OVERRIDE_ROLES = new Set(['supervisor', 'admin']);

/**
 * The one decision on whether `ctx.actor` may do `need` for a customer. System work passes; otherwise the
 * modules' rules decide (an active, verified contact; a case assigned to the handler's department); failing
 * those, a supervisor may act with a written reason (`X-Access-Reason`). Every grant is audited by the
 * caller's own audit record, which carries the contact; overrides are audited here as such.
 */
export async function requireCustomerAccess(
  ctx: Ctx,
  rules: readonly AccessRule[],
  request: AccessRequest,
): Promise<AccessGrant> {
  if (ctx.actor.kind === 'system') return { contactId: ctx.contactId ?? null, via: 'system' };
  // The payment system credits repayments to any account; it reads and changes nothing else.
  if (ctx.actor.kind === 'payment_system' && request.need === 'repayment.record') {
    return { contactId: null, via: 'system' };
  }
  for (const rule of rules) {
    const grant = await rule(ctx, request);
    if (grant) return grant;
  }
  if (OVERRIDE_ROLES.has(ctx.actor.role)) {
    const reason = ctx.accessReason?.trim();
    if (!reason || reason.length < 4) throw new AppError('REASON_REQUIRED');
    await audit(ctx, {
      action: 'customer.access_override',
      entityType: 'customer',
      entityId: request.customerId,
      customerId: request.customerId,
      reason,
      details: { need: request.need },
    });
    return { contactId: null, via: 'override' };
  }
  throw new AppError('CUSTOMER_ACCESS_DENIED', { detail: `${ctx.actor.role} ${request.need}` });
}
