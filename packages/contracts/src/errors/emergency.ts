import type { ErrorDefinition } from './define.ts';

/** Errors of the emergency lane (modules/emergency): lost, stolen, fraud. */
export const emergencyErrors = {
  EMERGENCY_CARD_NOT_OF_CUSTOMER: {
    status: 400,
    zh: '该卡片不属于此客户',
    en: 'The card does not belong to this customer',
  },
  EMERGENCY_REPORT_NOT_FOUND: { status: 404, zh: '未找到该紧急挂失记录', en: 'No such emergency report' },
  EMERGENCY_NOTHING_MARKED: {
    status: 400,
    zh: '请至少选择一笔非本人交易',
    en: 'Mark at least one transaction the customer did not make',
  },
  EMERGENCY_TRANSACTION_NOT_ELIGIBLE: {
    status: 400,
    zh: '所选交易不属于该客户的近期交易',
    en: "A marked transaction is not among the customer's recent transactions",
  },
  EMERGENCY_ALREADY_DISPUTED: {
    status: 409,
    zh: '所选交易已在其他欺诈工单中处理',
    en: 'A marked transaction is already part of another fraud case',
  },
  EMERGENCY_SETTING_INVALID: {
    status: 400,
    zh: '紧急业务设置值不正确',
    en: 'The emergency setting value is not valid',
  },
} as const satisfies Record<string, ErrorDefinition>;
