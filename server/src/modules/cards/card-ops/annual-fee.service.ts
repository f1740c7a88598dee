import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forUpdate, inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { withAccount } from '../billing/advance.ts';
import { post } from '../billing/engine.ts';
import { termsResolver } from '../billing/store.ts';
import type { AnnualFeeAdjustmentsTable } from '../cards.tables.ts';
import { requireAccountAccess } from '../ledger/access.ts';
import { annualFeeDecision, waiverProgress } from '../rules/fee.rules.ts';
import { lockCard, requireCardAccess } from './card.service.ts';

/**
 * Annual-fee waiver check (年费减免): the fee, the card year, how many purchases or how much spend this card
 * year still waives next year's fee, and what would happen on the anniversary if nothing changed.
 */
export async function annualFeeWaiverCheck(ctx: Ctx, input: { cardId: string }) {
  const card = await lockCard(ctx.db, input.cardId);
  const grant = await requireCardAccess(ctx, card, 'account.read');
  const account = await ctx.db
    .selectFrom('accounts')
    .selectAll()
    .where('id', '=', card.account_id)
    .executeTakeFirstOrThrow();
  const today = bankDate(ctx.clock.now());
  const rule = (await termsResolver(ctx.db, account.product_id))(today).annualFee;
  const input2 = {
    activated: account.activated_on !== null,
    purchasesInCardYear: account.card_year_purchases,
    spendInCardYearFen: Number(account.card_year_spend_fen),
  };
  const decision = annualFeeDecision(input2, rule);
  const progress = waiverProgress(input2, rule);
  await audit(ctx, {
    action: 'annual_fee.check',
    entityType: 'card',
    entityId: card.id,
    customerId: card.customer_id,
    contactId: grant.contactId,
    details: {},
  });
  const explanation = !input2.activated
    ? '卡片尚未激活,不收取年费。'
    : decision.charge
      ? rule.waivePurchases !== null
        ? `本卡年还需消费${progress.purchasesToGo}笔即可免下一年年费${(rule.amountFen / 100).toFixed(2)}元。`
        : `本卡年费${(rule.amountFen / 100).toFixed(2)}元${rule.waiveSpendFen !== null ? `,本卡年消费满${(rule.waiveSpendFen / 100).toFixed(0)}元可免` : ',不适用刷卡次数免年费'}。`
      : '本卡年已满足免年费条件,下一年年费将予减免。';
  return {
    cardId: card.id,
    isPrimary: card.is_primary === 1,
    annualFeeFen: rule.amountFen,
    firstYearFree: rule.firstYearFree,
    nextFeeDate: account.next_annual_fee_date,
    ...progress,
    waivedIfAnniversaryToday: !decision.charge,
    explanation,
  };
}

export interface FeeAdjustmentView {
  id: string;
  accountId: string;
  feeTransactionId: string;
  amountFen: number;
  status: string;
  reason: string;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  transactionId: string | null;
  createdAt: string;
}

const adjustmentView = (r: AnnualFeeAdjustmentsTable): FeeAdjustmentView => ({
  id: r.id,
  accountId: r.account_id,
  feeTransactionId: r.fee_transaction_id,
  amountFen: Number(r.amount_fen),
  status: r.status,
  reason: r.reason,
  requestedBy: r.requested_by,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  transactionId: r.transaction_id,
  createdAt: r.created_at,
});

/**
 * Posts the waiver of an annual fee: a credit against fees first; a fee already paid becomes a credit balance
 * (溢缴款), which the holder can have refunded. Returns the posting's id.
 */
async function applyAdjustment(ctx: Ctx, adj: { accountId: string; feeTransactionId: string; amountFen: number }) {
  const today = bankDate(ctx.clock.now());
  return withAccount(ctx.db, ctx.clock.now(), adj.accountId, today, (acc, terms, emitter) => {
    const row = post(
      acc,
      terms,
      {
        kind: 'fee_waiver',
        amountFen: adj.amountFen,
        postingDate: today,
        relatedTxnId: adj.feeTransactionId,
        description: '年费减免/退还',
      },
      emitter,
    );
    return row.id;
  });
}

/**
 * Annual-fee waiver or refund (年费减免/退还). Up to the product's amount the desk grants it at once; above it
 * the request waits for a senior agent or supervisor other than the requester (four eyes). One adjustment per
 * fee; every step audited in its transaction.
 */
export async function requestAnnualFeeAdjustment(
  ctx: Ctx,
  input: { accountId: string; feeTransactionId: string; reason: string },
): Promise<FeeAdjustmentView> {
  return inTransaction(ctx, async (tctx) => {
    const { customerId, contactId } = await requireAccountAccess(tctx, input.accountId, 'fee.waive', 'fees.adjust');
    const fee = await tctx.db
      .selectFrom('transactions')
      .select(['id', 'amount_fen'])
      .where('id', '=', input.feeTransactionId)
      .where('account_id', '=', input.accountId)
      .where('kind', '=', 'fee_annual')
      .executeTakeFirst();
    if (!fee) throw new AppError('ANNUAL_FEE_NOT_FOUND');
    const done = await tctx.db
      .selectFrom('annual_fee_adjustments')
      .selectAll()
      .where('fee_transaction_id', '=', fee.id)
      .executeTakeFirst();
    if (done) {
      // The same request again (a retry) returns the adjustment already made; another one is refused.
      if (done.requested_by === ctx.actor.userId && done.reason === input.reason) return adjustmentView(done);
      throw new AppError('ANNUAL_FEE_ALREADY_ADJUSTED');
    }
    const account = await tctx.db
      .selectFrom('accounts')
      .select('product_id')
      .where('id', '=', input.accountId)
      .executeTakeFirstOrThrow();
    const today = bankDate(ctx.clock.now());
    const rule = (await termsResolver(tctx.db, account.product_id))(today).annualFee;
    const amountFen = Number(fee.amount_fen);
    const needsApproval = amountFen > rule.waiverApprovalAboveFen;
    const at = ctx.clock.now().toISOString();
    const id = newId(ctx.clock.now());
    const transactionId = needsApproval
      ? null
      : await applyAdjustment(tctx, { accountId: input.accountId, feeTransactionId: fee.id, amountFen });
    await tctx.db
      .insertInto('annual_fee_adjustments')
      .values({
        id,
        account_id: input.accountId,
        customer_id: customerId,
        fee_transaction_id: fee.id,
        amount_fen: amountFen,
        status: needsApproval ? 'pending_approval' : 'applied',
        reason: input.reason,
        contact_id: contactId,
        requested_by: ctx.actor.userId,
        decided_by: needsApproval ? null : ctx.actor.userId,
        decided_at: needsApproval ? null : at,
        transaction_id: transactionId,
        created_at: at,
      })
      .execute();
    await audit(tctx, {
      action: needsApproval ? 'annual_fee.adjust_request' : 'annual_fee.adjust',
      entityType: 'annual_fee_adjustment',
      entityId: id,
      customerId,
      contactId,
      reason: input.reason,
      details: { feeTransactionId: fee.id, amountFen, approvalAboveFen: rule.waiverApprovalAboveFen, transactionId },
    });
    return adjustmentView(
      await tctx.db.selectFrom('annual_fee_adjustments').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    );
  });
}

/** The senior decision on an adjustment above the desk's amount: never by the person who asked for it. */
export async function decideAnnualFeeAdjustment(
  ctx: Ctx,
  input: { id: string; approve: boolean; reason?: string | undefined },
): Promise<FeeAdjustmentView> {
  authorize(ctx.actor, 'fees.approve_adjustment');
  return inTransaction(ctx, async (tctx) => {
    const adj = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('annual_fee_adjustments').selectAll().where('id', '=', input.id),
    ).executeTakeFirst();
    if (!adj) throw new AppError('NOT_FOUND');
    if (adj.status !== 'pending_approval') {
      // A retried decision that already took effect returns the outcome; a different one is refused.
      if (adj.decided_by === ctx.actor.userId && (adj.status === 'applied') === input.approve)
        return adjustmentView(adj);
      throw new AppError('FEE_ADJUSTMENT_NOT_PENDING');
    }
    if (adj.requested_by !== null && adj.requested_by === ctx.actor.userId)
      throw new AppError('FEE_ADJUSTMENT_SELF_APPROVAL');
    const at = ctx.clock.now().toISOString();
    const transactionId = input.approve
      ? await applyAdjustment(tctx, {
          accountId: adj.account_id,
          feeTransactionId: adj.fee_transaction_id,
          amountFen: Number(adj.amount_fen),
        })
      : null;
    await tctx.db
      .updateTable('annual_fee_adjustments')
      .set({
        status: input.approve ? 'applied' : 'rejected',
        decided_by: ctx.actor.userId,
        decided_at: at,
        transaction_id: transactionId,
      })
      .where('id', '=', adj.id)
      .execute();
    await audit(tctx, {
      action: input.approve ? 'annual_fee.adjust_approve' : 'annual_fee.adjust_reject',
      entityType: 'annual_fee_adjustment',
      entityId: adj.id,
      customerId: adj.customer_id,
      reason: input.reason ?? null,
      details: { amountFen: Number(adj.amount_fen), requestedBy: adj.requested_by, transactionId },
    });
    return adjustmentView(
      await tctx.db.selectFrom('annual_fee_adjustments').selectAll().where('id', '=', adj.id).executeTakeFirstOrThrow(),
    );
  });
}
