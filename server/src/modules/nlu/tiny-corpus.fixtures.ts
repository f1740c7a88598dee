/** A four-intent corpus small enough to train in milliseconds, for tests of training and evaluation. */
import type { LabelledText } from './csv.ts';

const rows = (label: string, texts: string[]): LabelledText[] => texts.map((text) => ({ text, label }));

export const TINY_TRAIN: LabelledText[] = [
  ...rows('card_loss_report', [
    '我的卡丢了',
    '信用卡丢了怎么办',
    '卡被偷了帮我挂失',
    '钱包丢了卡也丢了',
    '我要挂失',
    '卡不见了快挂失',
    '卡被人偷走了',
    '挂失信用卡',
  ]),
  ...rows('statement_query', [
    '这个月账单多少',
    '查一下本期账单',
    '我的账单出了吗',
    '本月要还多少钱',
    '账单金额是多少',
    '帮我查账单',
    '账单明细',
    '我这期账单多少钱',
  ]),
  ...rows('points_rewards', [
    '我有多少积分',
    '积分怎么兑换',
    '积分能换什么',
    '积分什么时候过期',
    '查一下积分',
    '积分兑换礼品',
    '我的积分',
    '积分怎么用',
  ]),
  ...rows('greeting', ['你好', '您好', '谢谢', '再见', '早上好', '谢谢你', '拜拜', '好的谢谢']),
];

export const TINY_DEV: LabelledText[] = [
  ...rows('card_loss_report', ['卡丢了', '我卡被偷了']),
  ...rows('statement_query', ['账单多少钱', '本期账单']),
  ...rows('points_rewards', ['积分多少', '积分兑换']),
  ...rows('greeting', ['你好呀', '谢谢啦']),
];

/** Chatter the tiny model must learn to refuse. */
export const TINY_OOS_TRAIN: LabelledText[] = rows('out_of_scope', [
  '今天天气怎么样',
  '给我讲个笑话',
  '附近有什么好吃的',
  '明天会下雨吗',
  '推荐一部电影',
  '股票今天涨了吗',
  '你几岁了',
  '帮我订机票',
]);

export const TINY_OOS_DEV: LabelledText[] = rows('out_of_scope', ['天气好吗', '讲个故事']);
