/** Display names of customer flags (VIP, vulnerable, fraud watch, …). */
export const FLAG_TEXT: Record<string, [string, string]> = {
  vip: ['VIP 客户', 'VIP'],
  vulnerable: ['特殊关怀', 'Vulnerable'],
  fraud_watch: ['风险关注', 'Fraud watch'],
  complaint_risk: ['投诉风险', 'Complaint risk'],
  overdue: ['逾期', 'Overdue'],
  elderly: ['老年客户', 'Elderly'],
  do_not_market: ['拒绝营销', 'No marketing'],
};

export const CARD_STATUS: Record<string, [string, string, string]> = {
  active: ['正常', 'Active', 'green'],
  inactive: ['未激活', 'Not activated', 'default'],
  frozen: ['已冻结', 'Frozen', 'blue'],
  lost: ['已挂失', 'Reported lost', 'red'],
  stolen: ['被盗挂失', 'Reported stolen', 'red'],
  blocked: ['已止付', 'Blocked', 'red'],
  replaced: ['已换卡', 'Replaced', 'default'],
  cancelled: ['已销卡', 'Cancelled', 'default'],
  closed: ['已关闭', 'Closed', 'default'],
  expired: ['已过期', 'Expired', 'default'],
};
