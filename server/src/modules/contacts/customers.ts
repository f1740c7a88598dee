import type { Ctx } from '../../platform/context.ts';
import {
  type CustomerFactor,
  customerExists as cardsCustomerExists,
  checkCustomerFactor,
  findCustomerIdByPhone,
  getCustomerFlags,
  getCustomerSummary,
  getRegisteredPhone,
} from '../cards/index.ts';

/**
 * What the contacts module asks of the card engine about a customer, in one place: identification by
 * phone, yes/no factor checks, the registered phone (only to send a code to), masked summaries.
 */
export async function findCustomerByPhone(
  ctx: Ctx,
  phone: string,
): Promise<{ customerId: string; maskedName: string | null } | undefined> {
  const customerId = await findCustomerIdByPhone(ctx, phone);
  if (!customerId) return undefined;
  return { customerId, maskedName: await customerMaskedName(ctx, customerId) };
}

export function customerExists(ctx: Ctx, customerId: string): Promise<boolean> {
  return cardsCustomerExists(ctx.db, customerId);
}

export async function customerMaskedName(ctx: Ctx, customerId: string): Promise<string | null> {
  if (!(await customerExists(ctx, customerId))) return null;
  return (await getCustomerSummary(ctx, customerId)).maskedName;
}

export function checkFactor(ctx: Ctx, customerId: string, factor: CustomerFactor): Promise<boolean> {
  return checkCustomerFactor(ctx, customerId, factor);
}

/** The registered mobile: only ever handed to the one-time-code sender, never into a response or a log. */
export async function registeredPhone(ctx: Ctx, customerId: string): Promise<string | undefined> {
  if (!(await customerExists(ctx, customerId))) return undefined;
  return getRegisteredPhone(ctx, customerId);
}

/** Service flags (VIP, special care) of the customers waiting in a queue: flags only. */
export function customerFlags(ctx: Ctx, customerIds: readonly string[]) {
  return getCustomerFlags(ctx, customerIds);
}
