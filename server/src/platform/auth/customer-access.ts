import { ACCESS_REASON_CODES, ACCESS_REASON_MIN_TEXT, parseAccessReason } from '@carddesk/contracts';
import { audit } from '../audit.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { can } from './policy.ts';

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
  | 'credit.refund'
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
  /**
   * The contact that granted the access — the one the audit record names. Null for overrides, case
   * assignments and system work: the `X-Contact-Id` a caller sends is never recorded unless it granted.
   */
  contactId: string | null;
  via: 'contact' | 'assignment' | 'override' | 'system';
}

/**
 * A module's rule for granting access: return a grant, undefined to pass, or throw a specific refusal
 * (e.g. "verification too weak for this"). Rules are tried in module order.
 */
export type AccessRule = (ctx: Ctx, request: AccessRequest) => Promise<AccessGrant | undefined>;

/**
 * The one decision on whether `ctx.actor` may do `need` for a customer. System work passes; otherwise the
 * modules' rules decide (an active, verified contact; a case assigned to the handler's department); failing
 * those, a supervisor may act with a written reason (`X-Access-Reason`: a code from the contracts' list and a
 * free text, see `parseAccessReason`). Every grant is audited by the
 * caller's own audit record, which carries the contact; overrides are audited here as such.
 */
export async function requireCustomerAccess(
  ctx: Ctx,
  rules: readonly AccessRule[],
  request: AccessRequest,
): Promise<AccessGrant> {
  // Nobody signed in: refused before any module rule (which might only look at roles) is asked.
  if (ctx.actor.kind === 'anonymous') throw new AppError('UNAUTHENTICATED');
  // System work is granted, but no contact granted it: a contact id the caller names is not recorded as one.
  if (ctx.actor.kind === 'system') return { contactId: null, via: 'system' };
  // The payment system credits repayments to any account; it reads and changes nothing else.
  if (ctx.actor.kind === 'payment_system' && request.need === 'repayment.record') {
    return { contactId: null, via: 'system' };
  }
  for (const rule of rules) {
    const grant = await rule(ctx, request);
    if (grant) return grant;
  }
  if (can(ctx.actor, 'customers.override_access')) {
    if (!ctx.accessReason?.trim()) throw new AppError('REASON_REQUIRED');
    const parsed = parseAccessReason(ctx.accessReason);
    if (!parsed) {
      throw new AppError('ACCESS_REASON_INVALID', {
        details: { codes: ACCESS_REASON_CODES, minText: ACCESS_REASON_MIN_TEXT },
      });
    }
    const reason = `${parsed.code}: ${parsed.text}`;
    await audit(ctx, {
      action: 'customer.access_override',
      entityType: 'customer',
      entityId: request.customerId,
      customerId: request.customerId,
      reason,
      details: { need: request.need, reasonCode: parsed.code },
    });
    return { contactId: null, via: 'override' };
  }
  throw new AppError('CUSTOMER_ACCESS_DENIED', { detail: `${ctx.actor.role} ${request.need}` });
}
