import { timingSafeEqual } from 'node:crypto';
import { audit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { maskCardNumber } from '../../../platform/pii/mask.ts';
import { requireCustomerAccess } from '../ledger/access.ts';
import { CARD_STATUS_LABELS, type CardStatus, isCardStatus } from '../rules/card-status.ts';
import { bidx, ENC, maskedOf, normalizeIdNumber, normalizeMobile, normalizeName } from './pii-fields.ts';

export interface CustomerFlags {
  vip?: boolean;
  vulnerable?: boolean;
  /** e.g. elderly, hearing-impaired, recently bereaved: free text for the agent, never shown to others. */
  note?: string;
  [key: string]: unknown;
}

export interface CardSummary {
  id: string;
  accountId: string;
  last4: string;
  maskedNumber: string;
  status: CardStatus;
  statusLabel: string;
  isPrimary: boolean;
  productId: string;
  productName: string;
  /** Absent before verification (`concealedCard`). */
  expiryMonth?: string;
}

export interface CustomerSummary {
  id: string;
  maskedName: string;
  maskedPhone: string;
  /** 先生 / 女士 for the agent's greeting. */
  salutation: string;
  flags: { vip: boolean; vulnerable: boolean };
  careNote: string | null;
  cards: CardSummary[];
}

export type CustomerFactor =
  | { kind: 'name'; value: string }
  | { kind: 'id_last6'; value: string }
  | { kind: 'card_last4'; value: string }
  | { kind: 'phone'; value: string }
  | { kind: 'birth_date'; value: string };

export function parseFlags(json: string): CustomerFlags {
  const f = JSON.parse(json) as CustomerFlags;
  return { ...f, vip: f.vip === true, vulnerable: f.vulnerable === true };
}

/** Screen pop: the customer whose registered mobile is `phone`, by blind index, without decrypting anything. */
export async function findCustomerIdByPhone(ctx: Ctx, phone: string): Promise<string | undefined> {
  const mobile = normalizeMobile(phone);
  if (!mobile) return undefined;
  const row = await ctx.db
    .selectFrom('customers')
    .select('id')
    .where('phone_bidx', '=', bidx.phone(ctx.keyring, mobile))
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Identity verification: does `factor` match what is on file? Answers yes or no only; the stored value is
 * never returned. Unknown customers and malformed factors are simply "no".
 */
export async function checkCustomerFactor(ctx: Ctx, customerId: string, factor: CustomerFactor): Promise<boolean> {
  const row = await ctx.db
    .selectFrom('customers')
    .select(['id', 'name_bidx', 'phone_bidx', 'id_number_enc'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) return false;
  switch (factor.kind) {
    case 'name':
      return normalizeName(factor.value).length > 0 && sameText(row.name_bidx, bidx.name(ctx.keyring, factor.value));
    case 'phone': {
      const mobile = normalizeMobile(factor.value);
      return mobile !== undefined && sameText(row.phone_bidx, bidx.phone(ctx.keyring, mobile));
    }
    case 'id_last6': {
      const v = normalizeIdNumber(factor.value);
      if (!/^\d{5}[\dX]$/.test(v)) return false;
      const id = ctx.keyring.decrypt(row.id_number_enc, ENC.idNumber);
      return sameText(id.slice(-6), v);
    }
    case 'birth_date': {
      const digits = factor.value.replace(/\D/g, '');
      if (digits.length !== 8) return false;
      const id = ctx.keyring.decrypt(row.id_number_enc, ENC.idNumber);
      return sameText(id.slice(6, 14), digits);
    }
    case 'card_last4': {
      if (!/^\d{4}$/.test(factor.value)) return false;
      const card = await ctx.db
        .selectFrom('cards')
        .select('id')
        .where('customer_id', '=', customerId)
        .where('last4', '=', factor.value)
        .where('status', '!=', 'closed')
        .limit(1)
        .executeTakeFirst();
      return card !== undefined;
    }
  }
}

/** The registered mobile, for sending a one-time code. Internal only: never put it in an API response. */
export async function getRegisteredPhone(ctx: Ctx, customerId: string): Promise<string> {
  const row = await ctx.db.selectFrom('customers').select('phone_enc').where('id', '=', customerId).executeTakeFirst();
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  return ctx.keyring.decrypt(row.phone_enc, ENC.phone);
}

/** Cards held by a customer (primary and supplementary), masked, with their product names. */
export async function listCardSummaries(ctx: Ctx, customerId: string): Promise<CardSummary[]> {
  const rows = await ctx.db
    .selectFrom('cards')
    .innerJoin('products', 'products.id', 'cards.product_id')
    .select([
      'cards.id',
      'cards.account_id',
      'cards.last4',
      'cards.status',
      'cards.is_primary',
      'cards.product_id',
      'cards.expiry_month',
      'cards.created_at',
      'products.name_zh',
    ])
    .where('cards.customer_id', '=', customerId)
    .orderBy('cards.created_at')
    .execute();
  return rows.map((r) => {
    const status: CardStatus = isCardStatus(r.status) ? r.status : 'closed';
    return {
      id: r.id,
      accountId: r.account_id,
      last4: r.last4,
      maskedNumber: maskCardNumber(`000000000000${r.last4}`),
      status,
      statusLabel: CARD_STATUS_LABELS[status],
      isPrimary: r.is_primary === 1,
      productId: r.product_id,
      productName: r.name_zh,
      expiryMonth: r.expiry_month,
    };
  });
}

/**
 * A card as the desk may show it before the caller is verified: product, state, primary or not — never
 * its last four digits, which are a verification factor (what the screen showed proves nothing), nor its
 * expiry, which is authentication data a fraudster would want confirmed.
 */
export function concealedCard(card: CardSummary): CardSummary {
  const { expiryMonth: _hidden, ...shown } = card;
  return { ...shown, last4: '****', maskedNumber: '**** **** **** ****' };
}

/**
 * The service flags of several customers (VIP, special care), for lists that show who waits before anyone
 * opens the customer: flags only, no personal data.
 */
export async function getCustomerFlags(
  ctx: Ctx,
  customerIds: readonly string[],
): Promise<Map<string, { vip: boolean; vulnerable: boolean }>> {
  if (customerIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('customers')
    .select(['id', 'flags'])
    .where('id', 'in', [...customerIds])
    .execute();
  return new Map(
    rows.map((r) => {
      const f = parseFlags(r.flags);
      return [r.id, { vip: f.vip === true, vulnerable: f.vulnerable === true }];
    }),
  );
}

/**
 * Who the customer is, masked, for the engine's own use (the emergency lane finds a card by it). What is
 * shown before verification goes through `readCustomerSummary`, which conceals the cards.
 */
export async function getCustomerSummary(ctx: Ctx, customerId: string): Promise<CustomerSummary> {
  const row = await ctx.db
    .selectFrom('customers')
    .select(['id', 'name_enc', 'phone_enc', 'name_masked', 'phone_masked', 'gender', 'flags'])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  const flags = parseFlags(row.flags);
  return {
    id: row.id,
    maskedName: maskedOf(ctx.keyring, 'name', row.name_masked, row.name_enc),
    maskedPhone: maskedOf(ctx.keyring, 'phone', row.phone_masked, row.phone_enc),
    salutation: row.gender === 'F' ? '女士' : '先生',
    flags: { vip: flags.vip === true, vulnerable: flags.vulnerable === true },
    careNote: typeof flags.note === 'string' && flags.note.trim() ? flags.note : null,
    cards: await listCardSummaries(ctx, customerId),
  };
}

/**
 * `GET /api/customers/{id}/summary`: the screen pop inside a contact with the customer (no verification
 * needed, like a card freeze), with the cards concealed. Needs customer access like every other read, and
 * is audited like the 360 view.
 */
export async function readCustomerSummary(ctx: Ctx, customerId: string): Promise<CustomerSummary> {
  const { contactId } = await requireCustomerAccess(ctx, customerId, 'customer.search', 'customers.search');
  const summary = await getCustomerSummary(ctx, customerId);
  await audit(ctx, {
    action: 'customer.summary_read',
    entityType: 'customer',
    entityId: customerId,
    customerId,
    contactId,
    details: {},
  });
  return { ...summary, cards: summary.cards.map(concealedCard) };
}
