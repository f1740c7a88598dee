import { audit } from '../../../platform/audit.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireCustomerAccess } from '../ledger/access.ts';
import { accountRowToView, type StatementView, statementRowToView } from '../ledger/account.service.ts';
import { ENC } from './pii-fields.ts';

/** One account of the holder as the self-service assistant quotes it: every figure from the engine. */
export interface HolderAccount {
  id: string;
  productName: string;
  status: string;
  creditLimitFen: number;
  availableCreditFen: number;
  balanceFen: number;
  minimumDueUnpaidFen: number;
  pointsBalance: number;
  latestStatement: StatementView | null;
}

/**
 * The holder's own accounts with their latest statement and points (余额、账单、还款日、最低还款、积分): the
 * figures the chat assistant quotes, read through the engine's views and audited as a statement read.
 */
export async function holderAccounts(ctx: Ctx, customerId: string): Promise<HolderAccount[]> {
  const { contactId } = await requireCustomerAccess(ctx, customerId, 'statement.read');
  const today = bankDate(ctx.clock.now());
  const rows = await ctx.db
    .selectFrom('accounts')
    .innerJoin('products', 'products.id', 'accounts.product_id')
    .selectAll('accounts')
    .select('products.name_zh as product_name')
    .where('accounts.customer_id', '=', customerId)
    .orderBy('accounts.opened_on')
    .execute();
  const statementIds = rows.flatMap((a) => (a.last_statement_id ? [a.last_statement_id] : []));
  const statements = statementIds.length
    ? await ctx.db.selectFrom('statements').selectAll().where('id', 'in', statementIds).execute()
    : [];
  const byId = new Map(statements.map((s) => [s.id, statementRowToView(s)]));
  await audit(ctx, {
    action: 'statements.read',
    entityType: 'customer',
    entityId: customerId,
    customerId,
    contactId,
    details: { count: statements.length, via: 'self_service' },
  });
  return rows.map((r) => {
    const v = accountRowToView(r, r.product_name, today);
    return {
      id: v.id,
      productName: v.productName,
      status: v.status,
      creditLimitFen: v.creditLimitFen,
      availableCreditFen: v.availableCreditFen,
      balanceFen: v.balanceFen,
      minimumDueUnpaidFen: v.minimumDueUnpaidFen,
      pointsBalance: Number(r.points_balance),
      latestStatement: (r.last_statement_id && byId.get(r.last_statement_id)) || null,
    };
  });
}

/**
 * The customer's age in whole years on a bank date, from the birth date in their ID number (the
 * assistant gives customers aged 65 and over a person first). Null when the ID carries no birth date.
 */
export async function customerAgeOn(ctx: Ctx, customerId: string, on: string): Promise<number | null> {
  const row = await ctx.db
    .selectFrom('customers')
    .select('id_number_enc')
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  const birth = ctx.keyring.decrypt(row.id_number_enc, ENC.idNumber).slice(6, 14);
  if (!/^\d{8}$/.test(birth)) return null;
  const [y, m, d] = [Number(birth.slice(0, 4)), birth.slice(4, 6), birth.slice(6, 8)];
  const age = Number(on.slice(0, 4)) - y;
  return on.slice(5, 7) + on.slice(8, 10) >= m + d ? age : age - 1;
}
