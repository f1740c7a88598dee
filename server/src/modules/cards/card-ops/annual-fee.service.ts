import { audit } from '../../../platform/audit.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { termsResolver } from '../billing/store.ts';
import { annualFeeDecision, waiverProgress } from '../rules/fee-rules.ts';
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
