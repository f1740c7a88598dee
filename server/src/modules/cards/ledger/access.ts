import type { AccessGrant, AccessNeed } from '../../../platform/auth/customer-access.ts';
import { type Action, authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';

/** Role permission, then customer-data access to the account's owner; returns the owner and the grant. */
export async function requireAccountAccess(
  ctx: Ctx,
  accountId: string,
  need: AccessNeed,
  action: Action = 'cards.operate',
): Promise<{ customerId: string; grant: AccessGrant; contactId: string | null }> {
  authorize(ctx.actor, action);
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['customer_id'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  const grant = await ctx.access.require(ctx, { customerId: account.customer_id, need });
  return { customerId: account.customer_id, grant, contactId: grant.contactId };
}

export async function requireCustomerAccess(
  ctx: Ctx,
  customerId: string,
  need: AccessNeed,
  action: Action = 'customers.read',
) {
  authorize(ctx.actor, action);
  const exists = await ctx.db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
  if (!exists) throw new AppError('CUSTOMER_NOT_FOUND');
  const grant = await ctx.access.require(ctx, { customerId, need });
  return { grant, contactId: grant.contactId };
}
