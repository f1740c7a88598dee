import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readArticleFiles, SEED_DIR } from './files.ts';
import { parseArticleFile } from './markdown/front-matter.ts';
import { isClarifying, learnThreshold } from './match/calibrate.ts';
import { FaqMatcher } from './match/matcher.ts';
import { phrasingSimilarity, TWIN_THRESHOLD, withinFaqPairs } from './match/phrasing-similarity.ts';
import {
  DEFAULT_RANKER,
  linearScores,
  RANK_DIM,
  RANK_FEATURES,
  type RankExample,
  softmaxInPlace,
  trainRanker,
} from './match/ranker.ts';
import { Bm25 } from './match/vectors.ts';
import { formatValue, render, UNRESOLVED } from './params/placeholders.ts';
import { compile } from './search/adapter.ts';
import { parseQuery, SynonymTable } from './search/query.ts';
import { makeSnippet } from './search/snippet.ts';

const synonyms = new SynonymTable([
  { phrase: '卡丢了', canonical: '挂失' },
  { phrase: '刷爆了', canonical: '额度' },
]);

describe('live parameters', () => {
  it('formats fen as yuan without needless decimals and rates as percentages', () => {
    assert.equal(formatValue(30_000, 'yuan'), '300');
    assert.equal(formatValue(123_456, 'yuan'), '1,234.56');
    assert.equal(formatValue('0.0060', 'percent'), '0.6%');
    assert.equal(formatValue('0.0005', 'percent'), '0.05%');
    assert.equal(formatValue('not a rate', 'percent'), undefined);
    assert.equal(formatValue(1.5, 'yuan'), undefined);
  });

  it('renders nested paths and marks what it cannot resolve', () => {
    const facts = new Map([['GOLD', { annualFeeFen: 30_000, installmentRate: { bill: { '12': '0.0060' } } }]]);
    const r = render(
      '年费{{product:GOLD.annualFeeFen|yuan}}元,12期{{product:GOLD.installmentRate.bill.12|percent}},{{product:NONE.x}}',
      facts,
    );
    assert.equal(r.text, `年费300元,12期0.6%,${UNRESOLVED}`);
    assert.deepEqual(r.unresolved, ['{{product:NONE.x}}']);
  });
});

describe('query parsing', () => {
  it('replaces a colloquial phrase by the knowledge word and drops stop words', () => {
    const q = parseQuery('卡丢了怎么办', synonyms);
    assert.deepEqual(q.groups, [[{ words: ['挂失'] }, { words: ['卡', '丢'] }]]);
  });

  it('folds traditional and full-width text before segmenting', () => {
    assert.deepEqual(parseQuery('掛失', synonyms).groups, [[{ words: ['挂失'] }]]);
    assert.equal(parseQuery('ＡＴＭ', synonyms).folded, 'atm');
  });

  it('reads short Latin queries also as pinyin initials', () => {
    const q = parseQuery('gs', synonyms);
    assert.deepEqual(q.groups, [[{ words: ['gs'] }, { words: ['gs'], field: 'initials' }]]);
    assert.equal(compile(q, 'all', 'sqlite'), '({seg_title seg_questions seg_body} : "gs" OR initials : "gs")');
    assert.equal(compile(q, 'all', 'postgres'), "('gs':ABC | 'gs':D)");
  });
});

describe('snippets', () => {
  it('centres on the hits and returns their ranges', () => {
    const text = `${'前言'.repeat(60)}办理挂失后可以申请补卡。${'后记'.repeat(60)}`;
    const s = makeSnippet(text, ['挂失', '补卡'], 40);
    assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
    assert.deepEqual(
      s.highlights.map(([a, b]) => s.text.slice(a, b)),
      ['挂失', '补卡'],
    );
  });
});

describe('FAQ matcher and its threshold', () => {
  const docs = [
    {
      id: 'loss',
      title: '信用卡丢了怎么办',
      questions: ['卡丢了怎么挂失', '信用卡被偷了'],
      intent: 'card_loss_report',
    },
    { id: 'fee', title: '年费是多少', questions: ['信用卡年费多少钱', '要交年费吗'], intent: 'annual_fee' },
    {
      id: 'activate-how',
      title: '新卡如何激活',
      questions: ['怎么激活新卡', '新卡收到了怎么开卡'],
      intent: 'card_activate',
    },
    {
      id: 'activate-failed',
      title: '激活失败怎么办',
      questions: ['激活一直失败', '开卡提示信息不符'],
      intent: 'card_activate',
    },
  ];
  const top = (m: FaqMatcher, q: string) => m.rank(q).candidates[0];

  it('ranks the FAQ that shares the question’s content first, and fits an unrelated question worse', () => {
    const m = new FaqMatcher(docs, synonyms);
    assert.equal(top(m, '我的卡丢了')?.id, 'loss');
    assert.equal(top(m, '年费怎么收')?.id, 'fee');
    assert.ok(m.rank('今天天气很好').fit < m.rank('年费怎么收').fit);
  });

  it('tells sibling FAQs apart by what distinguishes them', () => {
    const m = new FaqMatcher(docs, synonyms);
    assert.equal(top(m, '激活失败了怎么办')?.id, 'activate-failed');
    assert.equal(top(m, '新卡怎么开卡激活')?.id, 'activate-how');
    assert.ok(m.siblings('activate-how', 'activate-failed'));
    assert.ok(!m.siblings('loss', 'fee'));
  });

  it('the naive Bayes signal alone tells siblings apart, and is zero for its best FAQ and negative for the rest', () => {
    const m = new FaqMatcher(docs, synonyms);
    const nb = RANK_FEATURES.indexOf('naiveBayes');
    const only = RANK_FEATURES.map((_, k) => (k === nb ? 10 : 0));
    assert.equal(m.rank('激活老是失败', { weights: only }).candidates[0]?.id, 'activate-failed');
    assert.equal(m.rank('新卡怎么激活', { weights: only }).candidates[0]?.id, 'activate-how');
    const values = Array.from(
      { length: docs.length },
      (_, d) => m.signals('激活老是失败').rows[d * RANK_DIM + nb] as number,
    );
    assert.equal(Math.max(...values), 0);
    assert.ok(values.filter((v) => v < 0).length === docs.length - 1);
  });

  it('probabilities over the FAQs sum to one', () => {
    const m = new FaqMatcher(docs, synonyms);
    const all = m.rank('卡丢了', { limit: 10 }).candidates;
    assert.equal(all.length, docs.length);
    assert.ok(Math.abs(all.reduce((s, c) => s + c.probability, 0) - 1) < 1e-9);
  });

  it('offers siblings as a choice only when the second is nearly as likely as the first', () => {
    const m = new FaqMatcher(docs, synonyms);
    const a = { id: 'activate-how', probability: 0.5 };
    assert.equal(isClarifying(m, a, { id: 'activate-failed', probability: 0.4 }, 0.5), true);
    assert.equal(isClarifying(m, a, { id: 'activate-failed', probability: 0.2 }, 0.5), false);
    assert.equal(isClarifying(m, a, { id: 'fee', probability: 0.45 }, 0.5), false, 'not siblings');
  });

  it('learns the cut that separates in-scope from out-of-scope scores', () => {
    const { threshold, balancedAccuracy } = learnThreshold([0.8, 0.7, 0.65, 0.9], [0.2, 0.3, 0.35, 0.1]);
    assert.ok(threshold > 0.35 && threshold <= 0.65, String(threshold));
    assert.equal(balancedAccuracy, 1);
  });
});

describe('phrasing twins', () => {
  it('scores character-pair overlap, folding case, width and punctuation', () => {
    assert.equal(phrasingSimilarity('人工客服几点?', '人工客服几点'), 1);
    assert.equal(phrasingSimilarity('ATM取钱', 'atm取钱'), 1);
    assert.ok(phrasingSimilarity('人工客服几点上班', '人工客服几点') >= TWIN_THRESHOLD);
    assert.ok(phrasingSimilarity('怎么激活信用卡', '积分兑换礼品') === 0);
  });

  it('the seed FAQs have no two phrasings (title included) so alike that holding one out leaves its twin', () => {
    const faqs = readArticleFiles(SEED_DIR)
      .map((f) => parseArticleFile(f.text))
      .filter((f) => f.kind === 'faq')
      .map((f) => ({ id: f.id, title: f.content.title, questions: f.content.questions }));
    assert.ok(faqs.length > 50);
    const twins = withinFaqPairs(faqs).filter((t) => t.similarity >= TWIN_THRESHOLD);
    assert.deepEqual(twins, []);
  });
});

describe('the learnt ranker', () => {
  // Two candidates per question; the right one is the one whose feature k is higher. The ranker must
  // learn a clearly positive weight for k and nothing much for a feature that is noise.
  const example = (k: number, noise: number, i: number): RankExample => {
    const rows = new Float64Array(2 * RANK_DIM);
    const right = i % 2;
    rows[right * RANK_DIM + k] = 0.6 + (i % 5) * 0.05;
    rows[(1 - right) * RANK_DIM + k] = 0.3;
    rows[(i % 3 === 0 ? 0 : 1) * RANK_DIM + noise] = 1;
    return { rows, answer: right };
  };

  it('learns to trust the signal that identifies the right FAQ and not the noise', () => {
    const k = RANK_FEATURES.indexOf('classifier');
    const noise = RANK_FEATURES.indexOf('bm25');
    const w = trainRanker(Array.from({ length: 60 }, (_, i) => example(k, noise, i)));
    assert.ok((w[k] as number) > 2, `weight ${w[k]}`);
    assert.ok(Math.abs(w[noise] as number) < (w[k] as number) / 4, `noise weight ${w[noise]}`);
    const p = softmaxInPlace(linearScores(example(k, noise, 1).rows, w));
    assert.ok((p[1] as number) > 0.5);
  });

  it('falls back to the default weights with nothing to learn from', () => {
    assert.deepEqual(trainRanker([]), DEFAULT_RANKER);
  });
});

describe('BM25', () => {
  it('prefers the document where a rare word is a larger share', () => {
    const bm = new Bm25([
      ['年费', '减免', '条件'],
      ['年费', '多少'],
      ['挂失', '补卡', '年费', '收费', '多久', '流程'],
    ]);
    const s = bm.scores(['年费', '减免']);
    assert.ok((s[0] as number) > (s[1] as number) && (s[1] as number) > 0);
    assert.equal(bm.scores(['火星'])[0], 0);
  });
});
