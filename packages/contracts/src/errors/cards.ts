import type { ErrorDefinition } from './define.ts';

/** Errors of the card servicing engine: products, customers, cards, ledger, billing and card operations. */
export const cardsErrors = {
  PRODUCT_NOT_FOUND: { status: 404, zh: '未找到该卡产品', en: 'No such card product' },
  PRODUCT_CODE_TAKEN: { status: 409, zh: '产品代码已存在', en: 'That product code is taken' },
  PRODUCT_TERMS_INVALID: { status: 400, zh: '产品条款设置不正确', en: 'The product terms are not valid' },
  PRODUCT_VERSION_DATE: {
    status: 409,
    zh: '新版本的生效日期必须晚于当前版本且不早于今天',
    en: 'A new version must take effect after the current one and not in the past',
  },
  CUSTOMER_NOT_FOUND: { status: 404, zh: '未找到该客户', en: 'No such customer' },
  ACCOUNT_NOT_FOUND: { status: 404, zh: '未找到该账户', en: 'No such account' },
  CARD_NOT_FOUND: { status: 404, zh: '未找到该卡片', en: 'No such card' },
  STATEMENT_NOT_FOUND: { status: 404, zh: '未找到该账单', en: 'No such statement' },
  SEARCH_QUERY_INVALID: {
    status: 400,
    zh: '请输入手机号、身份证号、卡号、卡号后四位或客户姓名',
    en: 'Search by mobile number, ID number, card number, last four digits or name',
  },
  CARD_TRANSITION_NOT_ALLOWED: {
    status: 409,
    zh: '卡片当前状态不允许此操作',
    en: 'The card is not in a state that allows this',
  },
  CARD_NOT_USABLE: { status: 409, zh: '卡片不可用(未激活、冻结、挂失或已注销)', en: 'The card cannot be used' },
  CARD_EXPIRED: { status: 409, zh: '卡片已过有效期', en: 'The card has expired' },
  ACCOUNT_CLOSED: { status: 409, zh: '账户已销户', en: 'The account is closed' },
  ACCOUNT_HAS_BALANCE: {
    status: 409,
    zh: '账户仍有欠款、未出账分期或溢缴款,需结清后方可销户',
    en: 'The account can only be closed with nothing owed and no credit balance',
  },
  AMOUNT_INVALID: { status: 400, zh: '金额不正确', en: 'The amount is not valid' },
  DISPUTE_NOT_ELIGIBLE: {
    status: 409,
    zh: '只有消费或取现交易可以作为盗刷争议',
    en: 'Only a purchase or a cash advance can be disputed as fraud',
  },
  DISPUTE_NOT_FOUND: { status: 404, zh: '该交易没有争议记录', en: 'The transaction is not disputed' },
  DISPUTE_ALREADY_DECIDED: {
    status: 409,
    zh: '该争议交易已作出另一种认定,不能改判',
    en: 'The disputed transaction was already decided the other way',
  },
  REPAYMENT_PAYMENT_SYSTEM_ONLY: {
    status: 403,
    zh: '还款只能由支付系统入账,坐席不能登记还款;客户还款未到账请登记“还款未入账”工单',
    en: 'Only the payment system posts repayments; for a payment that has not arrived, open a "repayment not credited" case',
  },
  REPAYMENT_REFERENCE_REQUIRED: {
    status: 400,
    zh: '还款必须带支付系统的转账流水号,未入账',
    en: "A repayment needs the payment system's transfer reference; nothing was posted",
  },
  REPAYMENT_REFERENCE_CONFLICT: {
    status: 409,
    zh: '该转账流水号已入账另一笔金额的还款,未重复入账',
    en: 'This transfer reference was already credited with another amount; nothing was posted',
  },
  INSUFFICIENT_CREDIT: { status: 409, zh: '可用额度不足', en: 'Not enough available credit' },
  CASH_LIMIT_EXCEEDED: {
    status: 409,
    zh: '超过取现额度或每日取现上限',
    en: 'Over the cash-advance limit or the daily cash cap',
  },
  INSTALLMENT_TERM_NOT_ALLOWED: {
    status: 400,
    zh: '该产品不提供此分期期数',
    en: 'This product does not offer that number of periods',
  },
  INSTALLMENT_AMOUNT_OUT_OF_RANGE: {
    status: 400,
    zh: '分期金额不在允许范围内',
    en: 'The installment amount is outside the allowed range',
  },
  INSTALLMENT_NOT_ELIGIBLE: {
    status: 409,
    zh: '该交易或账单不符合分期条件',
    en: 'This transaction or statement cannot be split into installments',
  },
  INSTALLMENT_QUOTE_EXPIRED: {
    status: 409,
    zh: '分期报价已过期,请重新试算',
    en: 'The installment quote has expired; request a new one',
  },
  INSTALLMENT_QUOTE_USED: { status: 409, zh: '该分期报价已办理', en: 'This quote was already accepted' },
  INSTALLMENT_NOT_FOUND: { status: 404, zh: '未找到该分期计划', en: 'No such installment plan' },
  INSTALLMENT_NOT_ACTIVE: {
    status: 409,
    zh: '该分期计划已结清或已提前还款',
    en: 'The installment plan is already paid off',
  },
  LIMIT_INCREASE_TOO_EARLY: {
    status: 409,
    zh: '距开卡或上次调额时间不足,暂不符合永久提额条件',
    en: 'Too soon after activation or the last increase for a permanent increase',
  },
  LIMIT_INCREASE_NOT_ELIGIBLE: {
    status: 409,
    zh: '近期还款记录或额度使用情况不符合提额条件',
    en: 'Recent payment history or utilisation does not allow an increase',
  },
  LIMIT_OUT_OF_RANGE: {
    status: 400,
    zh: '申请额度超出产品允许范围',
    en: 'The requested limit is outside the product range',
  },
  LIMIT_WINDOW_INVALID: {
    status: 400,
    zh: '临时额度有效期不正确',
    en: 'The temporary limit validity window is not valid',
  },
  LIMIT_CHANGE_NOT_PENDING: {
    status: 409,
    zh: '该调额申请不在待审批状态',
    en: 'This limit change is not awaiting approval',
  },
  LIMIT_SELF_APPROVAL: {
    status: 403,
    zh: '不能审批自己提交的调额申请',
    en: 'You cannot approve your own request',
  },
  POINTS_INSUFFICIENT: { status: 409, zh: '积分不足', en: 'Not enough points' },
  REWARD_NOT_FOUND: { status: 404, zh: '未找到该兑换商品', en: 'No such reward' },
  APPLICATION_NOT_FOUND: { status: 404, zh: '未找到该办卡申请', en: 'No such card application' },
  APPLICATION_SELF_APPROVAL: {
    status: 403,
    zh: '不能审批自己受理的办卡申请',
    en: 'You cannot decide an application you took yourself',
  },
  APPLICATION_DUPLICATE: {
    status: 409,
    zh: '该申请人已有处理中的同产品申请',
    en: 'This applicant already has an application for this product in progress',
  },
  APPLICATION_STATE: {
    status: 409,
    zh: '申请当前状态不允许此操作',
    en: 'The application is not in a state that allows this',
  },
  ID_NUMBER_INVALID: { status: 400, zh: '身份证号码不正确', en: 'The ID number is not valid' },
  PHONE_INVALID: { status: 400, zh: '手机号码不正确', en: 'The mobile number is not valid' },
  PRODUCT_PRICE_RISE_TOO_SOON: {
    status: 409,
    zh: '提高利率或费用的新版本须在登记之日起至少45天后生效',
    en: 'A version that raises a rate or fee can take effect no earlier than 45 days after it is recorded',
  },
  STATEMENT_DAY_NOT_OFFERED: {
    status: 400,
    zh: '该产品不提供此账单日',
    en: 'This product does not offer that statement day',
  },
  PRODUCT_GRACE_DAYS_TOO_SHORT: {
    status: 400,
    zh: '还款宽限期(容时)不得少于3天',
    en: 'Grace days (容时) must be at least 3',
  },
  PRODUCT_TOLERANCE_TOO_LOW: {
    status: 400,
    zh: '还款容差不得低于人民币10元',
    en: 'The repayment tolerance (容差) must be at least RMB 10',
  },
  PRODUCT_CASH_INSTALLMENT_CAP: {
    status: 400,
    zh: '现金分期上限不得高于5万元、24期',
    en: 'Cash installments are capped at RMB 50,000 and 24 periods; a product may only lower the caps',
  },
  PRODUCT_CASH_DAILY_CAP: {
    status: 400,
    zh: '每日取现上限不得高于1万元',
    en: 'The daily cash cap is at most RMB 10,000 per card; a product may only lower it',
  },
  INSTALLMENT_QUOTE_HASH_MISMATCH: {
    status: 409,
    zh: '确认的报价与系统记录不一致,请重新试算并向客户告知',
    en: 'The quote agreed to is not the one on record; quote again and tell the customer',
  },
  INSTALLMENT_CONSENT_REQUIRED: {
    status: 400,
    zh: '需记录客户对报价的明确同意',
    en: 'The customer’s explicit yes to the quote must be recorded',
  },
  PAYOUT_ACCOUNT_NOT_OWN: {
    status: 409,
    zh: '只能转入持卡人本人名下的非信用卡结算账户',
    en: 'Money can only be paid to the holder’s own settlement account (not a credit card)',
  },
  NO_CREDIT_BALANCE: { status: 409, zh: '账户没有溢缴款', en: 'The account has no credit balance' },
  ANNUAL_FEE_NOT_FOUND: { status: 404, zh: '未找到该笔年费', en: 'No such annual-fee charge' },
  ANNUAL_FEE_ALREADY_ADJUSTED: {
    status: 409,
    zh: '该笔年费已减免或退还',
    en: 'This annual fee was already waived or refunded',
  },
  FEE_ADJUSTMENT_NOT_PENDING: {
    status: 409,
    zh: '该年费减免申请不在待审批状态',
    en: 'This annual-fee adjustment is not awaiting approval',
  },
  FEE_ADJUSTMENT_SELF_APPROVAL: {
    status: 403,
    zh: '不能审批自己提交的年费减免申请',
    en: 'You cannot approve your own annual-fee adjustment',
  },
  APPLICANT_UNDERAGE: {
    status: 409,
    zh: '未满十八周岁不能申请主卡',
    en: 'Applicants for a primary card must be at least 18',
  },
} as const satisfies Record<string, ErrorDefinition>;
