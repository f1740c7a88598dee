import type { BotHandoverReason } from '@carddesk/contracts';

/** Why the assistant handed a chat to a person, in words (keyed by the contract's codes). */
export const HANDOVER_REASON: Record<BotHandoverReason, [zh: string, en: string]> = {
  customer_request: ['客户要求人工', 'Customer asked for a person'],
  rejected_answers: ['客户两次否定回答', 'Two answers rejected'],
  complaint: ['投诉', 'Complaint'],
  angry: ['客户情绪激动', 'Customer upset'],
  emergency: ['紧急情况(挂失/盗刷)', 'Emergency (lost card, fraud)'],
  priority_customer: ['优先客户(关爱/65岁以上)', 'Priority customer (care flag, 65+)'],
  unanswered: ['助手无法回答', 'Assistant could not answer'],
  operation_needs_person: ['业务需人工办理', 'Operation needs a person'],
  safety_check: ['回复未通过安全检查', 'Reply failed the safety checks'],
  reopened: ['转人工后再次进线', 'Reopened after a hand-over'],
  bot_error: ['助手故障', 'Assistant failure'],
};
