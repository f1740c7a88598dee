import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { learnThreshold } from './match/calibrate.ts';
import { FaqMatcher } from './match/matcher.ts';
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
    { id: 'loss', title: '信用卡丢了怎么办', questions: ['卡丢了怎么挂失', '信用卡被偷了'], intent: null },
    { id: 'fee', title: '年费是多少', questions: ['信用卡年费多少钱', '要交年费吗'], intent: null },
  ];
  it('ranks the FAQ that shares the question’s content first', () => {
    const m = new FaqMatcher(docs, synonyms);
    assert.equal(m.rank('我的卡丢了')[0]?.id, 'loss');
    assert.equal(m.rank('年费怎么收')[0]?.id, 'fee');
    assert.ok((m.rank('今天天气很好')[0]?.score ?? 0) < (m.rank('年费怎么收')[0]?.score ?? 0));
  });

  it('learns the cut that separates in-scope from out-of-scope scores', () => {
    const { threshold, balancedAccuracy } = learnThreshold([0.8, 0.7, 0.65, 0.9], [0.2, 0.3, 0.35, 0.1]);
    assert.ok(threshold > 0.35 && threshold <= 0.65, String(threshold));
    assert.equal(balancedAccuracy, 1);
  });
});
