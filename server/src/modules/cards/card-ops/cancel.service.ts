import { audit } from '../../../platform/audit.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { NEVER, withAccount } from '../billing/advance.ts';
import { balanceOf } from '../ledger/book.ts';
import { type Card, cardRowToCard, lockCard, requireCardAccess } from './card.service.ts';

/**
 * Cancellation (销卡). A supplementary card closes on its own. The primary card closes the account with
 * all its cards, and only with nothing owed (《2011办法》Art. 64): zero balance, no installment principal
 * still to bill, no interest accrued but not yet charged, and no credit balance left to refund.
 */
export async function cancelCard(ctx: Ctx, input: { cardId: string; reason?: string | null }): Promise<Card> {
  return inTransaction(ctx, async (tctx) => {
    const card = await lockCard(tctx.db, input.cardId);
    const grant = await requireCardAccess(tctx, card, 'card.cancel');
    if (card.status === 'closed') return cardRowToCard(card);
    const at = ctx.clock.now().toISOString();
    const today = bankDate(ctx.clock.now());
    let closedCards = [card.id];
    if (card.is_primary === 1) {
      await withAccount(tctx.db, ctx.clock.now(), card.account_id, today, (acc) => {
        const b = acc.book;
        const owes =
          balanceOf(b) !== 0 ||
          acc.unbilledInstallmentFen > 0 ||
          b.accRevolving > 0 ||
          b.pendingFenDays > 0 ||
          b.overpayment > 0;
        if (owes)
          throw new AppError('ACCOUNT_HAS_BALANCE', {
            details: { balanceFen: balanceOf(b), unbilledInstallmentFen: acc.unbilledInstallmentFen },
          });
        acc.status = 'closed';
        acc.nextStatementDate = NEVER;
        acc.nextGraceCheck = null;
        acc.nextAnnualFeeDate = null;
      });
      const others = await tctx.db
        .selectFrom('cards')
        .select('id')
        .where('account_id', '=', card.account_id)
        .where('status', '!=', 'closed')
        .execute();
      closedCards = others.map((c) => c.id);
      await tctx.db
        .updateTable('cards')
        .set({ status: 'closed', status_reason: input.reason ?? '客户申请销户', status_changed_at: at, updated_at: at })
        .where('account_id', '=', card.account_id)
        .where('status', '!=', 'closed')
        .execute();
    } else {
      await tctx.db
        .updateTable('cards')
        .set({
          status: 'closed',
          status_reason: input.reason ?? '客户申请注销附属卡',
          status_changed_at: at,
          updated_at: at,
        })
        .where('id', '=', card.id)
        .execute();
    }
    await audit(tctx, {
      action: 'card.cancel',
      entityType: 'card',
      entityId: card.id,
      customerId: card.customer_id,
      contactId: grant.contactId,
      reason: input.reason ?? null,
      details: { primary: card.is_primary === 1, closedCards, accountClosed: card.is_primary === 1 },
    });
    publishEvent(tctx, `cards:${card.customer_id}`, 'card.status', { cardId: card.id, to: 'closed' });
    return cardRowToCard(await lockCard(tctx.db, card.id));
  });
}
