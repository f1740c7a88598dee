import { type ProductTerms, productTermsSchema } from '@carddesk/contracts';
import { bankDate } from '../../../platform/clock.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { forUpdate } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { AccountsTable, InstallmentPlansTable, StatementsTable, TransactionsTable } from '../cards.tables.ts';
import { type Book, balanceOf } from '../ledger/book.ts';
import {
  addToSums,
  type CycleSums,
  type Emitter,
  type EngineAccount,
  type EnginePlan,
  type EngineStatement,
  effectiveLimit,
  emptySums,
  overLimit,
} from './engine.ts';

/** Database driver of the billing engine: loads one account (locked), collects what the engine emits, writes it. */
export function bookFromRow(r: AccountsTable): Book {
  return {
    buckets: {
      interest: Number(r.bucket_interest_fen),
      fees: Number(r.bucket_fees_fen),
      cash: Number(r.bucket_cash_fen),
      revolving: Number(r.bucket_revolving_fen),
      billed: Number(r.bucket_billed_fen),
      unbilled: Number(r.bucket_unbilled_fen),
    },
    overpayment: Number(r.overpayment_fen),
    minDueUnpaid: Number(r.min_due_unpaid_fen),
    overdueSince: r.overdue_since,
    accrualFrom: r.accrual_from,
    accRevolving: Number(r.accrued_revolving_fen_days),
    accBilled: Number(r.accrued_billed_fen_days),
    accUnbilled: Number(r.accrued_unbilled_fen_days),
    pendingFenDays: Number(r.pending_interest_fen_days),
    disputed: Number(r.disputed_fen),
    disputedSinceClose: Number(r.disputed_since_close_fen),
    disputedFenDays: Number(r.disputed_fen_days),
  };
}

export function engineAccountFromRow(r: AccountsTable): EngineAccount {
  return {
    id: r.id,
    customerId: r.customer_id,
    status: r.status,
    creditLimitFen: Number(r.credit_limit_fen),
    tempLimitFen: Number(r.temp_limit_fen),
    tempLimitFrom: r.temp_limit_from,
    tempLimitUntil: r.temp_limit_until,
    statementDay: r.statement_day,
    activatedOn: r.activated_on,
    book: bookFromRow(r),
    unbilledInstallmentFen: Number(r.unbilled_installment_fen),
    cardYearPurchases: r.card_year_purchases,
    cardYearSpendFen: Number(r.card_year_spend_fen),
    pointsBalance: Number(r.points_balance),
    nextStatementDate: r.next_statement_date,
    nextGraceCheck: r.next_grace_check,
    nextAnnualFeeDate: r.next_annual_fee_date,
    lastStatementId: r.last_statement_id,
  };
}

/** The account columns the engine owns, from its in-memory state. */
export function accountColumns(acc: EngineAccount, date: string) {
  const b = acc.book;
  return {
    status: acc.status,
    credit_limit_fen: acc.creditLimitFen,
    temp_limit_fen: acc.tempLimitFen,
    temp_limit_from: acc.tempLimitFrom,
    temp_limit_until: acc.tempLimitUntil,
    activated_on: acc.activatedOn,
    balance_fen: balanceOf(b),
    bucket_interest_fen: b.buckets.interest,
    bucket_fees_fen: b.buckets.fees,
    bucket_cash_fen: b.buckets.cash,
    bucket_revolving_fen: b.buckets.revolving,
    bucket_billed_fen: b.buckets.billed,
    bucket_unbilled_fen: b.buckets.unbilled,
    overpayment_fen: b.overpayment,
    unbilled_installment_fen: acc.unbilledInstallmentFen,
    over_limit: overLimit(acc, date) ? 1 : 0,
    overdue_since: b.overdueSince,
    min_due_unpaid_fen: b.minDueUnpaid,
    accrual_from: b.accrualFrom,
    accrued_revolving_fen_days: b.accRevolving,
    accrued_billed_fen_days: b.accBilled,
    accrued_unbilled_fen_days: b.accUnbilled,
    pending_interest_fen_days: b.pendingFenDays,
    disputed_fen: b.disputed,
    disputed_since_close_fen: b.disputedSinceClose,
    disputed_fen_days: b.disputedFenDays,
    card_year_purchases: acc.cardYearPurchases,
    card_year_spend_fen: acc.cardYearSpendFen,
    points_balance: acc.pointsBalance,
    next_statement_date: acc.nextStatementDate,
    next_grace_check: acc.nextGraceCheck,
    next_annual_fee_date: acc.nextAnnualFeeDate,
    last_statement_id: acc.lastStatementId,
  };
}

export function statementToRow(st: EngineStatement, createdAt: string): StatementsTable {
  return {
    id: st.id,
    account_id: st.accountId,
    statement_date: st.statementDate,
    period_start: st.periodStart,
    due_date: st.dueDate,
    grace_until: st.graceUntil,
    previous_balance_fen: st.previousBalanceFen,
    purchases_fen: st.purchasesFen,
    cash_fen: st.cashFen,
    fees_fen: st.feesFen,
    interest_fen: st.interestFen,
    installments_fen: st.installmentsFen,
    credits_fen: st.creditsFen,
    new_balance_fen: st.newBalanceFen,
    minimum_payment_fen: st.minimumPaymentFen,
    paid_fen: st.paidFen,
    status: st.status,
    billed_fen_days: st.billedFenDays,
    billed_purchases_fen: st.billedPurchasesFen,
    points_earned: st.pointsEarned,
    created_at: createdAt,
  };
}

export function statementFromRow(r: StatementsTable): EngineStatement {
  return {
    id: r.id,
    accountId: r.account_id,
    statementDate: r.statement_date,
    periodStart: r.period_start,
    dueDate: r.due_date,
    graceUntil: r.grace_until,
    previousBalanceFen: Number(r.previous_balance_fen),
    purchasesFen: Number(r.purchases_fen),
    cashFen: Number(r.cash_fen),
    feesFen: Number(r.fees_fen),
    interestFen: Number(r.interest_fen),
    installmentsFen: Number(r.installments_fen),
    creditsFen: Number(r.credits_fen),
    newBalanceFen: Number(r.new_balance_fen),
    minimumPaymentFen: Number(r.minimum_payment_fen),
    paidFen: Number(r.paid_fen),
    status: r.status,
    billedFenDays: Number(r.billed_fen_days),
    billedPurchasesFen: Number(r.billed_purchases_fen),
    pointsEarned: Number(r.points_earned),
  };
}

export function planFromRow(r: InstallmentPlansTable): EnginePlan {
  return {
    id: r.id,
    principalFen: Number(r.principal_fen),
    periods: r.periods,
    feeRatePerPeriod: r.fee_rate_per_period,
    periodsBilled: r.periods_billed,
    principalBilledFen: Number(r.principal_billed_fen),
    feesBilledFen: Number(r.fees_billed_fen),
    status: r.status,
    createdOn: bankDate(new Date(r.created_at)),
    closedAt: r.closed_at,
  };
}

/** Collects the engine's output for one account; `flush` writes it in the caller's transaction. */
export class DbEmitter implements Emitter {
  readonly nowIso: string;
  readonly #now: Date;
  txns: TransactionsTable[] = [];
  statements = new Map<string, { st: EngineStatement; isNew: boolean }>();
  plans = new Map<string, EnginePlan>();
  paid = new Map<string, number>();
  constructor(now: Date) {
    this.#now = now;
    this.nowIso = now.toISOString();
  }
  newId(): string {
    return newId(this.#now);
  }
  txn(row: TransactionsTable): void {
    this.txns.push(row);
  }
  statement(st: EngineStatement): void {
    const known = this.statements.get(st.id);
    this.statements.set(st.id, { st, isNew: known ? known.isNew : true });
  }
  /** Marks a statement loaded from the database, so emitting it again updates instead of inserting. */
  known(st: EngineStatement): void {
    this.statements.set(st.id, { st, isNew: false });
  }
  plan(plan: EnginePlan): void {
    this.plans.set(plan.id, plan);
  }
  statementPaid(statementId: string, addFen: number): void {
    this.paid.set(statementId, (this.paid.get(statementId) ?? 0) + addFen);
  }

  async flush(db: Executor): Promise<void> {
    for (let i = 0; i < this.txns.length; i += 200) {
      await db
        .insertInto('transactions')
        .values(this.txns.slice(i, i + 200))
        .execute();
    }
    this.txns = [];
    for (const { st, isNew } of this.statements.values()) {
      if (isNew) {
        await db.insertInto('statements').values(statementToRow(st, this.nowIso)).execute();
      } else {
        await db.updateTable('statements').set({ status: st.status }).where('id', '=', st.id).execute();
      }
    }
    this.statements.clear();
    for (const [id, add] of this.paid) {
      await db
        .updateTable('statements')
        .set((eb) => ({ paid_fen: eb('paid_fen', '+', add) }))
        .where('id', '=', id)
        .execute();
    }
    this.paid.clear();
    for (const p of this.plans.values()) {
      await db
        .updateTable('installment_plans')
        .set({
          periods_billed: p.periodsBilled,
          principal_billed_fen: p.principalBilledFen,
          fees_billed_fen: p.feesBilledFen,
          status: p.status,
          closed_at: p.closedAt,
        })
        .where('id', '=', p.id)
        .execute();
    }
    this.plans.clear();
  }
}

/** Product terms by date for one account, from its product's versions (loaded once per operation). */
export async function termsResolver(db: Executor, productId: string): Promise<(date: string) => ProductTerms> {
  const versions = await db
    .selectFrom('product_versions')
    .select(['effective_from', 'terms', 'version'])
    .where('product_id', '=', productId)
    .orderBy('effective_from')
    .orderBy('version')
    .execute();
  const parsed = versions.map((v) => ({
    from: v.effective_from,
    terms: productTermsSchema.parse(JSON.parse(v.terms)),
  }));
  if (parsed.length === 0) throw new AppError('PRODUCT_NOT_FOUND');
  return (date) => {
    let chosen = parsed[0]?.terms as ProductTerms;
    for (const v of parsed) if (v.from <= date) chosen = v.terms;
    return chosen;
  };
}

export async function lockAccountRow(db: Executor, accountId: string): Promise<AccountsTable> {
  const row = await forUpdate(db, db.selectFrom('accounts').selectAll().where('id', '=', accountId)).executeTakeFirst();
  if (!row) throw new AppError('ACCOUNT_NOT_FOUND');
  return row;
}

/** Sums of the postings after `afterDate` (the previous statement date) up to `through`, by statement line. */
export async function cycleSums(
  db: Executor,
  accountId: string,
  afterDate: string,
  through: string,
): Promise<CycleSums> {
  const rows = await db
    .selectFrom('transactions')
    .select((eb) => ['kind', eb.fn.sum<number>('amount_fen').as('amount'), eb.fn.sum<number>('points').as('points')])
    .where('account_id', '=', accountId)
    .where('posting_date', '>', afterDate)
    .where('posting_date', '<=', through)
    .groupBy('kind')
    .execute();
  const sums = emptySums();
  for (const r of rows) addToSums(sums, r.kind, Number(r.amount), Number(r.points));
  return sums;
}

export { effectiveLimit };
