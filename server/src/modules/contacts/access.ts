import type { AccessGrant, AccessRequest, AccessRule } from '../../platform/auth/customer-access.ts';
import { can } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { atLeast, type Level } from './contact.ts';
import { loadConfig, requiredLevel } from './settings.ts';

/**
 * The rule that ties customer-data access to the contact (issue 4 §4): the request names a contact
 * (`X-Contact-Id`) that is open, linked to this customer, and worked by the actor — its handler, or a
 * handler of the department it was handed to once the hand-over was acknowledged — and the contact's
 * verification level unlocks the need (settings.ts). A contact that qualifies but is not verified enough
 * refuses with VERIFICATION_REQUIRED and the level needed; anything else passes to the platform
 * (supervisor override with a reason, or 403).
 */
export const contactAccessRule: AccessRule = async (ctx: Ctx, request: AccessRequest) => {
  if (!ctx.contactId || ctx.actor.kind !== 'user' || !ctx.actor.userId) return undefined;
  const contact = await ctx.db
    .selectFrom('contacts')
    .select(['id', 'status', 'customer_id', 'agent_id', 'department_id', 'verification_level'])
    .where('id', '=', ctx.contactId)
    .executeTakeFirst();
  if (contact?.status !== 'active' || contact.customer_id !== request.customerId) return undefined;
  const works =
    contact.agent_id === ctx.actor.userId ||
    (can(ctx.actor, 'contacts.department_work') &&
      contact.department_id !== null &&
      contact.department_id === ctx.actor.departmentId &&
      (await acknowledgedToDepartment(ctx, contact.id, contact.department_id)));
  if (!works) return undefined;
  const config = await loadConfig(ctx);
  const required = requiredLevel(config, request.need);
  const current = contact.verification_level as Level;
  if (!atLeast(current, required)) {
    throw new AppError('VERIFICATION_REQUIRED', { details: { need: request.need, required, current } });
  }
  const grant: AccessGrant = { contactId: contact.id, via: 'contact' };
  return grant;
};

async function acknowledgedToDepartment(ctx: Ctx, contactId: string, departmentId: string): Promise<boolean> {
  const t = await ctx.db
    .selectFrom('contact_transfers')
    .select('id')
    .where('contact_id', '=', contactId)
    .where('target_department_id', '=', departmentId)
    .where('status', '=', 'acknowledged')
    .executeTakeFirst();
  return t !== undefined;
}
