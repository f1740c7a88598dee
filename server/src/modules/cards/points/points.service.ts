import { audit } from '../../../platform/audit.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { withAccount } from '../billing/advance.ts';
import { post } from '../billing/engine.ts';
import { termsResolver } from '../billing/store.ts';
import { requireAccountAccess } from '../ledger/access.ts';

export interface RewardItem {
  code: string;
  nameZh: string;
  nameEn: string;
  points: number;
  kind: string;
  valueFen: number;
}

/** Points balance, how the product earns them, recent redemptions and what can be redeemed (积分查询). */
export async function getPoints(ctx: Ctx, input: { accountId: string }) {
  const { customerId, contactId } = await requireAccountAccess(ctx, input.accountId, 'points.read', 'customers.read');
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['points_balance', 'product_id'])
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  const terms = (await termsResolver(ctx.db, account.product_id))(bankDate(ctx.clock.now()));
  const [redemptions, catalogue] = await Promise.all([
    ctx.db
      .selectFrom('points_redemptions')
      .selectAll()
      .where('account_id', '=', input.accountId)
      .orderBy('created_at', 'desc')
      .limit(20)
      .execute(),
    ctx.db.selectFrom('reward_items').selectAll().where('active', '=', 1).orderBy('points').execute(),
  ]);
  await audit(ctx, {
    action: 'points.read',
    entityType: 'account',
    entityId: input.accountId,
    customerId,
    contactId,
    details: {},
  });
  return {
    accountId: input.accountId,
    balance: Number(account.points_balance),
    rule: {
      points: terms.points.points,
      perYuan: terms.points.perYuan,
      excludedCategories: terms.points.excludedCategories,
      multipliers: terms.points.multipliers,
    },
    redemptions: redemptions.map((r) => ({
      id: r.id,
      itemCode: r.item_code,
      quantity: r.quantity,
      points: Number(r.points),
      createdAt: r.created_at,
    })),
    catalogue: catalogue.map(
      (c): RewardItem => ({
        code: c.code,
        nameZh: c.name_zh,
        nameEn: c.name_en,
        points: Number(c.points),
        kind: c.kind,
        valueFen: Number(c.value_fen),
      }),
    ),
  };
}

/** Redeems points for a reward; a statement credit posts as a credit to the account. */
export async function redeemPoints(ctx: Ctx, input: { accountId: string; itemCode: string; quantity: number }) {
  if (!Number.isSafeInteger(input.quantity) || input.quantity < 1 || input.quantity > 100)
    throw new AppError('AMOUNT_INVALID');
  return inTransaction(ctx, async (tctx) => {
    const { customerId, contactId } = await requireAccountAccess(tctx, input.accountId, 'points.redeem');
    const item = await tctx.db
      .selectFrom('reward_items')
      .selectAll()
      .where('code', '=', input.itemCode)
      .where('active', '=', 1)
      .executeTakeFirst();
    if (!item) throw new AppError('REWARD_NOT_FOUND');
    const points = Number(item.points) * input.quantity;
    const today = bankDate(ctx.clock.now());
    const id = newId(ctx.clock.now());
    const result = await withAccount(tctx.db, ctx.clock.now(), input.accountId, today, (acc, terms, emitter) => {
      if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      if (acc.pointsBalance < points)
        throw new AppError('POINTS_INSUFFICIENT', { details: { balance: acc.pointsBalance, needed: points } });
      acc.pointsBalance -= points;
      let txnId: string | null = null;
      if (item.kind === 'statement_credit' && Number(item.value_fen) > 0) {
        txnId = post(
          acc,
          terms,
          {
            kind: 'points_credit',
            amountFen: Number(item.value_fen) * input.quantity,
            postingDate: today,
            description: `积分兑换 ${item.name_zh}`,
          },
          emitter,
        ).id;
      }
      return { txnId, balance: acc.pointsBalance };
    });
    await tctx.db
      .insertInto('points_redemptions')
      .values({
        id,
        account_id: input.accountId,
        customer_id: customerId,
        item_code: item.code,
        quantity: input.quantity,
        points,
        transaction_id: result.txnId,
        created_by: ctx.actor.userId,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await audit(tctx, {
      action: 'points.redeem',
      entityType: 'account',
      entityId: input.accountId,
      customerId,
      contactId,
      details: { itemCode: item.code, quantity: input.quantity, points },
    });
    return { redemptionId: id, pointsUsed: points, balance: result.balance, transactionId: result.txnId };
  });
}
