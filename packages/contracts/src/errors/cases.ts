import type { ErrorDefinition } from './define.ts';

/** Errors of complaint and fraud cases (modules/cases). */
export const casesErrors = {
  CASE_NOT_FOUND: { status: 404, zh: '未找到该工单', en: 'No such case' },
  CASE_INVALID_TRANSITION: {
    status: 409,
    zh: '工单当前状态不允许此操作',
    en: 'The case is not in a state that allows this',
  },
  CASE_NOT_RESPONSIBLE: {
    status: 403,
    zh: '您不是该工单的责任人或承办部门人员',
    en: 'You are not responsible for this case',
  },
  CASE_CONFLICT_OF_INTEREST: {
    status: 409,
    zh: '该人员与此投诉存在利害关系,须回避,不能承办',
    en: 'This person has a conflict of interest and may not handle the case',
  },
  CASE_ASSIGNEE_INVALID: {
    status: 400,
    zh: '指定的承办人不存在、已停用或不属于承办部门',
    en: 'The assignee does not exist, is disabled or is not in the handling department',
  },
  CASE_UNKNOWN_DEPARTMENT: { status: 400, zh: '承办部门不存在', en: 'No such department' },
  CASE_UNKNOWN_ROOT_CAUSE: {
    status: 400,
    zh: '根因分类不存在或已停用',
    en: 'The root cause is not in the taxonomy or no longer active',
  },
  CASE_NOT_COMPLEX: {
    status: 409,
    zh: '只有已认定为复杂的投诉才能申请延期',
    en: 'Only a case marked complex can be extended',
  },
  CASE_DEADLINE_PASSED: {
    status: 409,
    zh: '投诉已超过处理时限,不能再认定复杂或延期',
    en: 'The complaint is past its due date; it can no longer be marked complex or extended',
  },
  CASE_EXTENSION_USED: {
    status: 409,
    zh: '该投诉已延期,处理时限最长 60 日',
    en: 'The case was already extended; 60 days is the maximum',
  },
  CASE_EXTENSION_NOT_REQUESTED: {
    status: 409,
    zh: '没有待审批的延期申请',
    en: 'There is no extension request waiting for approval',
  },
  CASE_SELF_APPROVAL: {
    status: 403,
    zh: '延期申请不能由申请人本人审批',
    en: 'An extension cannot be approved by the person who asked for it',
  },
  CASE_RESULT_MISSING: {
    status: 409,
    zh: '尚未记录处理结果',
    en: 'No result has been recorded for the case',
  },
  CASE_FEEDBACK_MISSING: {
    status: 409,
    zh: '结案前须将处理结果告知客户并征询、记录客户评价',
    en: 'The customer must be told the result and asked for feedback before the case closes',
  },
  CASE_ROOT_CAUSE_REQUIRED: {
    status: 409,
    zh: '投诉结案须填写根因分类和整改措施',
    en: 'A complaint needs a root cause and the remediation taken before it closes',
  },
  CASE_REVIEW_WINDOW_CLOSED: {
    status: 409,
    zh: '已超过客户收到处理决定之日起 30 日,不能再申请核查或重新处理',
    en: 'More than 30 days have passed since the customer received the decision: review or reopening is no longer possible',
  },
  CASE_EXTENSION_HEAD_OFFICE_ONLY: {
    status: 403,
    zh: '延期须由总行投诉管理岗审批;高级客服和班组长只能申请',
    en: 'Only the head-office complaint manager approves an extension; senior agents and supervisors may only ask for it',
  },
  CASE_RECEIVED_DATE_INVALID: {
    status: 400,
    zh: '客户收到处理结果的日期不能晚于今天',
    en: 'The day the customer received the result cannot be after today',
  },
  CASE_RECEIVED_BEFORE_NOTIFICATION: {
    status: 400,
    zh: '客户收到处理结果的日期不能早于告知客户的日期,否则会缩短 30 天的复核申请期',
    en: 'The day the customer received the result cannot be before the day they were told; that would shorten the 30-day review window',
  },

  CASE_APPRAISAL_RUNNING: {
    status: 409,
    zh: '该工单已有进行中的外部鉴定',
    en: 'An outside appraisal is already running for this case',
  },
  CASE_NO_APPRAISAL_RUNNING: {
    status: 409,
    zh: '该工单没有进行中的外部鉴定',
    en: 'No outside appraisal is running for this case',
  },
  CASE_PROMISE_INVALID: {
    status: 400,
    zh: '承诺时限须在今天之后且不晚于监管处理时限',
    en: 'The promised date must be after today and no later than the regulatory due date',
  },
  CASE_SETTING_INVALID: { status: 400, zh: '工单设置值不正确', en: 'The case setting value is not valid' },
} as const satisfies Record<string, ErrorDefinition>;
