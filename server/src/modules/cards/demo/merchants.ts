/** Merchants by category with ISO 18245 MCCs and a typical ticket size (yuan), for realistic spending. */
export interface Merchant {
  name: string;
  category: string;
  mcc: string;
  medianYuan: number;
  channel: 'pos' | 'online';
}

export const MERCHANTS: ReadonlyArray<readonly [Merchant, number]> = [
  [{ name: '美团外卖', category: 'dining', mcc: '5814', medianYuan: 45, channel: 'online' }, 14],
  [{ name: '星巴克', category: 'dining', mcc: '5814', medianYuan: 38, channel: 'pos' }, 8],
  [{ name: '海底捞火锅', category: 'dining', mcc: '5812', medianYuan: 320, channel: 'pos' }, 4],
  [{ name: '肯德基', category: 'dining', mcc: '5814', medianYuan: 52, channel: 'pos' }, 6],
  [{ name: '瑞幸咖啡', category: 'dining', mcc: '5814', medianYuan: 22, channel: 'online' }, 6],
  [{ name: '永辉超市', category: 'supermarket', mcc: '5411', medianYuan: 160, channel: 'pos' }, 8],
  [{ name: '盒马鲜生', category: 'supermarket', mcc: '5411', medianYuan: 190, channel: 'online' }, 6],
  [{ name: '沃尔玛', category: 'supermarket', mcc: '5411', medianYuan: 230, channel: 'pos' }, 4],
  [{ name: '淘宝(支付宝)', category: 'online_retail', mcc: '5399', medianYuan: 130, channel: 'online' }, 12],
  [{ name: '京东商城', category: 'online_retail', mcc: '5399', medianYuan: 260, channel: 'online' }, 9],
  [{ name: '拼多多', category: 'online_retail', mcc: '5399', medianYuan: 60, channel: 'online' }, 6],
  [{ name: '中国石化加油站', category: 'fuel', mcc: '5541', medianYuan: 300, channel: 'pos' }, 5],
  [{ name: '滴滴出行', category: 'transport', mcc: '4121', medianYuan: 35, channel: 'online' }, 6],
  [{ name: '12306铁路客户服务中心', category: 'travel', mcc: '4112', medianYuan: 420, channel: 'online' }, 2],
  [{ name: '中国东方航空', category: 'travel', mcc: '3000', medianYuan: 1300, channel: 'online' }, 1],
  [{ name: '携程旅行', category: 'travel', mcc: '4722', medianYuan: 900, channel: 'online' }, 1],
  [{ name: '华住酒店', category: 'hotel', mcc: '7011', medianYuan: 480, channel: 'pos' }, 1],
  [{ name: '万达影城', category: 'entertainment', mcc: '7832', medianYuan: 90, channel: 'pos' }, 2],
  [{ name: '国家电网电费', category: 'utilities', mcc: '4900', medianYuan: 210, channel: 'online' }, 2],
  [{ name: '苏宁易购', category: 'electronics', mcc: '5732', medianYuan: 1800, channel: 'online' }, 1],
  [{ name: '银泰百货', category: 'department_store', mcc: '5311', medianYuan: 650, channel: 'pos' }, 2],
  [{ name: '屈臣氏', category: 'personal_care', mcc: '5912', medianYuan: 120, channel: 'pos' }, 2],
  [{ name: '老百姓大药房', category: 'pharmacy', mcc: '5912', medianYuan: 85, channel: 'pos' }, 1],
  [{ name: '红十字会捐赠', category: 'charity', mcc: '8398', medianYuan: 100, channel: 'online' }, 0.2],
];

export const BIG_TICKET: readonly Merchant[] = [
  { name: 'Apple Store', category: 'electronics', mcc: '5732', medianYuan: 8999, channel: 'pos' },
  { name: '苏宁易购(家电)', category: 'electronics', mcc: '5722', medianYuan: 6500, channel: 'online' },
  { name: '宜家家居', category: 'furniture', mcc: '5712', medianYuan: 5200, channel: 'pos' },
];

/** Transactions a fraud rule would flag: overseas card-not-present at night, just-under-limit amounts. */
export const SUSPICIOUS: readonly Merchant[] = [
  { name: 'AMZN Mktp US*2K4', category: 'online_retail', mcc: '5942', medianYuan: 6888, channel: 'online' },
  { name: 'PAYPAL *GAMESTORE', category: 'digital_goods', mcc: '5816', medianYuan: 2999, channel: 'online' },
  { name: 'STEAM PURCHASE SEATTLE', category: 'digital_goods', mcc: '5816', medianYuan: 1588, channel: 'online' },
];
