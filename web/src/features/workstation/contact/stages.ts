import type { ContactOutcome } from '@carddesk/contracts';
import type { Stage } from '../../../api/contacts.ts';

/**
 * What the agent does at each step of the standard flow (work guide §3.1 and §2.4). This is guidance on
 * screen; which steps happened is recorded by the server when the agent moves the stepper.
 */
export const STAGE_TEXT: Record<Stage, { title: [string, string]; checklist: Array<[string, string]> }> = {
  greeting: {
    title: ['开场白', 'Greeting'],
    checklist: [
      ['使用规范问候语并报出工号', 'Greet with the standard words and your agent ID'],
      ['语气亲切、平和', 'Keep a warm, calm tone'],
    ],
  },
  verify: {
    title: ['身份核实', 'Verify'],
    checklist: [
      ['办理业务前先核实身份,仅问必要信息', 'Verify before any operation; ask only what is needed'],
      ['不得索要卡片验证码(CVV2)或密码', 'Never ask for the CVV2 or PIN'],
    ],
  },
  need: {
    title: ['了解需求', 'Understand'],
    checklist: [
      ['耐心倾听,不随意打断', 'Listen without interrupting'],
      ['开放式与封闭式提问结合,确认核心诉求', 'Mix open and closed questions; confirm the core need'],
      ['判断类型:咨询 / 业务办理 / 投诉 / 紧急求助', 'Classify: consultation / transaction / complaint / emergency'],
    ],
  },
  handle: {
    title: ['处理问题', 'Handle'],
    checklist: [
      ['数据以系统计算为准,不随意承诺', 'Quote the computed figures; promise nothing you cannot keep'],
      ['办理前向客户确认操作内容', 'Confirm the operation with the customer before doing it'],
      [
        '不能当场解决的,告知流程与时限并登记跟进',
        'If not solved now: tell the process and time limit, record a follow-up',
      ],
    ],
  },
  confirm: {
    title: ['确认满意', 'Confirm'],
    checklist: [
      ['确认问题是否已解决、客户是否满意', 'Check the problem is solved and the customer satisfied'],
      ['询问是否还有其他需要', 'Ask whether there is anything else'],
    ],
  },
  closing: {
    title: ['结束语', 'Closing'],
    checklist: [['感谢客户来电,使用规范结束语', 'Thank the customer with the standard closing']],
  },
};

export const LEVEL_TEXT: Record<string, [string, string]> = {
  none: ['未核身', 'Not verified'],
  basic: ['基础核身', 'Basic'],
  strong: ['强核身', 'Strong'],
};

export const LEVEL_COLOR: Record<string, string> = { none: 'default', basic: 'gold', strong: 'green' };

export const METHOD_TEXT: Record<string, [string, string]> = {
  caller_number: ['来电号码匹配', 'Caller number'],
  name_id_last6: ['姓名+证件后六位', 'Name + ID last 6'],
  card_last4_factor: ['卡号后四位+辅助信息', 'Card last 4 + factor'],
  otp: ['短信验证码', 'SMS code'],
};

export const OUTCOME_TEXT: Record<ContactOutcome, [string, string]> = {
  resolved_first_contact: ['当场解决', 'Resolved now'],
  follow_up_promised: ['承诺跟进', 'Follow-up promised'],
  transferred: ['已转接', 'Transferred'],
  case_opened: ['已建工单', 'Case opened'],
  abandoned: ['客户中断', 'Abandoned'],
};

/** Names of the customer-data needs the verification level unlocks (codes from the server's table). */
export const NEED_TEXT: Record<string, [string, string]> = {
  'customer.search': ['查找客户', 'Find customer'],
  'card.freeze': ['冻结', 'Freeze'],
  'card.report_lost': ['挂失', 'Report lost'],
  'customer.profile': ['客户资料', 'Profile'],
  'account.read': ['账户', 'Account'],
  'statement.read': ['账单', 'Statements'],
  'transactions.read': ['交易', 'Transactions'],
  'installment.quote': ['分期试算', 'Installment quote'],
  'points.read': ['积分查询', 'Points'],
  'repayment.record': ['还款登记', 'Repayment'],
  'limit.decrease': ['降额', 'Lower limit'],
  'fee.waive': ['费用减免', 'Fee waiver'],
  'application.submit': ['办卡申请', 'Application'],
  'case.read': ['查看工单', 'Read cases'],
  'case.write': ['受理投诉', 'Open cases'],
  'customer.reveal_pii': ['查看完整信息', 'Reveal personal data'],
  'installment.apply': ['办理分期', 'Installment'],
  'installment.prepay': ['提前还款', 'Prepay installment'],
  'card.activate': ['激活', 'Activate'],
  'card.unfreeze': ['解冻', 'Unfreeze'],
  'card.replace': ['补卡', 'Replace card'],
  'card.cancel': ['销卡', 'Cancel card'],
  'limit.temporary': ['临时提额', 'Temporary limit'],
  'limit.permanent': ['永久提额', 'Permanent limit'],
  'points.redeem': ['积分兑换', 'Redeem points'],
  'profile.update': ['资料变更', 'Update profile'],
};

const RANK: Record<string, number> = { none: 0, basic: 1, strong: 2 };
/** Whether `have` reaches `need` (none < basic < strong) — for display; the server decides. */
export function levelReaches(have: string, need: string): boolean {
  return (RANK[have] ?? 0) >= (RANK[need] ?? 2);
}
