import type {
  CaseEventKind,
  ContactChannel,
  ContactOutcome,
  ContactStatus,
  TransactionKind,
} from '@carddesk/contracts';
import type { Locale } from '../../app/i18n.tsx';

type Names<K extends string> = Record<K, [zh: string, en: string]>;

/** Contracts' vocabularies: keyed by their types, so a code added there and not named here fails the type check. */
const OUTCOME: Names<ContactOutcome> = {
  resolved_first_contact: ['当场解决', 'Resolved now'],
  follow_up_promised: ['承诺跟进', 'Follow-up promised'],
  transferred: ['已转接', 'Transferred'],
  case_opened: ['已建工单', 'Case opened'],
  abandoned: ['客户中断', 'Abandoned'],
};
const CONTACT_STATUS: Names<ContactStatus> = {
  waiting: ['排队中', 'Waiting'],
  active: ['处理中', 'In progress'],
  closed: ['已结束', 'Closed'],
};
const TRANSACTION_KIND: Names<TransactionKind> = {
  purchase: ['消费', 'Purchase'],
  cash_advance: ['预借现金', 'Cash advance'],
  refund: ['退货退款', 'Refund'],
  repayment: ['还款', 'Repayment'],
  fee_annual: ['年费', 'Annual fee'],
  fee_cash: ['取现手续费', 'Cash fee'],
  fee_late: ['违约金', 'Late fee'],
  fee_installment: ['分期手续费(利息)', 'Installment fee'],
  interest: ['利息', 'Interest'],
  installment_principal: ['分期本金', 'Installment principal'],
  installment_conversion: ['转分期', 'Converted to installments'],
  adjustment: ['调整', 'Adjustment'],
  fee_waiver: ['费用减免', 'Fee waiver'],
  fraud_credit: ['盗刷核销', 'Fraud credit'],
  points_credit: ['积分抵扣', 'Points credit'],
  credit_refund: ['溢缴款退回', 'Credit balance refunded'],
};
const CASE_EVENT: Names<CaseEventKind> = {
  received: ['受理', 'Received'],
  accepted: ['部门接收', 'Accepted'],
  assigned: ['指派', 'Assigned'],
  referred: ['转办', 'Referred'],
  declined: ['退回', 'Declined'],
  note: ['备注', 'Note'],
  message_sent: ['告知客户', 'Customer told'],
  marked_complex: ['认定复杂', 'Marked complex'],
  extension_requested: ['申请延期', 'Extension asked'],
  extension_approved: ['批准延期', 'Extension approved'],
  appraisal_started: ['外部鉴定开始', 'Appraisal started'],
  appraisal_ended: ['外部鉴定结束', 'Appraisal ended'],
  deadline_reminder: ['时限提醒', 'Deadline reminder'],
  deadline_breached: ['超过监管时限', 'Deadline passed'],
  resolved: ['作出处理决定', 'Decided'],
  resolved_on_spot: ['当场解决', 'Resolved on the spot'],
  result_notified: ['告知处理结果', 'Result told'],
  feedback: ['客户评价', 'Feedback'],
  closed: ['结案', 'Closed'],
  reopened: ['重新处理', 'Reopened'],
  review_requested: ['申请核查', 'Review asked'],
  transactions_disputed: ['争议交易登记', 'Transactions disputed'],
  liability_decided: ['责任认定', 'Liability decided'],
  replacement_ordered: ['补卡', 'Replacement ordered'],
  deadline_recalculated: ['时限重算', 'Deadline recalculated'],
  follow_up_check: ['回访检查', 'Follow-up check'],
};
const CHANNEL: Names<ContactChannel> = {
  phone: ['电话', 'Phone'],
  chat: ['在线会话', 'Chat'],
};

/**
 * The label layer for codes the server answers with that are not in the contact taxonomy
 * (`taxonomy.ts`): recorded actions, installment kinds and states, channels. A code without a label is
 * shown as-is rather than hidden, so a new code is noticed, not lost.
 */
const LABELS: Record<string, Record<string, [zh: string, en: string]>> = {
  action: {
    'contact.create': ['创建联络', 'Contact started'],
    'contact.accept': ['接入', 'Taken'],
    'contact.triage': ['智能分类', 'Auto-classified'],
    'contact.customer_ended': ['客户结束', 'Customer ended'],
    'contact.survey_sent': ['发送满意度调查', 'Survey sent'],
    'contact.survey_answered': ['客户评价', 'Survey answered'],
    'contact.auth_data_redacted': ['核身信息脱敏', 'Verification data redacted'],
    'chat.session_start': ['客户发起会话', 'Chat started'],
    'emergency.formal_report': ['正式挂失', 'Formal loss report'],
    'card.unfreeze': ['解冻卡片', 'Card unfrozen'],
    'card.report_lost': ['挂失', 'Card reported lost'],
    'card.activate': ['激活卡片', 'Card activated'],
    'card.replace': ['补卡', 'Card replaced'],
    'card.cancel': ['销卡', 'Card cancelled'],
    'installment.quote': ['分期试算', 'Installment quoted'],
    'installment.options': ['查看分期方案', 'Installment options'],
    'installment.apply': ['办理分期', 'Installment taken'],
    'installment.prepay': ['分期提前还款', 'Installment prepaid'],
    'limit.temporary': ['临时提额', 'Temporary limit'],
    'points.redeem': ['积分兑换', 'Points redeemed'],
    'repayment.record': ['还款登记', 'Repayment recorded'],
    'ledger.dispute': ['登记争议交易', 'Transaction disputed'],
    'credit_balance.refund': ['溢缴款退还', 'Credit balance refunded'],
    'annual_fee.check': ['年费核查', 'Annual fee checked'],
    'application.submit': ['提交办卡申请', 'Application submitted'],
    'customer.search': ['查找客户', 'Customer search'],
    'customer.view': ['查看客户', 'Customer viewed'],
    'promise.missed': ['承诺逾期', 'Promise missed'],
    'contact.stage': ['推进流程', 'Stage moved'],
    'contact.classify': ['联络分类', 'Classified'],
    'contact.link_customer': ['关联客户', 'Customer linked'],
    'contact.otp_sent': ['发送验证码', 'Code sent'],
    'contact.transfer': ['转接', 'Transferred'],
    'contact.handover_ack': ['确认交接', 'Hand-over taken'],
    'contact.raise': ['升级处理', 'Raised'],
    'contact.close': ['结束联络', 'Closed'],
    'contact.turn_add': ['发送消息', 'Message sent'],
    'contact.verification_locked': ['核身锁定', 'Verification locked'],
    'promise.create': ['登记承诺', 'Promise recorded'],
    'promise.fulfil': ['履行承诺', 'Promise kept'],
    'emergency.report': ['紧急挂失/冻结', 'Emergency report'],
    'card.freeze': ['冻结卡片', 'Card frozen'],
    'case.create': ['受理投诉', 'Complaint opened'],
  },
  productTier: {
    standard: ['普卡', 'Standard'],
    gold: ['金卡', 'Gold'],
    platinum: ['白金卡', 'Platinum'],
    co_brand: ['联名卡', 'Co-branded'],
  },
  installmentKind: {
    bill: ['账单分期', 'Statement'],
    purchase: ['消费分期', 'Purchase'],
    cash: ['现金分期', 'Cash'],
  },
  installmentStatus: {
    active: ['进行中', 'Active'],
    completed: ['已结清', 'Paid off'],
    prepaid: ['已提前还款', 'Prepaid'],
    cancelled: ['已取消', 'Cancelled'],
  },
  channel: CHANNEL,
  outcome: OUTCOME,
  contactStatus: CONTACT_STATUS,
  transactionKind: TRANSACTION_KIND,
  caseEvent: CASE_EVENT,
};

export type LabelKind = keyof typeof LABELS;

export function label(kind: LabelKind, code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const l = LABELS[kind]?.[code];
  return l ? l[locale === 'en' ? 1 : 0] : code;
}
