import { DOMAIN_WORDS as CARD_SERVICE_WORDS } from '../../nlu/index.ts';

/**
 * Card-service words jieba's general dictionary splits or glues wrongly, loaded as a user dictionary with a
 * high frequency so these win (挂失 stays one word; 账单分期 is a word whose parts 账单 and 分期 are also
 * indexed in search mode). The shared list is the NLU's, so what customers say and what articles say are cut
 * the same way; below are the words only articles need (process, script and regulation vocabulary).
 */
const ARTICLE_WORDS: readonly string[] = [
  '分期还款',
  '日利率',
  '到期还款日',
  '免息期',
  '报警',
  '报案回执',
  '失卡保障',
  '工号',
  '开场白',
  '结束语',
  '首问负责',
  '转介',
  '个性化分期',
  '银行卡',
];

export const DOMAIN_WORDS: readonly string[] = [...new Set([...CARD_SERVICE_WORDS, ...ARTICLE_WORDS])];
