import type { ErrorDefinition } from './define.ts';

/** Errors raised by the platform layer: validation, auth, access, idempotency. */
export const platformErrors = {
  VALIDATION_FAILED: { status: 400, zh: '请求参数不正确', en: 'The request is not valid' },
  INVALID_JSON: { status: 400, zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, zh: '请求内容过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  AUTH_DATA_REFUSED: {
    status: 400,
    zh: '不得提交或存储卡片安全码(CVV2)、密码(PIN)、有效期、磁道或短信验证码等认证信息,请从内容中删去后再提交',
    en: 'Authentication data (CVV2, PIN, expiry date, track data, one-time code) must not be submitted or stored; remove it and submit again',
  },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Please sign in' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  FORBIDDEN: { status: 403, zh: '您无权执行此操作', en: 'You are not allowed to do this' },
  CUSTOMER_ACCESS_DENIED: {
    status: 403,
    zh: '无权查看或操作该客户信息:请在与该客户的有效联络中处理',
    en: "No access to this customer's data outside an active contact with them",
  },
  REASON_REQUIRED: { status: 400, zh: '此操作需要填写理由', en: 'A reason is required for this action' },
  ACCESS_REASON_INVALID: {
    status: 400,
    zh: '越权查看客户信息须写明理由:“理由代码: 具体说明”(说明至少8个字)',
    en: 'An access override needs "<reason code>: <what and for whom>" (at least 8 characters of text)',
  },
  NOT_FOUND: { status: 404, zh: '未找到对应的记录', en: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, zh: '接口不存在', en: 'No such endpoint' },
  BAD_URL: { status: 400, zh: '请求地址格式不正确', en: 'The request URL is malformed' },
  CONFLICT: { status: 409, zh: '记录已被修改,请刷新后重试', en: 'The record changed; reload and retry' },
  IDEMPOTENCY_KEY_REUSED: {
    status: 409,
    zh: '幂等键已用于另一个不同的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    zh: '相同的请求正在处理中,请稍后重试',
    en: 'A request with this Idempotency-Key is still being processed',
  },
  RATE_LIMITED: { status: 429, zh: '请求过于频繁,请稍后再试', en: 'Too many requests; try again later' },
  USER_SELF_DISABLE: {
    status: 409,
    zh: '不能停用自己的账号',
    en: 'You cannot disable your own account',
  },
  USERNAME_TAKEN: { status: 409, zh: '用户名已存在', en: 'That username is taken' },
  WEAK_PASSWORD: {
    status: 400,
    zh: '密码至少 10 位,且需包含字母和数字',
    en: 'The password needs at least 10 characters with letters and digits',
  },
  DEPARTMENT_REQUIRED: {
    status: 400,
    zh: '专业部门人员必须指定所属部门',
    en: 'A department handler must belong to a department',
  },
  INTERNAL: { status: 500, zh: '系统繁忙,请稍后再试', en: 'Something went wrong on our side' },
} as const satisfies Record<string, ErrorDefinition>;
