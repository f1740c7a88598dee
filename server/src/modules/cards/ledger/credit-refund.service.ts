import { audit } from '../../../platform/audit.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { withAccount } from '../billing/advance.ts';
import { post } from '../billing/engine.ts';
import { requireAccountAccess } from './access.ts';
import { type Payee, recordPayout, requireOwnSettlementAccount } from './payouts.ts';

export interface CreditRefund {
  accountId: string;
  amountFen: number;
  transactionId: string;
  payoutId: string;
  payee: string;
}

/**
 * Pays the whole credit balance (溢缴款) back to the holder's own settlement account, so that a card with a
 * credit balance can be closed (《2011办法》Art. 64 closes only with nothing owed either way). One transaction:
 * the ledger posting (`credit_refund`, taken wholly from the credit balance), the payout record and the audit
 * record. A second request finds no credit balance and changes nothing.
 */
export async function refundCreditBalance(
  ctx: Ctx,
  input: { accountId: string; payoutAccount: Payee },
): Promise<CreditRefund> {
  return inTransaction(ctx, async (tctx) => {
    const { customerId, contactId } = await requireAccountAccess(
      tctx,
      input.accountId,
      'credit.refund',
      'credit_balance.refund',
    );
    await requireOwnSettlementAccount(tctx, customerId, input.payoutAccount);
    const today = bankDate(ctx.clock.now());
    const posted = await withAccount(tctx.db, ctx.clock.now(), input.accountId, today, (acc, terms, emitter) => {
      if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      const amount = acc.book.overpayment;
      if (amount <= 0) throw new AppError('NO_CREDIT_BALANCE');
      const row = post(
        acc,
        terms,
        { kind: 'credit_refund', amountFen: amount, postingDate: today, description: '溢缴款退回本人结算账户' },
        emitter,
      );
      return { amount, transactionId: row.id };
    });
    const payout = await recordPayout(tctx, {
      accountId: input.accountId,
      customerId,
      kind: 'credit_refund',
      amountFen: posted.amount,
      payee: input.payoutAccount,
      transactionId: posted.transactionId,
    });
    await audit(tctx, {
      action: 'credit_balance.refund',
      entityType: 'account',
      entityId: input.accountId,
      customerId,
      contactId,
      details: {
        amountFen: posted.amount,
        transactionId: posted.transactionId,
        payoutId: payout.id,
        payee: payout.payeeMasked,
      },
    });
    return {
      accountId: input.accountId,
      amountFen: posted.amount,
      transactionId: posted.transactionId,
      payoutId: payout.id,
      payee: payout.payeeMasked,
    };
  });
}
