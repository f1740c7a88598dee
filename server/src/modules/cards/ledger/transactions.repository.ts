import type { TransactionKind, TransactionView } from '@carddesk/contracts';
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import type { TransactionsTable } from '../cards.tables.ts';

/** A ledger transaction as the API shows it: the contract's type (`@carddesk/contracts`). */
export type Transaction = TransactionView;

export const TXN_KIND_LABELS: Record<TransactionKind, string> = {
  purchase: '消费',
  cash_advance: '预借现金',
  refund: '退货退款',
  repayment: '还款',
  fee_annual: '年费',
  fee_cash: '取现手续费',
  fee_late: '违约金',
  fee_installment: '分期手续费(利息)',
  interest: '利息',
  installment_principal: '分期本金',
  installment_conversion: '转分期',
  adjustment: '调整',
  fee_waiver: '费用减免',
  fraud_credit: '盗刷核销',
  points_credit: '积分抵扣',
  credit_refund: '溢缴款退回',
};

export function txnRowToTransaction(r: TransactionsTable, last4: string | null): Transaction {
  return {
    id: r.id,
    accountId: r.account_id,
    cardId: r.card_id,
    cardLast4: last4,
    kind: r.kind,
    kindLabel: TXN_KIND_LABELS[r.kind as TransactionKind] ?? r.kind,
    amountFen: Number(r.amount_fen),
    txnDate: r.txn_date,
    postingDate: r.posting_date,
    merchant: r.merchant,
    category: r.category,
    city: r.city,
    channel: r.channel,
    description: r.description,
    statementId: r.statement_id,
    installmentPlanId: r.installment_plan_id,
    points: Number(r.points),
    suspicious: r.suspicious === 1,
    allocation: r.allocation ? (JSON.parse(r.allocation) as Record<string, number>) : null,
  };
}

export interface TransactionQuery {
  from?: string | undefined;
  to?: string | undefined;
  limit?: number | undefined;
}

/** Rows of some accounts, newest first, within posting dates, with the card's last four. */
export async function queryTransactions(ctx: Ctx, accountIds: string[], q: TransactionQuery): Promise<Transaction[]> {
  if (accountIds.length === 0) return [];
  let qb = ctx.db
    .selectFrom('transactions')
    .leftJoin('cards', 'cards.id', 'transactions.card_id')
    .selectAll('transactions')
    .select('cards.last4 as card_last4')
    .where('transactions.account_id', 'in', accountIds);
  if (q.from) qb = qb.where('transactions.posting_date', '>=', q.from);
  if (q.to) qb = qb.where('transactions.posting_date', '<=', q.to);
  const rows = await qb
    .orderBy('transactions.posting_date', 'desc')
    .orderBy('transactions.id', 'desc')
    .limit(Math.min(Math.max(q.limit ?? 50, 1), 500))
    .execute();
  return rows.map((r) => txnRowToTransaction(r, r.card_last4));
}

/** A customer's transactions over all their accounts (transaction query, 交易查询); the read is audited. */
export async function listTransactions(
  ctx: Ctx,
  input: { customerId: string } & TransactionQuery,
): Promise<Transaction[]> {
  authorize(ctx.actor, 'customers.read');
  const grant = await ctx.access.require(ctx, { customerId: input.customerId, need: 'transactions.read' });
  const accounts = await ctx.db
    .selectFrom('accounts')
    .select('id')
    .where('customer_id', '=', input.customerId)
    .execute();
  const result = await queryTransactions(
    ctx,
    accounts.map((a) => a.id),
    input,
  );
  await audit(ctx, {
    action: 'transactions.read',
    entityType: 'customer',
    entityId: input.customerId,
    customerId: input.customerId,
    contactId: grant.contactId,
    details: { from: input.from ?? null, to: input.to ?? null, count: result.length },
  });
  return result;
}

/** Transactions of one account (GET /api/accounts/{id}/transactions). */
export async function listAccountTransactions(
  ctx: Ctx,
  input: { accountId: string } & TransactionQuery,
): Promise<Transaction[]> {
  authorize(ctx.actor, 'customers.read');
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'customer_id'])
    .where('id', '=', input.accountId)
    .executeTakeFirst();
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  const grant = await ctx.access.require(ctx, { customerId: account.customer_id, need: 'transactions.read' });
  const result = await queryTransactions(ctx, [account.id], input);
  await audit(ctx, {
    action: 'transactions.read',
    entityType: 'account',
    entityId: account.id,
    customerId: account.customer_id,
    contactId: grant.contactId,
    details: { from: input.from ?? null, to: input.to ?? null, count: result.length },
  });
  return result;
}
