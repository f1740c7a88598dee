import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { PLAN_VIEW_COLUMNS, planRowToView } from '../installments/installment.service.ts';
import {
  type AccountView,
  accountRowToView,
  type StatementView,
  statementRowToView,
} from '../ledger/account.service.ts';
import { queryTransactions, type Transaction } from '../ledger/transactions.repository.ts';
import { type CardSummary, listCardSummaries, parseFlags } from './customer.service.ts';
import { maskedOf } from './pii-fields.ts';

export interface InstallmentPlanView {
  id: string;
  accountId: string;
  kind: string;
  principalFen: number;
  periods: number;
  periodsBilled: number;
  feeRatePerPeriod: string;
  aprPercent: string;
  earPercent: string;
  remainingPrincipalFen: number;
  status: string;
  createdAt: string;
}

export interface Customer360 {
  customer: {
    id: string;
    maskedName: string;
    maskedPhone: string;
    maskedIdNumber: string;
    maskedAddress: string;
    gender: string;
    salutation: string;
    flags: { vip: boolean; vulnerable: boolean; note: string | null };
    preferences: Record<string, unknown>;
    customerSince: string;
  };
  accounts: AccountView[];
  cards: CardSummary[];
  latestStatements: StatementView[];
  recentTransactions: Transaction[];
  installmentPlans: InstallmentPlanView[];
  [section: string]: unknown;
}

/**
 * The customer 360 view (GET /api/customers/{id}): who they are (masked), accounts with limits and what is
 * owed, cards, the latest statement per account, recent transactions, installment plans and flags, plus
 * the sections other modules contribute (open promises, cases, past contacts). The read is audited.
 */
export async function getCustomer360(ctx: Ctx, customerId: string): Promise<Customer360> {
  authorize(ctx.actor, 'customers.read');
  // The customer's row doubles as the existence check made before the access decision.
  const row = await ctx.db
    .selectFrom('customers')
    .select([
      'id',
      'name_enc',
      'phone_enc',
      'id_number_enc',
      'address_enc',
      'name_masked',
      'phone_masked',
      'id_number_masked',
      'address_masked',
      'gender',
      'flags',
      'preferences',
      'created_at',
    ])
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  const grant = await ctx.access.require(ctx, { customerId, need: 'customer.profile' });
  const contactId = grant.contactId;
  const today = bankDate(ctx.clock.now());
  const k = ctx.keyring;
  const flags = parseFlags(row.flags);
  const accountRows = await ctx.db
    .selectFrom('accounts')
    .innerJoin('products', 'products.id', 'accounts.product_id')
    .selectAll('accounts')
    .select('products.name_zh as product_name')
    .where('accounts.customer_id', '=', customerId)
    .execute();
  const accountIds = accountRows.map((a) => a.id);
  const statementIds = accountRows.flatMap((a) => (a.last_statement_id ? [a.last_statement_id] : []));
  // A fixed number of queries whatever the number of accounts: each section is one query over all of them.
  const cards = await listCardSummaries(ctx, customerId);
  const statements = statementIds.length
    ? await ctx.db.selectFrom('statements').selectAll().where('id', 'in', statementIds).execute()
    : [];
  const transactions = await queryTransactions(ctx, accountIds, { limit: 20 });
  const plans = accountIds.length
    ? await ctx.db
        .selectFrom('installment_plans')
        .select(PLAN_VIEW_COLUMNS)
        .where('account_id', 'in', accountIds)
        .orderBy('created_at', 'desc')
        .limit(20)
        .execute()
    : [];
  const statementOrder = new Map(statementIds.map((id, i) => [id, i]));
  statements.sort((a, b) => (statementOrder.get(a.id) ?? 0) - (statementOrder.get(b.id) ?? 0));
  const view: Customer360 = {
    customer: {
      id: row.id,
      maskedName: maskedOf(k, 'name', row.name_masked, row.name_enc),
      maskedPhone: maskedOf(k, 'phone', row.phone_masked, row.phone_enc),
      maskedIdNumber: maskedOf(k, 'idNumber', row.id_number_masked, row.id_number_enc),
      maskedAddress: maskedOf(k, 'address', row.address_masked, row.address_enc),
      gender: row.gender,
      salutation: row.gender === 'F' ? '女士' : '先生',
      flags: {
        vip: flags.vip === true,
        vulnerable: flags.vulnerable === true,
        note: typeof flags.note === 'string' ? flags.note : null,
      },
      preferences: JSON.parse(row.preferences) as Record<string, unknown>,
      customerSince: row.created_at.slice(0, 10),
    },
    accounts: accountRows.map((a) => accountRowToView(a, a.product_name, today)),
    cards,
    latestStatements: statements.map(statementRowToView),
    recentTransactions: transactions,
    installmentPlans: plans.map(planRowToView),
  };
  const contributed = await Promise.all(
    ctx.customerViews.map(async (v) => [v.section, await v.load(ctx, customerId)] as const),
  );
  await audit(ctx, {
    action: 'customer.view',
    entityType: 'customer',
    entityId: customerId,
    customerId,
    contactId,
    details: {},
  });
  return { ...view, ...Object.fromEntries(contributed) };
}
