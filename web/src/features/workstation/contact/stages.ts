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

export const OUTCOME_TEXT: Record<string, [string, string]> = {
  resolved_first_contact: ['当场解决', 'Resolved now'],
  follow_up_promised: ['承诺跟进', 'Follow-up promised'],
  transferred: ['已转接', 'Transferred'],
  case_opened: ['已建工单', 'Case opened'],
  abandoned: ['客户中断', 'Abandoned'],
};
