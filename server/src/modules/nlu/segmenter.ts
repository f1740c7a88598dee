/**
 * Chinese word segmentation: jieba's algorithm (the most probable path through the DAG of dictionary
 * words, no HMM) over a trimmed general dictionary plus a card-domain user dictionary.
 *
 * The full jieba dictionary (349k words) takes ~250 ms to load, which alone would blow the model-load
 * budget. `data/nlu/words.txt` keeps the ~80k words with frequency ≥ 20 (built by `scripts/nlu-build-dictionary.ts`
 * from the dictionary shipped in @node-rs/jieba, MIT), because rare words are literary or proper nouns
 * customers do not type. The dictionary is a character trie in typed arrays and segmentation works on
 * character codes, so the classifier's hot path makes no call into native code and builds no strings.
 */
import { readFileSync } from 'node:fs';
import { serverFile } from '../../paths.ts';
import { PairTable } from './pair-table.ts';

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

/** Path of the trimmed general dictionary shipped with the model. */
export const WORDS_FILE = serverFile('data/nlu/words.txt');

/** Frequency of the card-domain words: high, so they win over the general dictionary's splits. */
const DOMAIN_FREQUENCY = 100_000;

/**
 * A character trie: node 0 is the root; children are found through one open-addressing table keyed by
 * (node, character code); `logFreq` is the log frequency of the word ending at a node (NaN: none).
 */
export class Dictionary {
  private readonly rootChild = new Int32Array(0x10000).fill(-1);
  /** Child of each (node, character code) edge below the root. */
  private readonly edges = new PairTable(1 << 18);
  private logFreq: Float64Array;
  private nodes = 1;
  private logTotal = 0;
  /** Scratch for the best path, grown to the longest run seen. */
  private best = new Float64Array(64);
  private next = new Int32Array(64);

  /**
   * From a jieba dictionary text ("word freq [tag]" per line), then extra words whose frequency replaces
   * the dictionary's. Parsed on character codes without splitting lines: this is most of model load.
   */
  constructor(dictionary: string, extra: readonly string[], extraFrequency: number) {
    this.logFreq = new Float64Array(1 << 18).fill(Number.NaN);
    let freq = new Float64Array(this.logFreq.length);
    const setFreq = (node: number, f: number) => {
      if (node >= freq.length) {
        const grown = new Float64Array(this.logFreq.length);
        grown.set(freq);
        freq = grown;
      }
      freq[node] = f;
    };
    const len = dictionary.length;
    let at = 0;
    while (at < len) {
      let node = 0;
      let c = dictionary.charCodeAt(at);
      while (at < len && c !== 32 && c !== 10) {
        node = this.childOrAdd(node, c);
        c = dictionary.charCodeAt(++at);
      }
      let f = 0;
      if (c === 32) {
        c = dictionary.charCodeAt(++at);
        while (c >= 48 && c <= 57) {
          f = f * 10 + (c - 48);
          c = dictionary.charCodeAt(++at);
        }
      }
      if (node !== 0 && f > 0) setFreq(node, f);
      while (at < len && dictionary.charCodeAt(at) !== 10) at++;
      at++;
    }
    for (const word of extra) {
      let node = 0;
      for (let i = 0; i < word.length; i++) node = this.childOrAdd(node, word.charCodeAt(i));
      if (node !== 0) setFreq(node, extraFrequency);
    }
    let total = 0;
    for (let node = 1; node < this.nodes; node++) {
      const f = freq[node] as number;
      if (f > 0) {
        total += f;
        this.logFreq[node] = Math.log(f);
      }
    }
    this.logTotal = Math.log(total);
  }

  private child(node: number, code: number): number {
    return node === 0 ? (this.rootChild[code] as number) : this.edges.get(node, code);
  }

  private childOrAdd(node: number, code: number): number {
    const found = this.child(node, code);
    if (found >= 0) return found;
    const id = this.nodes++;
    if (id >= this.logFreq.length) {
      const grown = new Float64Array(this.logFreq.length * 2).fill(Number.NaN);
      grown.set(this.logFreq);
      this.logFreq = grown;
    }
    if (node === 0) {
      this.rootChild[code] = id;
      return id;
    }
    this.edges.add(node, code, id);
    return id;
  }

  /**
   * Segment text[from, to) (a run of Chinese characters): writes the end offset of each word, in order,
   * into `ends` and returns how many. As jieba without HMM: from the end backwards, each position takes
   * the dictionary word starting there that maximises log P(word) + best(rest), an unknown character
   * counting as frequency 1, ties to the longer word.
   */
  segment(text: string, from: number, to: number, ends: Int32Array): number {
    const len = to - from;
    if (this.best.length < len + 1) {
      this.best = new Float64Array(len + 1);
      this.next = new Int32Array(len + 1);
    }
    const best = this.best;
    const next = this.next;
    const logTotal = this.logTotal;
    best[len] = 0;
    for (let s = len - 1; s >= 0; s--) {
      let bestValue = Number.NEGATIVE_INFINITY;
      let bestEnd = -1;
      let node = 0;
      for (let e = s; e < len; e++) {
        node = this.child(node, text.charCodeAt(from + e));
        if (node < 0) break;
        const lf = this.logFreq[node] as number;
        if (Number.isNaN(lf)) continue; // a prefix, not a word
        const value = lf - logTotal + (best[e + 1] as number);
        if (value >= bestValue) {
          bestValue = value;
          bestEnd = e + 1;
        }
      }
      if (bestEnd < 0) {
        bestValue = -logTotal + (best[s + 1] as number);
        bestEnd = s + 1;
      }
      best[s] = bestValue;
      next[s] = bestEnd;
    }
    let n = 0;
    for (let s = 0; s < len; s = next[s] as number) ends[n++] = from + (next[s] as number);
    return n;
  }
}

function load(): Dictionary {
  return new Dictionary(readFileSync(WORDS_FILE, 'utf8'), DOMAIN_WORDS, DOMAIN_FREQUENCY);
}

let instance: Dictionary | undefined;

/** The process-wide dictionary, loaded on first use (segmentation is pure; one instance is enough). */
export function segmenter(): Dictionary {
  instance ??= load();
  return instance;
}

let cutEnds = new Int32Array(64);

/** Segment a run of Chinese text into words (unknown characters stand alone; the char n-grams cover them). */
export function cutWords(text: string): string[] {
  if (cutEnds.length < text.length) cutEnds = new Int32Array(text.length);
  const n = segmenter().segment(text, 0, text.length, cutEnds);
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < n; i++) {
    out.push(text.slice(start, cutEnds[i]));
    start = cutEnds[i] as number;
  }
  return out;
}
