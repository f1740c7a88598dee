/**
 * The contact taxonomy of `../shared/domain/intents.md`: four types (work guide §2.4) and the built-in
 * fine-grained intents. These codes are public vocabulary — APIs, reports, NLU training and evaluation
 * files use them exactly as written — so never rename one.
 */
export const CONTACT_TYPES = ['consult', 'transaction', 'complaint', 'emergency'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const CONTACT_TYPE_LABELS: Record<ContactType, { zh: string; en: string }> = {
  consult: { zh: '咨询类', en: 'Consultation' },
  transaction: { zh: '业务办理类', en: 'Business transaction' },
  complaint: { zh: '投诉类', en: 'Complaint' },
  emergency: { zh: '紧急求助类', en: 'Emergency' },
};

/**
 * Which type wins when one contact carries intents of several types: money at risk first, then
 * dissatisfaction (a complaint raised inside any contact makes it a complaint), then getting something
 * done, then information. Index 0 ranks highest.
 */
export const TYPE_PRECEDENCE: readonly ContactType[] = ['emergency', 'complaint', 'transaction', 'consult'];

export interface IntentDefinition {
  readonly zh: string;
  readonly en: string;
  readonly type: ContactType;
}

export const INTENTS = {
  card_apply: { zh: '办卡申请', en: 'Card application', type: 'transaction' },
  application_status: { zh: '申请进度', en: 'Application status', type: 'consult' },
  card_delivery: { zh: '卡片寄送', en: 'Card delivery', type: 'consult' },
  card_activate: { zh: '开卡激活', en: 'Activation', type: 'transaction' },
  card_loss_report: { zh: '挂失', en: 'Loss report', type: 'emergency' },
  fraud_report: { zh: '盗刷/可疑交易', en: 'Fraud report', type: 'emergency' },
  card_freeze: { zh: '临时冻结/锁卡', en: 'Freeze card', type: 'transaction' },
  card_unfreeze: { zh: '解冻/解锁', en: 'Unfreeze card', type: 'transaction' },
  card_replace: { zh: '补卡/换卡', en: 'Replace card', type: 'transaction' },
  card_cancel: { zh: '销卡', en: 'Cancel card', type: 'transaction' },
  pin_password: { zh: '密码', en: 'PIN / password', type: 'transaction' },
  profile_update: { zh: '个人信息变更', en: 'Profile update', type: 'transaction' },
  statement_query: { zh: '账单查询', en: 'Statement', type: 'consult' },
  transaction_query: { zh: '交易查询', en: 'Transaction query', type: 'consult' },
  transaction_dispute: { zh: '交易争议/退款', en: 'Dispute / refund', type: 'transaction' },
  repayment_method: { zh: '还款方式', en: 'How to repay', type: 'consult' },
  repayment_status: { zh: '还款到账', en: 'Repayment status', type: 'consult' },
  autopay_setup: { zh: '自动还款', en: 'Autopay', type: 'transaction' },
  due_date_min_payment: { zh: '还款日/最低还款', en: 'Due date / minimum', type: 'consult' },
  overdue_credit: { zh: '逾期与征信', en: 'Overdue / credit report', type: 'consult' },
  interest_fee_query: { zh: '利息费用', en: 'Interest and fees', type: 'consult' },
  fee_waiver_request: { zh: '费用减免', en: 'Fee waiver', type: 'transaction' },
  installment_apply: { zh: '办理分期', en: 'Installment', type: 'transaction' },
  installment_query: { zh: '分期咨询', en: 'Installment query', type: 'consult' },
  installment_prepay: { zh: '分期提前还款', en: 'Installment prepayment', type: 'transaction' },
  limit_query: { zh: '额度查询', en: 'Limit query', type: 'consult' },
  limit_increase: { zh: '提额', en: 'Limit increase', type: 'transaction' },
  limit_decrease: { zh: '降额', en: 'Limit decrease', type: 'transaction' },
  annual_fee: { zh: '年费', en: 'Annual fee', type: 'consult' },
  points_rewards: { zh: '积分', en: 'Points', type: 'consult' },
  benefits: { zh: '权益服务', en: 'Benefits', type: 'consult' },
  cash_advance: { zh: '预借现金', en: 'Cash advance', type: 'consult' },
  overseas_use: { zh: '境外用卡', en: 'Overseas use', type: 'consult' },
  complaint_service: { zh: '服务投诉', en: 'Service complaint', type: 'complaint' },
  complaint_fee: { zh: '收费投诉', en: 'Fee complaint', type: 'complaint' },
  complaint_collection: { zh: '催收投诉', en: 'Collection complaint', type: 'complaint' },
  complaint_marketing: { zh: '营销投诉', en: 'Marketing complaint', type: 'complaint' },
  human_agent: { zh: '转人工', en: 'Human agent', type: 'consult' },
  greeting: { zh: '寒暄', en: 'Greeting', type: 'consult' },
  out_of_scope: { zh: '无关/无法识别', en: 'Out of scope', type: 'consult' },
} as const satisfies Record<string, IntentDefinition>;

export type Intent = keyof typeof INTENTS;
export const INTENT_CODES = Object.keys(INTENTS) as [Intent, ...Intent[]];

export function isIntent(code: string): code is Intent {
  return Object.hasOwn(INTENTS, code);
}

/**
 * The type of a contact from its intents, by `TYPE_PRECEDENCE` ("卡丢了,顺便问下年费" is an emergency).
 * A contact with no intents yet has no type.
 */
export function contactTypeOf(intents: readonly Intent[]): ContactType | null {
  let best: number | null = null;
  for (const intent of intents) {
    const rank = TYPE_PRECEDENCE.indexOf(INTENTS[intent].type);
    if (best === null || rank < best) best = rank;
  }
  return best === null ? null : (TYPE_PRECEDENCE[best] ?? null);
}
