import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forUpdate, inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { withAccount } from '../billing/advance.ts';
import { post } from '../billing/engine.ts';
import type { Allocation } from '../rules/allocation.ts';
import { DISPUTE_ORDER, disputeAmount, returnDisputed } from './book.ts';

/**
 * Disputed fraud amounts (SPC Interpretation 2021 No. 10, Art. 7): a transaction the customer marked as not
 * theirs is set aside until the fraud case is decided — no interest, no late fee, out of the minimum payment,
 * never the reason the account is overdue. If the bank wins it comes back with nothing charged for the
 * pause; if the customer wins it is written off with a credit posting (fraud_credit).
 */
export type DisputeOutcome = 'bank_liable' | 'customer_liable';

const STATUS_OF = { customer_liable: 'returned', bank_liable: 'written_off' } as const;

export interface DisputeView {
  transactionId: string;
  accountId: string;
  amountFen: number;
  status: 'pending' | 'returned' | 'written_off';
  disputedOn: string;
  decidedOn: string | null;
}

/** Sets the transactions aside, in the caller's transaction; one already disputed is left as it is. */
export async function disputeTransactions(ctx: Ctx, transactionIds: readonly string[]): Promise<DisputeView[]> {
  authorize(ctx.actor, 'cards.operate');
  return inTransaction(ctx, async (tctx) => {
    const out: DisputeView[] = [];
    const today = bankDate(ctx.clock.now());
    for (const id of transactionIds) {
      const txn = await tctx.db
        .selectFrom('transactions')
        .select(['id', 'account_id', 'kind', 'amount_fen', 'posting_date'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!txn || (txn.kind !== 'purchase' && txn.kind !== 'cash_advance')) {
        throw new AppError('DISPUTE_NOT_ELIGIBLE', { detail: id });
      }
      const existing = await tctx.db
        .selectFrom('ledger_disputes')
        .selectAll()
        .where('transaction_id', '=', id)
        .executeTakeFirst();
      if (existing) continue;
      const taken = await withAccount(tctx.db, ctx.clock.now(), txn.account_id, today, (acc, terms) =>
        disputeAmount(
          acc.book,
          { amountFen: Number(txn.amount_fen), postingDate: txn.posting_date },
          DISPUTE_ORDER[txn.kind as 'purchase'],
          today,
          terms.minimumPayment,
        ),
      );
      const amount = Object.values(taken).reduce((s, x) => s + (x ?? 0), 0);
      const row = {
        transaction_id: id,
        account_id: txn.account_id,
        amount_fen: amount,
        taken: JSON.stringify(taken),
        status: 'pending',
        disputed_on: today,
        decided_on: null,
        decided_by: null,
        created_at: ctx.clock.now().toISOString(),
      };
      await tctx.db.insertInto('ledger_disputes').values(row).execute();
      await audit(tctx, {
        action: 'ledger.dispute',
        entityType: 'transaction',
        entityId: id,
        details: { amountFen: amount, taken },
      });
      out.push(disputeViewOf(row));
    }
    return out;
  });
}

/**
 * Decides a disputed transaction: the bank liable writes the amount off (a fraud_credit posting); the
 * customer liable returns it to the account from today, with no interest or fee for the time it was set aside.
 */
export async function decideDispute(ctx: Ctx, transactionId: string, outcome: DisputeOutcome): Promise<DisputeView> {
  authorize(ctx.actor, 'disputes.decide');
  return inTransaction(ctx, async (tctx) => {
    // Locked: two decisions at once would otherwise both find it pending and write it off twice.
    const row = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('ledger_disputes').selectAll().where('transaction_id', '=', transactionId),
    ).executeTakeFirst();
    if (!row) throw new AppError('DISPUTE_NOT_FOUND');
    if (row.status !== 'pending') {
      // The same decision again is a retry; the other one would report an outcome the ledger does not hold.
      if (row.status === STATUS_OF[outcome]) return disputeViewOf(row);
      throw new AppError('DISPUTE_ALREADY_DECIDED', { details: { status: row.status } });
    }
    const today = bankDate(ctx.clock.now());
    const taken = JSON.parse(row.taken) as Allocation;
    const amount = Number(row.amount_fen);
    await withAccount(tctx.db, ctx.clock.now(), row.account_id, today, (acc, terms, emitter) => {
      if (outcome === 'customer_liable') {
        returnDisputed(acc.book, taken, today);
        return;
      }
      post(
        acc,
        terms,
        {
          kind: 'fraud_credit',
          amountFen: amount,
          postingDate: today,
          description: '盗刷交易核销(银行承担)',
          relatedTxnId: transactionId,
          settles: taken,
        },
        emitter,
      );
    });
    const status = STATUS_OF[outcome];
    await tctx.db
      .updateTable('ledger_disputes')
      .set({ status, decided_on: today, decided_by: ctx.actor.userId })
      .where('transaction_id', '=', transactionId)
      .execute();
    await audit(tctx, {
      action: 'ledger.dispute_decided',
      entityType: 'transaction',
      entityId: transactionId,
      details: { outcome, amountFen: amount },
    });
    return disputeViewOf({ ...row, status, decided_on: today });
  });
}

export function disputeViewOf(r: {
  transaction_id: string;
  account_id: string;
  amount_fen: number;
  status: string;
  disputed_on: string;
  decided_on: string | null;
}): DisputeView {
  return {
    transactionId: r.transaction_id,
    accountId: r.account_id,
    amountFen: Number(r.amount_fen),
    status: r.status as DisputeView['status'],
    disputedOn: r.disputed_on,
    decidedOn: r.decided_on,
  };
}
