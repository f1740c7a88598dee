import type { InstallmentIneligibility, InstallmentOptions } from '@carddesk/contracts';
import { cardsEndpoints as cards } from '@carddesk/contracts/endpoints';
import { call, type Query } from '../../../app/api.ts';

export type { InstallmentIneligibility, InstallmentOptions };

/** Before a quote: the periods the product offers for the kind and the principal that may be split. */
export const installmentOptions = (
  accountId: string,
  query: Query<typeof cards.installmentOptions>,
  ctx: { contactId: string },
  signal?: AbortSignal,
) => call(cards.installmentOptions, { params: { id: accountId }, query }, { contactId: ctx.contactId, signal });

/** Why a source cannot be split, in the desk's words. */
export const INELIGIBLE_TEXT: Record<InstallmentIneligibility, [zh: string, en: string]> = {
  no_purchase: ['请选择要分期的消费', 'Choose the purchase to split'],
  not_a_purchase: ['该笔交易不是本账户的消费', 'Not a purchase on this account'],
  already_split: ['已办理过分期', 'Already split'],
  past_due: ['已过到期还款日', 'Past its due date'],
  no_statement: ['暂无到期还款日前的账单', 'No statement before its due date'],
  below_minimum: ['可分期金额低于最低分期金额', 'Below the minimum amount'],
  not_offered: ['该卡产品不提供此类分期', 'Not offered by this card product'],
  not_eligible: ['当前不可办理', 'Not eligible now'],
};
