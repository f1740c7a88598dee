import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import type { CustomerFlags } from './customer.service.ts';
import { bidx, customerMasks, ENC } from './pii-fields.ts';

/** A new customer's personal data, as a setup step (tests, tools) gives it. */
export interface NewCustomer {
  name: string;
  idNumber: string;
  phone: string;
  gender?: 'M' | 'F';
  address?: string;
}

/**
 * Stores a customer as the card engine stores one (encrypted fields, blind indexes, masked forms), with no
 * accounts or cards: the set-up step for other modules' tests and tools. Returns the customer id.
 */
export async function registerCustomer(ctx: Ctx, input: NewCustomer): Promise<string> {
  const id = newId(ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  const k = ctx.keyring;
  const address = input.address ?? '北京市朝阳区建国路88号';
  await ctx.db
    .insertInto('customers')
    .values({
      id,
      name_enc: k.encrypt(input.name, ENC.name),
      name_bidx: bidx.name(k, input.name),
      id_number_enc: k.encrypt(input.idNumber, ENC.idNumber),
      id_number_bidx: bidx.idNumber(k, input.idNumber),
      phone_enc: k.encrypt(input.phone, ENC.phone),
      phone_bidx: bidx.phone(k, input.phone),
      gender: input.gender ?? 'M',
      address_enc: k.encrypt(address, ENC.address),
      email_enc: null,
      ...customerMasks({ name: input.name, phone: input.phone, idNumber: input.idNumber, address }),
      flags: '{}',
      preferences: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Replaces a customer's service flags (VIP, special care and its note). */
export async function setCustomerFlags(ctx: Ctx, customerId: string, flags: CustomerFlags): Promise<void> {
  await ctx.db
    .updateTable('customers')
    .set({ flags: JSON.stringify(flags), updated_at: ctx.clock.now().toISOString() })
    .where('id', '=', customerId)
    .execute();
}
