import type { ProductTerms } from '@carddesk/contracts';
import { bankDayStart } from '../../../platform/clock.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * Cash taken out of an account (card-rules.md §1–2): cash advances and cash installments together stay within
 * the cash limit (cash owed plus cash-installment principal not yet billed) and the daily cash cap (《111号》,
 * with 《2022通知》 counting a cash installment as cash). `cardId` narrows the day's cash advances to one card
 * (the ATM cap is per card); a cash installment counts for every card of its account.
 */
export async function requireCashRoom(
  db: Executor,
  p: {
    accountId: string;
    cardId?: string;
    cashOwedFen: number;
    cashLimitFen: number;
    terms: ProductTerms;
    today: string;
    amountFen: number;
  },
): Promise<void> {
  const plans = await db
    .selectFrom('installment_plans')
    .select((eb) =>
      eb.fn.coalesce(eb.fn.sum<number>(eb('principal_fen', '-', eb.ref('principal_billed_fen'))), eb.lit(0)).as('s'),
    )
    .where('account_id', '=', p.accountId)
    .where('kind', '=', 'cash')
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  let advanced = db
    .selectFrom('transactions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s'))
    .where('account_id', '=', p.accountId)
    .where('kind', '=', 'cash_advance')
    .where('posting_date', '=', p.today);
  if (p.cardId) advanced = advanced.where('card_id', '=', p.cardId);
  const advancedToday = await advanced.executeTakeFirstOrThrow();
  const paidOutToday = await db
    .selectFrom('payouts')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s'))
    .where('account_id', '=', p.accountId)
    .where('kind', '=', 'cash_installment')
    .where('created_at', '>=', bankDayStart(p.today).toISOString())
    .executeTakeFirstOrThrow();
  const used = p.cashOwedFen + Number(plans.s);
  const today = Number(advancedToday.s) + Number(paidOutToday.s);
  const cap = p.terms.cashAdvance.dailyCapFen;
  if (used + p.amountFen > p.cashLimitFen || today + p.amountFen > cap) {
    throw new AppError('CASH_LIMIT_EXCEEDED', {
      details: { cashLimitLeftFen: Math.max(0, p.cashLimitFen - used), dailyCapLeftFen: Math.max(0, cap - today) },
    });
  }
}
