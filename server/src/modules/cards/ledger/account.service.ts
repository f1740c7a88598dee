import { audit } from '../../../platform/audit.ts';
import { can } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { withAccount } from '../billing/advance.ts';
import { availableOn, type EngineAccount, type EngineStatement, effectiveLimit, post } from '../billing/engine.ts';
import { statementFromRow } from '../billing/store.ts';
import type { AccountsTable, StatementsTable } from '../cards.tables.ts';
import { cashAdvanceFee } from '../rules/payment.rules.ts';
import { requireAccountAccess, requireCustomerAccess } from './access.ts';
import { balanceOf } from './book.ts';
import { requireCashRoom } from './cash-room.ts';
import { type Transaction, txnRowToTransaction } from './transactions.repository.ts';

export interface AccountView {
  id: string;
  productId: string;
  productName: string;
  status: string;
  currency: string;
  creditLimitFen: number;
  temporaryLimit: { amountFen: number; validFrom: string; validUntil: string } | null;
  effectiveLimitFen: number;
  availableCreditFen: number;
  cashLimitFen: number;
  availableCashFen: number;
  balanceFen: number;
  /** What is owed, by kind: interest, fees, cash, revolving, billed (in grace), unbilled. */
  owedFen: { interest: number; fees: number; cash: number; revolving: number; billed: number; unbilled: number };
  overpaymentFen: number;
  unbilledInstallmentFen: number;
  overLimit: boolean;
  overdueSince: string | null;
  overdueDays: number;
  minimumDueUnpaidFen: number;
  statementDay: number;
  nextStatementDate: string;
  openedOn: string;
  activatedOn: string | null;
  pointsBalance: number;
}

export function accountRowToView(r: AccountsTable, productName: string, today: string): AccountView {
  const temp =
    r.temp_limit_from && r.temp_limit_until && r.temp_limit_until >= today
      ? { amountFen: Number(r.temp_limit_fen), validFrom: r.temp_limit_from, validUntil: r.temp_limit_until }
      : null;
  const eff = Number(r.credit_limit_fen) + (temp && temp.validFrom <= today ? temp.amountFen : 0);
  const balance = Number(r.balance_fen);
  const available = eff - balance - Number(r.unbilled_installment_fen);
  const cashUsed = Math.max(0, Number(r.bucket_cash_fen));
  return {
    id: r.id,
    productId: r.product_id,
    productName,
    status: r.status,
    currency: r.currency,
    creditLimitFen: Number(r.credit_limit_fen),
    temporaryLimit: temp,
    effectiveLimitFen: eff,
    availableCreditFen: available,
    cashLimitFen: Number(r.cash_limit_fen),
    availableCashFen: Math.max(0, Math.min(available, Number(r.cash_limit_fen) - cashUsed)),
    balanceFen: balance,
    owedFen: {
      interest: Number(r.bucket_interest_fen),
      fees: Number(r.bucket_fees_fen),
      cash: Number(r.bucket_cash_fen),
      revolving: Number(r.bucket_revolving_fen),
      billed: Number(r.bucket_billed_fen),
      unbilled: Number(r.bucket_unbilled_fen),
    },
    overpaymentFen: Number(r.overpayment_fen),
    unbilledInstallmentFen: Number(r.unbilled_installment_fen),
    overLimit: r.over_limit === 1,
    overdueSince: r.overdue_since,
    overdueDays: r.overdue_since
      ? Math.max(0, Math.round((Date.parse(today) - Date.parse(r.overdue_since)) / 86_400_000))
      : 0,
    minimumDueUnpaidFen: Number(r.min_due_unpaid_fen),
    statementDay: r.statement_day,
    nextStatementDate: r.next_statement_date,
    openedOn: r.opened_on,
    activatedOn: r.activated_on,
    pointsBalance: Number(r.points_balance),
  };
}

/** A statement as shown to staff: the engine's statement without its interest bookkeeping, plus what is left to pay. */
export type StatementView = Omit<EngineStatement, 'billedFenDays' | 'billedPurchasesFen'> & {
  /** What is still to pay for the statement in full, and for its minimum. */
  remainingFen: number;
};

export function statementRowToView(r: StatementsTable): StatementView {
  const { billedFenDays: _days, billedPurchasesFen: _purchases, ...shown } = statementFromRow(r);
  return { ...shown, remainingFen: Math.max(0, shown.newBalanceFen - shown.paidFen) };
}

/** A customer's statements over all accounts, newest first (账单查询); the read is audited. */
export async function listStatements(
  ctx: Ctx,
  input: { customerId: string; limit?: number | undefined },
): Promise<StatementView[]> {
  const { contactId } = await requireCustomerAccess(ctx, input.customerId, 'statement.read');
  const rows = await ctx.db
    .selectFrom('statements')
    .innerJoin('accounts', 'accounts.id', 'statements.account_id')
    .selectAll('statements')
    .where('accounts.customer_id', '=', input.customerId)
    .orderBy('statements.statement_date', 'desc')
    .limit(Math.min(input.limit ?? 12, 60))
    .execute();
  await audit(ctx, {
    action: 'statements.read',
    entityType: 'customer',
    entityId: input.customerId,
    customerId: input.customerId,
    contactId,
    details: { count: rows.length },
  });
  return rows.map(statementRowToView);
}

export interface RepaymentResult {
  transaction: Transaction;
  /** Where the money went, in the order of card-rules.md §1. */
  allocation: Record<string, number>;
  balanceFen: number;
  availableCreditFen: number;
  minimumDueUnpaidFen: number;
  replayed: boolean;
}

function summary(acc: EngineAccount, today: string) {
  const b = acc.book;
  return {
    balanceFen: balanceOf(b),
    availableCreditFen: availableOn(acc, today),
    minimumDueUnpaidFen: b.minDueUnpaid,
  };
}

/**
 * Records a repayment and allocates it (interest and fees first within 90 days overdue, principal first
 * beyond). The payment system's transfer reference is required: it is what makes a retry safe, so a repeated
 * `reference` on the same account returns the first posting instead of paying twice (a repayment without
 * one could not be told apart from a second transfer of the same amount).
 * Only the payment system posts repayments (its own credential, policy action `repayments.post`): money
 * arrives from the payment rails, never from a desk entry. A customer whose payment has not arrived gets a
 * "repayment not credited" case at the desk instead (cases module).
 */
export async function recordRepayment(
  ctx: Ctx,
  input: { accountId: string; amountFen: number; reference: string; channel?: string | undefined },
): Promise<RepaymentResult> {
  if (!can(ctx.actor, 'repayments.post')) throw new AppError('REPAYMENT_PAYMENT_SYSTEM_ONLY');
  if (typeof input.reference !== 'string' || input.reference.trim() === '') {
    throw new AppError('REPAYMENT_REFERENCE_REQUIRED');
  }
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen <= 0 || input.amountFen > 100_000_000_00) {
    throw new AppError('AMOUNT_INVALID');
  }
  return inTransaction(ctx, async (tctx) => {
    const { customerId, contactId } = await requireAccountAccess(
      tctx,
      input.accountId,
      'repayment.record',
      'repayments.post',
    );
    const existing = await tctx.db
      .selectFrom('transactions')
      .selectAll()
      .where('account_id', '=', input.accountId)
      .where('reference', '=', input.reference)
      .executeTakeFirst();
    if (existing) {
      // A reference names one transfer: another amount or kind under it is not a retry.
      if (existing.kind !== 'repayment' || Number(existing.amount_fen) !== -input.amountFen) {
        throw new AppError('REPAYMENT_REFERENCE_CONFLICT', { details: { reference: input.reference } });
      }
      const acc = await tctx.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', input.accountId)
        .executeTakeFirstOrThrow();
      const today = bankDate(ctx.clock.now());
      const view = accountRowToView(acc, '', today);
      return {
        transaction: txnRowToTransaction(existing, null),
        allocation: JSON.parse(existing.allocation ?? '{}') as Record<string, number>,
        balanceFen: view.balanceFen,
        availableCreditFen: view.availableCreditFen,
        minimumDueUnpaidFen: view.minimumDueUnpaidFen,
        replayed: true,
      };
    }
    const today = bankDate(ctx.clock.now());
    const result = await withAccount(tctx.db, ctx.clock.now(), input.accountId, today, (acc, terms, emitter) => {
      if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      const row = post(
        acc,
        terms,
        {
          kind: 'repayment',
          amountFen: input.amountFen,
          postingDate: today,
          channel: input.channel ?? 'branch',
          description: '还款',
          reference: input.reference,
        },
        emitter,
      );
      return { row, ...summary(acc, today) };
    });
    const allocation = JSON.parse(result.row.allocation ?? '{}') as Record<string, number>;
    await audit(tctx, {
      action: 'repayment.record',
      entityType: 'account',
      entityId: input.accountId,
      customerId,
      contactId,
      details: { amountFen: input.amountFen, allocation, transactionId: result.row.id },
    });
    publishEvent(tctx, `cards:${customerId}`, 'account.repayment', {
      accountId: input.accountId,
      amountFen: input.amountFen,
    });
    return {
      transaction: txnRowToTransaction(result.row, null),
      allocation,
      balanceFen: result.balanceFen,
      availableCreditFen: result.availableCreditFen,
      minimumDueUnpaidFen: result.minimumDueUnpaidFen,
      replayed: false,
    };
  });
}

/** What the card network sends: a purchase, cash advance or refund on a card, authorised against the limits. */
export interface NetworkTransaction {
  cardId: string;
  kind: 'purchase' | 'cash_advance' | 'refund';
  amountFen: number;
  merchant?: string | null;
  category?: string | null;
  mcc?: string | null;
  city?: string | null;
  channel?: 'pos' | 'online' | 'atm';
  relatedTxnId?: string | null;
  suspicious?: boolean;
}

/**
 * Posts a card-network transaction (system actor only: the processor feed, tests and the demo). Refuses
 * a card that cannot pay, an amount above the available credit, or cash beyond the cash limit and the
 * RMB 10,000 daily cap; a cash advance also posts its fee.
 */
export async function postNetworkTransaction(ctx: Ctx, t: NetworkTransaction): Promise<Transaction> {
  if (ctx.actor.kind !== 'system') throw new AppError('FORBIDDEN');
  if (!Number.isSafeInteger(t.amountFen) || t.amountFen <= 0) throw new AppError('AMOUNT_INVALID');
  return inTransaction(ctx.db, async (trx) => {
    const card = await trx.selectFrom('cards').selectAll().where('id', '=', t.cardId).executeTakeFirst();
    if (!card) throw new AppError('CARD_NOT_FOUND');
    if (t.kind !== 'refund' && card.status !== 'active') throw new AppError('CARD_NOT_USABLE', { detail: card.status });
    const today = bankDate(ctx.clock.now());
    const row = await withAccount(
      trx,
      ctx.clock.now(),
      card.account_id,
      today,
      async (acc, terms, emitter, accountRow) => {
        if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
        if (t.kind !== 'refund' && availableOn(acc, today) < t.amountFen) throw new AppError('INSUFFICIENT_CREDIT');
        if (t.kind === 'cash_advance') {
          await requireCashRoom(trx, {
            accountId: acc.id,
            cardId: card.id,
            cashOwedFen: acc.book.buckets.cash,
            cashLimitFen: Math.min(Number(accountRow.cash_limit_fen), effectiveLimit(acc, today)),
            terms,
            today,
            amountFen: t.amountFen,
          });
        }
        let pointsReversal = 0;
        if (t.kind === 'refund' && t.relatedTxnId) {
          const orig = await trx
            .selectFrom('transactions')
            .select(['points', 'amount_fen'])
            .where('id', '=', t.relatedTxnId)
            .executeTakeFirst();
          if (orig && Number(orig.amount_fen) > 0)
            pointsReversal = Math.floor(
              (Number(orig.points) * Math.min(t.amountFen, Number(orig.amount_fen))) / Number(orig.amount_fen),
            );
        }
        const posted = post(
          acc,
          terms,
          {
            kind: t.kind,
            amountFen: t.amountFen,
            postingDate: today,
            cardId: card.id,
            merchant: t.merchant ?? null,
            category: t.category ?? null,
            mcc: t.mcc ?? null,
            city: t.city ?? null,
            channel: t.channel ?? (t.kind === 'cash_advance' ? 'atm' : 'pos'),
            description:
              t.kind === 'purchase' ? `消费 ${t.merchant ?? ''}`.trim() : t.kind === 'refund' ? '退货退款' : '预借现金',
            relatedTxnId: t.relatedTxnId ?? null,
            suspicious: t.suspicious ?? false,
            pointsReversal,
          },
          emitter,
        );
        if (t.kind === 'cash_advance') {
          post(
            acc,
            terms,
            {
              kind: 'fee_cash',
              amountFen: cashAdvanceFee(t.amountFen, terms.cashAdvance),
              postingDate: today,
              relatedTxnId: posted.id,
              description: '取现手续费',
            },
            emitter,
          );
        }
        return posted;
      },
    );
    return txnRowToTransaction(row, card.last4);
  });
}
