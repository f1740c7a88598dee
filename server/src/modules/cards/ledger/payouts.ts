import { type Payee, payeeSchema } from '@carddesk/contracts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { bidx } from '../customers/pii-fields.ts';

/**
 * Money the bank sends out of a card account (a cash installment, a credit-balance refund) goes only to the
 * holder's own settlement account (《2022通知》: 本人非信用卡结算账户). The desk names the account and the
 * account holder as the customer states them; the name must be the cardholder's, and the number may not be
 * a card of this bank (a credit card is not a settlement account). The number is stored encrypted, shown masked.
 * The request's shape is the contract's `payeeSchema`.
 */
export type { Payee };

export const PAYEE_ENC = 'payouts.payee_account';

export const maskAccountNumber = (n: string) => `****${n.slice(-4)}`;

export async function requireOwnSettlementAccount(ctx: Ctx, customerId: string, payee: Payee): Promise<void> {
  const parsed = payeeSchema.safeParse(payee);
  if (!parsed.success) throw new AppError('PAYOUT_ACCOUNT_NOT_OWN', { detail: 'account number or name malformed' });
  const customer = await ctx.db
    .selectFrom('customers')
    .select('name_bidx')
    .where('id', '=', customerId)
    .executeTakeFirstOrThrow();
  if (customer.name_bidx !== bidx.name(ctx.keyring, parsed.data.holderName))
    throw new AppError('PAYOUT_ACCOUNT_NOT_OWN', { detail: 'holder is not the cardholder' });
  const card = await ctx.db
    .selectFrom('cards')
    .select('id')
    .where('pan_bidx', '=', bidx.pan(ctx.keyring, parsed.data.accountNumber))
    .executeTakeFirst();
  if (card) throw new AppError('PAYOUT_ACCOUNT_NOT_OWN', { detail: 'a credit card is not a settlement account' });
}

/** Records a payout in the caller's transaction (after `requireOwnSettlementAccount`); returns its id. */
export async function recordPayout(
  ctx: Ctx,
  p: {
    accountId: string;
    customerId: string;
    kind: 'cash_installment' | 'credit_refund';
    amountFen: number;
    payee: Payee;
    installmentPlanId?: string | null;
    transactionId?: string | null;
  },
): Promise<{ id: string; payeeMasked: string }> {
  const id = newId(ctx.clock.now());
  const payeeMasked = maskAccountNumber(p.payee.accountNumber);
  await ctx.db
    .insertInto('payouts')
    .values({
      id,
      account_id: p.accountId,
      customer_id: p.customerId,
      kind: p.kind,
      amount_fen: p.amountFen,
      payee_account_enc: ctx.keyring.encrypt(p.payee.accountNumber, PAYEE_ENC),
      payee_account_masked: payeeMasked,
      installment_plan_id: p.installmentPlanId ?? null,
      transaction_id: p.transactionId ?? null,
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now().toISOString(),
    })
    .execute();
  return { id, payeeMasked };
}
