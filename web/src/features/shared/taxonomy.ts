import type { ContactType, Intent } from '@carddesk/contracts';
import type { Locale } from '../../app/i18n.tsx';

/**
 * Display labels of the contact taxonomy (codes from `../shared/domain/intents.md`, the public vocabulary).
 * The codes come from the server; this table only names them in both languages.
 */
/** Keyed by the contracts' types: a type or intent added there and not named here fails the type check. */
export const TYPE_LABELS: Record<ContactType, [string, string]> = {
  consult: ['咨询类', 'Consultation'],
  transaction: ['业务办理类', 'Transaction'],
  complaint: ['投诉类', 'Complaint'],
  emergency: ['紧急求助类', 'Emergency'],
};

export const typeColor = (code: string | null | undefined): string =>
  code ? (TYPE_COLORS[code] ?? 'default') : 'default';

export const TYPE_COLORS: Record<string, string> = {
  consult: 'blue',
  transaction: 'green',
  complaint: 'orange',
  emergency: 'red',
};

export const INTENT_LABELS: Record<Intent, [string, string]> = {
  card_apply: ['办卡申请', 'Card application'],
  application_status: ['申请进度', 'Application status'],
  card_delivery: ['卡片寄送', 'Card delivery'],
  card_activate: ['开卡激活', 'Activation'],
  card_loss_report: ['挂失', 'Loss report'],
  fraud_report: ['盗刷/可疑交易', 'Fraud report'],
  card_freeze: ['临时冻结/锁卡', 'Freeze card'],
  card_unfreeze: ['解冻/解锁', 'Unfreeze card'],
  card_replace: ['补卡/换卡', 'Replace card'],
  card_cancel: ['销卡', 'Cancel card'],
  pin_password: ['密码', 'PIN / password'],
  profile_update: ['个人信息变更', 'Profile update'],
  statement_query: ['账单查询', 'Statement'],
  transaction_query: ['交易查询', 'Transaction query'],
  transaction_dispute: ['交易争议/退款', 'Dispute / refund'],
  repayment_method: ['还款方式', 'How to repay'],
  repayment_status: ['还款到账', 'Repayment status'],
  autopay_setup: ['自动还款', 'Autopay'],
  due_date_min_payment: ['还款日/最低还款', 'Due date / minimum'],
  overdue_credit: ['逾期与征信', 'Overdue / credit report'],
  interest_fee_query: ['利息费用', 'Interest and fees'],
  fee_waiver_request: ['费用减免', 'Fee waiver'],
  installment_apply: ['办理分期', 'Installment'],
  installment_query: ['分期咨询', 'Installment query'],
  installment_prepay: ['分期提前还款', 'Installment prepayment'],
  limit_query: ['额度查询', 'Limit query'],
  limit_increase: ['提额', 'Limit increase'],
  limit_decrease: ['降额', 'Limit decrease'],
  annual_fee: ['年费', 'Annual fee'],
  points_rewards: ['积分', 'Points'],
  benefits: ['权益服务', 'Benefits'],
  cash_advance: ['预借现金', 'Cash advance'],
  overseas_use: ['境外用卡', 'Overseas use'],
  complaint_service: ['服务投诉', 'Service complaint'],
  complaint_fee: ['收费投诉', 'Fee complaint'],
  complaint_collection: ['催收投诉', 'Collection complaint'],
  complaint_marketing: ['营销投诉', 'Marketing complaint'],
  human_agent: ['转人工', 'Human agent'],
  greeting: ['寒暄', 'Greeting'],
  out_of_scope: ['无关/无法识别', 'Out of scope'],
};

function pick(pair: [string, string] | undefined, code: string, locale: Locale): string {
  // A code the vocabulary does not have is shown as-is rather than hidden, so it is noticed.
  if (!pair) return code;
  return locale === 'en' ? pair[1] : pair[0];
}

export const typeLabel = (code: string | null | undefined, locale: Locale) =>
  code ? pick((TYPE_LABELS as Record<string, [string, string]>)[code], code, locale) : '—';
export const intentLabel = (code: string | null | undefined, locale: Locale) =>
  code ? pick((INTENT_LABELS as Record<string, [string, string]>)[code], code, locale) : '—';

export const INTENT_OPTIONS = (locale: Locale) =>
  Object.keys(INTENT_LABELS).map((code) => ({ value: code, label: intentLabel(code, locale) }));
export const TYPE_OPTIONS = (locale: Locale) =>
  Object.keys(TYPE_LABELS).map((code) => ({ value: code, label: typeLabel(code, locale) }));
