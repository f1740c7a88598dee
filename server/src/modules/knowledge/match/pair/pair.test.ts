import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SynonymTable } from '../../search/query.ts';
import { learnCalibration } from '../calibrate.ts';
import { buildTask, type LabelledPair, splitPairs, taskSentences } from './data.ts';
import { dot32, Encoder, encoderFeatures, hashOf, trainEncoder } from './encoder.ts';
import {
  analyse,
  associationKey,
  commonLengths,
  editDistance,
  type IdfTable,
  PAIR_FEATURES,
  pairFeatures,
} from './features.ts';
import { Perceptron } from './model.ts';
import {
  calibrationInputs,
  hybridTop,
  PairMatcher,
  PairModel,
  type PairModelFile,
  Retrieval,
  shippedPairModel,
} from './pair-matcher.ts';
import { fitLogistic, learnAssociations } from './train.ts';

const TABLE: IdfTable = {
  idf: new Map([
    ['w:信用卡', 1],
    ['c:信', 1],
  ]),
  unseen: 3,
  meanWords: 4,
};
const SYNONYMS = new SynonymTable([{ phrase: '卡丢了', canonical: '挂失' }]);
const feature = (a: string, b: string, name: (typeof PAIR_FEATURES)[number], synonyms = SYNONYMS) =>
  pairFeatures(analyse(a, synonyms, TABLE), analyse(b, synonyms, TABLE), TABLE, 0)[
    PAIR_FEATURES.indexOf(name)
  ] as number;

describe('pair scorer features', () => {
  it('edit distance and common runs count characters', () => {
    assert.equal(editDistance('信用卡还款', '信用卡怎么还款'), 2);
    assert.equal(editDistance('', '还款'), 2);
    assert.deepEqual(commonLengths('信用卡怎么还款', '怎么还信用卡'), { run: 3, subsequence: 3 });
    assert.deepEqual(commonLengths('信用卡怎么还款', '信用卡如何还款'), { run: 3, subsequence: 5 });
  });

  it('are symmetric and give identical questions full overlap', () => {
    const a = analyse('信用卡怎么还款', SYNONYMS, TABLE);
    const b = analyse('信用卡还款要多久到账', SYNONYMS, TABLE);
    assert.deepEqual(pairFeatures(a, b, TABLE, 0.3), pairFeatures(b, a, TABLE, 0.3));
    const same = pairFeatures(a, a, TABLE, 1);
    for (const f of ['charCosine', 'bigramCosine', 'wordJaccard', 'editSimilarity', 'lengthRatio'] as const) {
      assert.ok(Math.abs((same[PAIR_FEATURES.indexOf(f)] as number) - 1) < 1e-9, f);
    }
  });

  it('see a synonym only after normalisation (卡丢了 = 挂失)', () => {
    assert.equal(feature('卡丢了怎么办', '挂失怎么办', 'wordJaccard') < 1, true);
    assert.ok(
      feature('卡丢了怎么办', '挂失怎么办', 'synonymWordJaccard') >
        feature('卡丢了怎么办', '挂失怎么办', 'wordJaccard'),
    );
  });

  it('flag numbers, negations, question kinds, actions and other products that differ', () => {
    assert.equal(feature('分3期手续费多少', '分6期手续费多少', 'numberMismatch'), 1);
    assert.equal(feature('分3期手续费多少', '分3期手续费多少', 'numberMismatch'), 0);
    assert.equal(feature('信用卡能用', '信用卡不能用', 'negationMismatch'), 1);
    assert.equal(feature('为什么信用卡还款失败', '信用卡怎么还款', 'questionTypeDiffers'), 1);
    assert.equal(feature('信用卡怎么还款', '如何给信用卡还款', 'questionTypeSame'), 1);
    assert.equal(feature('开通信用卡', '关闭信用卡', 'actionDiffers'), 1);
    assert.equal(feature('借呗怎么还款', '信用卡怎么还款', 'productDiffers'), 1);
    assert.equal(feature('信用卡怎么还款', '信用卡如何还款', 'productDiffers'), 0);
  });

  it('tie words a learnt association links (提现 / 取出), learnt from paraphrase pairs only', () => {
    const pairs: LabelledPair[] = [
      ...['退款', '余额', '工资', '奖金'].flatMap((w) => [
        { a: `${w}怎么提现`, b: `${w}怎么取出`, label: 1 as const, source: 'atec-train' },
        { a: `${w}怎么提现`, b: `${w}怎么冻结`, label: 0 as const, source: 'atec-train' },
      ]),
      { a: '年费多少', b: '年费是多少钱', label: 1, source: 'atec-train' },
    ];
    const associations = learnAssociations(pairs, new SynonymTable([]));
    assert.ok((associations.get(associationKey('提现', '取出')) ?? 0) > 0.5);
    assert.equal(associations.has(associationKey('提现', '冻结')), false, 'a different-meaning pair teaches nothing');
    const table = { ...TABLE, associations };
    const none = new SynonymTable([]);
    const x = (a: string, b: string) =>
      pairFeatures(analyse(a, none, table), analyse(b, none, table), table, 0)[
        PAIR_FEATURES.indexOf('learntSynonyms')
      ] as number;
    assert.ok(x('红包怎么提现', '红包怎么取出') > 0);
    assert.equal(x('红包怎么提现', '红包怎么冻结'), 0);
  });
});

describe('pair scorer model and calibration', () => {
  // Lists whose right candidate is marked by the first feature: the scorer must learn to put it first.
  const lists = Array.from({ length: 60 }, (_, n) => {
    const xs = Array.from({ length: 5 }, (_, c) =>
      Float64Array.from([c === n % 5 ? 1 : 0, ((n * 7 + c * 3) % 10) / 10]),
    );
    return { xs, right: [n % 5] };
  });

  it('learns listwise to rank the right candidate first, the same weights every time', () => {
    const m = Perceptron.train(lists, { hidden: 4, epochs: 30, learningRate: 0.05, seed: 3 });
    for (const l of lists.slice(0, 10)) {
      const scores = l.xs.map((x) => m.logit(x));
      assert.equal(scores.indexOf(Math.max(...scores)), l.right[0]);
    }
    assert.deepEqual(
      Perceptron.train(lists, { hidden: 4, epochs: 30, learningRate: 0.05, seed: 3 }).weights,
      m.weights,
    );
  });

  it('fits a calibration curve that rises with the score', () => {
    const xs = [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 0.2].map((s) => [1, s]);
    const ys = [0, 0, 0, 1, 0, 1, 1, 1, 1, 0];
    const [b, a] = fitLogistic(xs, ys);
    assert.ok((a as number) > 0, `slope ${a}`);
    assert.ok(Number.isFinite(b));
  });

  it('gives "none" its inputs: the best score, its lead, another product named', () => {
    assert.deepEqual(
      calibrationInputs([
        { score: 2, productDiffers: false },
        { score: 0.5, productDiffers: true },
      ]),
      [1, 2, 1.5, 0],
    );
    assert.deepEqual(calibrationInputs([{ score: 1, productDiffers: true }]), [1, 1, 5, 1]);
    assert.deepEqual(calibrationInputs([]), [1, -20, 0, 1]);
  });

  it('refuses a model file made for another feature set', () => {
    const file = { ...shippedPairModel().file, features: ['charCosine'] } as PairModelFile;
    assert.throws(() => new PairModel(file), /another feature set/);
  });
});

describe('the learnt sentence encoder', () => {
  it('hashes a question into character, character-pair, -triple and word buckets', () => {
    assert.equal(hashOf('2提现'), hashOf('2提现'));
    const f = encoderFeatures('提现', ['提现'], 64);
    assert.equal(f.length <= 4, true);
    assert.ok([...f].every((b) => b >= 0 && b < 64));
  });

  it('learns to put paraphrases closer than the other questions of a batch, and round-trips quantised', () => {
    // Bucket i stands for a feature; pairs (2k, 2k+1) are "paraphrases" sharing no bucket.
    const bag = (i: number) => Int32Array.of(i);
    const pairs = Array.from({ length: 8 }, (_, k) => [bag(2 * k), bag(2 * k + 1)] as const);
    const options = { buckets: 16, dim: 8, epochs: 200, batch: 8, rate: 0.5, seed: 1 };
    const trained = trainEncoder(pairs, [], options);
    const e = Encoder.fromWeights(trained.weights());
    const v = (i: number) => e.encode(bag(i));
    assert.ok(Math.abs(dot32(v(0), v(0)) - 1) < 1e-3, 'unit length');
    for (let k = 0; k < 8; k++) {
      const mate = dot32(v(2 * k), v(2 * k + 1));
      for (let j = 0; j < 8; j++)
        if (j !== k) assert.ok(mate > dot32(v(2 * k), v(2 * j + 1)), `pair ${k} against ${j}`);
    }
    assert.deepEqual(trainEncoder(pairs, [], options).weights(), trained.weights());
  });

  it('pushes a hard negative away from the question it was labelled different from', () => {
    const bag = (i: number) => Int32Array.of(i);
    const pairs = Array.from({ length: 4 }, (_, k) => [bag(2 * k), bag(2 * k + 1)] as const);
    const options = { buckets: 16, dim: 8, epochs: 200, batch: 4, rate: 0.5, seed: 3 };
    const e = trainEncoder(pairs, [[bag(9)], [], [], []], options);
    assert.ok(dot32(e.encode(bag(0)), e.encode(bag(1))) > dot32(e.encode(bag(0)), e.encode(bag(9))));
  });
});

describe('retrieval and the held-out split', () => {
  it('retrieves by character cosine, best first', () => {
    const r = new Retrieval(['信用卡怎么还款', '信用卡年费多少', '今天天气'], new SynonymTable([]));
    const top = r.top('信用卡还款', 2);
    assert.deepEqual(
      top.map(([i]) => i),
      [0, 1],
    );
    assert.ok((top[0] as [number, number])[1] > (top[1] as [number, number])[1]);
  });

  it('picks candidates by the mix of encoder and lexical cosine, keeping the lexical cosine for the scorer', () => {
    const lexical = Float64Array.of(0.9, 0, 0.5);
    // Unit vectors, one row per text; the question's vector is the second text's.
    const dense = Float32Array.of(1, 0, 0, 1, 0.6, 0.8);
    const question = Float32Array.of(0, 1);
    assert.deepEqual(hybridTop(lexical, dense, question, 0, 3), [
      [0, 0.9],
      [2, 0.5],
    ]);
    assert.deepEqual(
      hybridTop(lexical, dense, question, 0.6, 2).map(([i]) => i),
      [2, 1],
    );
    assert.deepEqual(hybridTop(lexical, dense, question, 0.6, 3)[1], [1, 0]);
  });

  // Made-up pairs (not rows of the data set), enough for every part of a small task.
  const words = [
    '账单',
    '还款',
    '分期',
    '额度',
    '年费',
    '积分',
    '提额',
    '冻结',
    '挂失',
    '激活',
    '密码',
    '取现',
    '境外',
    '逾期',
    '利息',
    '补卡',
    '销卡',
    '短信',
    '邮寄',
    '附卡',
  ];
  const w = (i: number) => words[i % words.length] as string;
  const pairs: LabelledPair[] = Array.from({ length: 400 }, (_, i) => ({
    a: `${i % 7 === 0 ? '借呗' : '信用卡'}${w(i)}${w(i * 3 + 1)}${w(i * 7 + 2)}${i}`,
    b: `${w(i * 11 + 5)}${w(i * 13 + 3)}怎么办${i}`,
    label: i % 2 === 0 ? 1 : 0,
    source: 'atec-train',
  }));
  const general = Array.from({ length: 100 }, (_, i) => `今天第${i}天天气怎么样`);

  it('builds a task from positive pairs, every sentence used once, no other product among the FAQs', () => {
    const task = buildTask(pairs, general, { answered: 20, distractors: 10, general: 5, otherProducts: 5 }, 1);
    assert.equal(task.queries.length, 20);
    assert.ok(task.faqs.length > 20);
    assert.equal(task.general.length, 5);
    assert.ok(task.faqs.every((f) => !f.question.includes('借呗')));
    assert.ok(task.otherProducts.every((q) => q.includes('借呗')));
    const all = [...task.faqs.map((f) => f.question), ...task.queries.map((q) => q.question), ...task.general];
    assert.equal(new Set(all).size, all.length);
  });

  it('never trains on a benchmark sentence', () => {
    const split = splitPairs(pairs, general);
    const banned = taskSentences(split.bench);
    assert.ok(banned.size > 0);
    for (const p of split.train) {
      assert.ok(!banned.has(p.a) && !banned.has(p.b), `${p.a} / ${p.b} is in the benchmark`);
    }
    assert.ok(split.generalTrain.every((g) => !banned.has(g)));
  });
});

describe('matching a bank-style FAQ list with the shipped pair scorer', () => {
  const faqs = [
    { id: 'repay', title: '信用卡怎么还款', questions: [], intent: null },
    { id: 'fee', title: '信用卡年费是多少', questions: [], intent: null },
    { id: 'lost', title: '信用卡丢了怎么挂失', questions: [], intent: null },
  ];
  const matcher = new PairMatcher(faqs, SYNONYMS, shippedPairModel());

  it('ranks the FAQ a reworded question asks first', () => {
    assert.equal(matcher.rank('如何给信用卡还款').candidates[0]?.id, 'repay');
    assert.equal(matcher.rank('信用卡的年费要交多少钱').candidates[0]?.id, 'fee');
  });

  it('learns "none" on the matcher, not on the content: one phrasing per FAQ is the pair method', () => {
    const c = learnCalibration(faqs, SYNONYMS, ['今天天气怎么样'], () => undefined, new Date(0));
    assert.equal(c.method, 'pairs');
  });
});
