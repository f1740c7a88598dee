import type { ErrorDefinition } from './define.ts';

/** Errors of the contacts module (standard flow, verification, hand-over, promises) and customer chat. */
export const contactsErrors = {
  CONTACT_NOT_FOUND: { status: 404, zh: '联络记录不存在', en: 'No such contact' },
  CONTACT_CLOSED: { status: 409, zh: '该联络已结束,不能再修改', en: 'This contact is already closed' },
  CONTACT_NOT_HANDLED_BY_YOU: {
    status: 403,
    zh: '该联络不由您处理',
    en: 'You are not handling this contact',
  },
  CONTACT_NOT_WAITING: {
    status: 409,
    zh: '该联络已不在等待队列中(可能已被其他坐席接起)',
    en: 'This contact is no longer waiting (someone may have taken it)',
  },
  INVALID_STAGE_TRANSITION: {
    status: 409,
    zh: '服务流程不能从当前环节跳转到该环节',
    en: 'The service flow cannot move from the current stage to that stage',
  },
  CONTACT_UNCLASSIFIED: {
    status: 422,
    zh: '联络尚未分类:结束前请至少选择一个诉求',
    en: 'The contact is not classified: choose at least one intent before closing it',
  },
  CONTACT_PROMISE_REQUIRED: {
    status: 422,
    zh: '处理结果为“承诺回复”时,须先在本次联络中登记承诺事项',
    en: 'A "follow-up promised" outcome needs a promise recorded on this contact',
  },
  CONFIRMATION_SKIPPED: {
    status: 422,
    zh: '尚未确认客户是否满意:请先确认,或填写未确认的原因',
    en: 'Satisfaction was not confirmed: confirm it first or give a reason for skipping it',
  },
  CUSTOMER_NOT_IDENTIFIED: {
    status: 409,
    zh: '请先识别客户,再进行身份核实',
    en: 'Identify the customer on this contact first',
  },
  CONTACT_CUSTOMER_NOT_FOUND: { status: 404, zh: '客户不存在', en: 'No such customer' },
  CONTACT_CUSTOMER_MISMATCH: {
    status: 409,
    zh: '该联络关联的不是此客户,不能在其中记录此客户的业务',
    en: 'This contact is not linked to this customer',
  },
  AGENT_NOT_READY: {
    status: 409,
    zh: '您当前不是示闲状态,请先示闲再接入下一位',
    en: 'You are not ready; set yourself ready to take the next customer',
  },
  CHAT_LIMIT_REACHED: {
    status: 409,
    zh: '您同时处理的会话已达上限,请先结束一个会话',
    en: 'You are at your limit of concurrent chats; end one first',
  },
  CANNED_REPLY_NOT_FOUND: { status: 404, zh: '常用语不存在', en: 'No such canned reply' },
  SURVEY_NOT_AVAILABLE: {
    status: 409,
    zh: '满意度调查仅适用于已识别客户的电话联络',
    en: 'A satisfaction survey is for phone contacts with an identified caller',
  },
  SURVEY_CLOSED: { status: 410, zh: '该调查已完成或已过期', en: 'This survey was answered or has expired' },
  SURVEY_ALREADY_ANSWERED: {
    status: 409,
    zh: '客户已对本次联络作出评价,不能再次发送调查',
    en: 'The customer has already answered this contact’s survey; it is not sent again',
  },
  QUEUE_EMPTY: { status: 409, zh: '队列中没有等待的联络', en: 'Nobody is waiting in this queue' },
  EMERGENCY_WAITING: {
    status: 409,
    zh: '队列中有紧急求助客户在等待,请先接起紧急联络',
    en: 'An emergency contact is waiting in this queue: take it first',
  },
  VERIFICATION_REQUIRED: {
    status: 403,
    zh: '客户身份核实等级不足,请先完成更高等级的身份核实',
    en: 'The customer must be verified to a higher level for this',
  },
  VERIFICATION_LOCKED: {
    status: 423,
    zh: '身份核实失败次数过多,已暂时锁定',
    en: 'Too many failed verification attempts: verification is locked for a while',
  },
  VERIFICATION_METHOD_UNAVAILABLE: {
    status: 409,
    zh: '该核实方式在此联络中不可用',
    en: 'This verification method is not available on this contact',
  },
  OTP_KEYPAD_ONLY: {
    status: 409,
    zh: '动态验证码须由客户在话机键盘上输入,坐席不得索要或代为录入',
    en: 'The customer keys the one-time code in on the phone keypad; an agent never takes it',
  },
  OTP_NOT_SENT: {
    status: 409,
    zh: '请先发送动态验证码',
    en: 'Send a one-time code first',
  },
  OTP_INVALID: { status: 401, zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  OTP_TOO_SOON: {
    status: 429,
    zh: '验证码发送过于频繁,请稍后再试',
    en: 'A code was sent a moment ago; wait before asking again',
  },
  OTP_SENDER_UNAVAILABLE: {
    status: 503,
    zh: '短信通道暂不可用',
    en: 'The SMS channel is not available',
  },
  DEPARTMENT_NOT_FOUND: { status: 404, zh: '部门不存在', en: 'No such department' },
  QUEUE_NOT_FOUND: { status: 404, zh: '队列不存在', en: 'No such queue' },
  TRANSFER_TARGET_INVALID: {
    status: 400,
    zh: '转接对象无效',
    en: 'The transfer target is not valid',
  },
  HANDOVER_PENDING: {
    status: 409,
    zh: '该联络有待确认的转接交接单,请先查看并确认交接',
    en: 'This contact has a hand-over waiting to be acknowledged',
  },
  NO_PENDING_HANDOVER: { status: 409, zh: '没有待确认的转接交接单', en: 'There is no pending hand-over' },
  HANDOVER_NOT_FOR_YOU: {
    status: 403,
    zh: '该转接不是转给您或您所在的部门/队列',
    en: 'This hand-over is not addressed to you, your department or your queue',
  },
  PROMISE_NOT_FOUND: { status: 404, zh: '承诺事项不存在', en: 'No such promise' },
  PROMISE_NOT_OPEN: { status: 409, zh: '该承诺事项已办结', en: 'This promise is no longer open' },
  PROMISE_DEADLINE_INVALID: {
    status: 400,
    zh: '承诺时限必须晚于当前时间',
    en: 'The promised deadline must be in the future',
  },
  ALERT_NOT_FOUND: { status: 404, zh: '提醒不存在', en: 'No such alert' },
  STATS_RANGE_INVALID: {
    status: 400,
    zh: '统计区间无效(起始日期须不晚于结束日期,且不超过 366 天)',
    en: 'Invalid range: from must not be after to, and at most 366 days',
  },
  CHAT_SESSION_INVALID: {
    status: 401,
    zh: '会话已失效,请重新验证手机号',
    en: 'The chat session is not valid; verify your phone number again',
  },
  CHAT_ENDED: { status: 409, zh: '会话已结束', en: 'This chat has ended' },
  BOT_NOT_SERVING: {
    status: 409,
    zh: '智能助手已不再服务该会话(已转人工或已结束)',
    en: 'The chat assistant no longer serves this chat (handed over or ended)',
  },
  SUGGESTIONS_UNAVAILABLE: {
    status: 503,
    zh: '意图识别服务暂不可用',
    en: 'Intent suggestions are not available',
  },
} as const satisfies Record<string, ErrorDefinition>;
