/**
 * Chinese word segmentation: jieba with a trimmed general dictionary plus a card-domain user dictionary.
 *
 * The full jieba dictionary (349k words) takes ~250 ms to load, which alone would blow the model-load
 * budget. `data/nlu/words.txt` keeps the ~80k words with frequency ≥ 20 (built by `build-dictionary.ts`
 * from the dictionary shipped in @node-rs/jieba, MIT); it loads in ~40 ms and segments customer
 * requests the same way, because rare words are literary or proper nouns customers do not type.
 */
import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';

/** Card-domain words jieba would otherwise split (挂/失, 尾/号) or glue wrongly. Frequencies are high so they win. */
export const DOMAIN_WORDS: readonly string[] = [
  '信用卡',
  '储蓄卡',
  '借记卡',
  '附属卡',
  '副卡',
  '主卡',
  '白金卡',
  '金卡',
  '普卡',
  '联名卡',
  '虚拟卡',
  '实体卡',
  '挂失',
  '补卡',
  '换卡',
  '销卡',
  '销户',
  '注销',
  '开卡',
  '激活',
  '冻结',
  '解冻',
  '锁卡',
  '解锁',
  '止付',
  '盗刷',
  '被盗刷',
  '伪卡',
  '套现',
  '诈骗',
  '可疑交易',
  '异常交易',
  '未授权',
  '账单',
  '账单日',
  '出账',
  '已出账单',
  '未出账单',
  '账单分期',
  '现金分期',
  '消费分期',
  '分期',
  '分期付款',
  '提前还款',
  '提前结清',
  '手续费',
  '费率',
  '年化',
  '年化利率',
  '利息',
  '循环利息',
  '日息',
  '违约金',
  '滞纳金',
  '还款',
  '还款日',
  '最低还款',
  '最低还款额',
  '全额还款',
  '自动还款',
  '约定还款',
  '溢缴款',
  '到账',
  '入账',
  '宽限期',
  '逾期',
  '征信',
  '征信报告',
  '不良记录',
  '催收',
  '外访',
  '额度',
  '信用额度',
  '临时额度',
  '固定额度',
  '可用额度',
  '取现额度',
  '提额',
  '降额',
  '调额',
  '预借现金',
  '取现',
  '年费',
  '免年费',
  '积分',
  '积分兑换',
  '里程',
  '权益',
  '贵宾厅',
  '机场贵宾厅',
  '道路救援',
  '交易密码',
  '查询密码',
  '支付密码',
  '验证码',
  '手机银行',
  '网银',
  '掌上生活',
  '云闪付',
  '微信',
  '支付宝',
  '人工客服',
  '转人工',
  '客服',
  '投诉',
  '营销',
  '推销',
  '骚扰',
  '境外',
  '海外',
  '外币',
  '货币转换',
  '货币转换费',
  '尾号',
  '卡号',
  '有效期',
  '安全码',
  '退款',
  '重复扣款',
  '扣款',
  '扣费',
  '商户',
  '拒付',
  '调单',
  '交易明细',
  '消费记录',
  '申请进度',
  '审批',
  '审核',
  '寄卡',
  '快递',
  '邮寄',
  '收货地址',
  '账单地址',
];

let instance: Jieba | undefined;

/** Path of the trimmed general dictionary shipped with the model. */
export const WORDS_FILE = new URL('../../../data/nlu/words.txt', import.meta.url);

function load(): Jieba {
  const jieba = Jieba.withDict(readFileSync(WORDS_FILE));
  jieba.loadDict(Buffer.from(DOMAIN_WORDS.map((w) => `${w} 100000 n`).join('\n')));
  return jieba;
}

/** The process-wide segmenter, loaded on first use (segmentation is pure; one instance is enough). */
export function segmenter(): Jieba {
  instance ??= load();
  return instance;
}

/** Segment a run of CJK text into words (no HMM: unknown words fall back to characters, which the char n-grams cover). */
export function cutWords(text: string): string[] {
  return segmenter().cut(text, false);
}
