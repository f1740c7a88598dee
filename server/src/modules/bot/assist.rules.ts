import { type AssistOperation, INTENTS, type Intent } from '@carddesk/contracts';

/**
 * The desk operation a customer's message calls for, from its intent: what the agent would open next
 * (the freeze, the emergency lane, the limit dialog, a complaint case…). Null when the intent needs no
 * operation (a question the FAQ answers, a greeting, out of scope).
 */
const BY_INTENT: Partial<Record<Intent, AssistOperation>> = {
  card_freeze: 'card.freeze',
  card_unfreeze: 'card.unfreeze',
  card_activate: 'card.activate',
  card_loss_report: 'emergency.report',
  fraud_report: 'emergency.report',
  limit_increase: 'limit.change',
  limit_decrease: 'limit.change',
  limit_query: 'account.limit',
  statement_query: 'account.statement',
  due_date_min_payment: 'account.statement',
  repayment_status: 'account.repayment',
  points_rewards: 'account.points',
  installment_apply: 'installment.quote',
  installment_query: 'installment.quote',
  transaction_dispute: 'transaction.dispute',
};

export function suggestedOperation(intent: Intent): AssistOperation | null {
  if (INTENTS[intent].type === 'complaint') return 'complaint.case';
  return BY_INTENT[intent] ?? null;
}
