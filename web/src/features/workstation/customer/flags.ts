/** Display names of customer flags and card states. */
export const FLAG_TEXT = {
  vip: ['VIP 客户', 'VIP'],
  vulnerable: ['特殊关怀客户', 'Vulnerable customer'],
} as const satisfies Record<string, readonly [string, string]>;

export const CARD_STATUS: Record<string, [string, string, string]> = {
  pending_activation: ['待激活', 'Not activated', 'default'],
  active: ['正常', 'Active', 'green'],
  frozen: ['已冻结', 'Frozen', 'blue'],
  lost: ['已挂失', 'Reported lost', 'red'],
  stolen: ['被盗挂失', 'Reported stolen', 'red'],
  replaced: ['已换卡', 'Replaced', 'default'],
  closed: ['已销卡', 'Closed', 'default'],
};
