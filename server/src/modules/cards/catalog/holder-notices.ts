import { audit } from '../../../platform/audit.ts';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import type { PriceRise } from './price-rises.ts';

const ITEM_LABELS: Record<string, string> = {
  dailyRate: '透支利率',
  'lateFee.rate': '违约金比例',
  'lateFee.minFen': '违约金最低金额',
  'lateFee.maxFen': '违约金上限',
  'cashAdvance.feeRate': '取现手续费率',
  'cashAdvance.feeMinFen': '取现手续费最低金额',
  'annualFee.amountFen': '年费',
  'annualFee.firstYearFree': '首年免年费',
  'annualFee.waivePurchases': '免年费消费笔数',
  'annualFee.waiveSpendFen': '免年费消费金额',
  'installments.prepayFee': '分期提前还款手续费',
  interestMode: '计息方式',
};

const labelOf = (item: string) =>
  ITEM_LABELS[item] ?? (item.startsWith('installments.') ? `分期费率(${item.split('.').slice(1).join(' ')}期)` : item);

/**
 * A message record per holder of the product's open accounts: which prices rise and from when. Written in
 * the transaction that records the version (one per account and version), and audited as one notice run.
 */
export async function noticeHolders(
  ctx: Ctx,
  input: { productId: string; version: number; effectiveFrom: string; rises: readonly PriceRise[] },
): Promise<number> {
  const accounts = await ctx.db
    .selectFrom('accounts')
    .select(['id', 'customer_id'])
    .where('product_id', '=', input.productId)
    .where('status', '=', 'active')
    .execute();
  const title = `信用卡收费标准调整通知(${input.effectiveFrom}起生效)`;
  const body = `尊敬的持卡人:您所持卡片的${input.rises.map((r) => labelOf(r.item)).join('、')}将自${input.effectiveFrom}起调整。如不接受调整,可在生效前申请销户。`;
  const at = ctx.clock.now().toISOString();
  for (let i = 0; i < accounts.length; i += 200) {
    await ctx.db
      .insertInto('holder_notices')
      .values(
        accounts.slice(i, i + 200).map((a) => ({
          id: newId(ctx.clock.now()),
          customer_id: a.customer_id,
          account_id: a.id,
          product_id: input.productId,
          kind: 'terms_change',
          product_version: input.version,
          effective_from: input.effectiveFrom,
          title,
          body,
          created_at: at,
        })),
      )
      .execute();
  }
  await audit(ctx, {
    action: 'product.notice_holders',
    entityType: 'product',
    entityId: input.productId,
    details: { version: input.version, effectiveFrom: input.effectiveFrom, holders: accounts.length },
  });
  return accounts.length;
}
