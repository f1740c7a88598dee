import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../platform/random.ts';
import { bigramJaccard, charBigrams } from './near-duplicates.ts';
import { AugmentationGuard, NearDuplicateIndex, propagateLabels, textKey } from './real-augment.ts';
import { inFreshTestBucket } from './real-data.ts';

/** The first id from `from` on that is (or is not) in the bucket reserved for the fresh test set. */
function idWhere(inBucket: boolean, from: number): string {
  let id = from;
  while (inFreshTestBucket(id) !== inBucket) id++;
  return String(id);
}

describe('extra training rows from unlabelled customer questions', () => {
  it('finds exactly the near-twins a comparison with every reference finds', () => {
    const random = mulberry32(7);
    const alphabet = '信用卡还款额度分期账单逾期利息冻结怎么为什么不能';
    const text = () =>
      Array.from(
        { length: 3 + Math.floor(random() * 12) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    const refs = Array.from({ length: 300 }, text);
    // Queries: fresh texts and references with one character changed or added (often above 0.8).
    const queries = [
      ...Array.from({ length: 300 }, text),
      ...refs.map((r, i) => (i % 2 ? `${r}吗` : r.slice(0, -1) + alphabet[i % alphabet.length])),
    ];
    const index = new NearDuplicateIndex(refs, 0.8);
    const refBigrams = refs.map(charBigrams);
    let twins = 0;
    for (const q of queries) {
      const own = charBigrams(q);
      const brute = refBigrams.some((b) => bigramJaccard(own, b) >= 0.8);
      if (brute) twins++;
      assert.equal(index.has(q), brute, q);
    }
    assert.ok(twins > 50, `${twins} twins: the test must exercise both answers`);
  });

  it('lets through only questions with an id outside the fresh bucket, not labelled, not near a held-out row', () => {
    const free = idWhere(false, 100);
    const reserved = idWhere(true, 100);
    const questions = [
      { id: free, text: '信用卡怎么提高额度呀' },
      { id: reserved, text: '账单日可以改吗' },
      { id: idWhere(false, Number(free) + 1), text: '我的卡被冻结了怎么办' },
      { id: idWhere(false, Number(free) + 50), text: '分期手续费怎么算的啊' },
    ];
    const guard = new AugmentationGuard({
      questions,
      labelled: [{ text: '我的卡被冻结了，怎么办？', label: 'card_unfreeze' }],
      heldOut: [{ text: '分期手续费怎么算的呀', label: 'interest_fee_query' }],
    });
    assert.equal(guard.exclusion('信用卡怎么提高额度呀'), undefined);
    assert.equal(guard.exclusion('信用卡 怎么提高额度呀！'), undefined, 'matched after normalisation');
    assert.equal(guard.exclusion('账单日可以改吗'), 'fresh-bucket');
    assert.equal(guard.exclusion('我的卡被冻结了怎么办'), 'labelled');
    assert.equal(guard.exclusion('分期手续费怎么算的啊'), 'near-held-out');
    assert.equal(guard.exclusion('不在问题表里的一句话'), 'no-id');
  });

  it('gives the other side of a same-meaning pair the training row’s label, unless labels conflict', () => {
    const texts = ['额度怎么提升', '怎么提高额度', '如何提额', '还款日是哪天', '几号还款', '几号还'];
    const questions = texts.map((text, i) => ({ id: idWhere(false, 1000 + 20 * i), text }));
    const guard = new AugmentationGuard({ questions, labelled: [], heldOut: [] });
    const train = [
      { text: '额度怎么提升', label: 'limit_increase' },
      { text: '还款日是哪天', label: 'due_date_min_payment' },
      { text: '几号还', label: 'repayment_status' },
    ];
    const pairs: Array<readonly [string, string]> = [
      ['额度怎么提升', '怎么提高额度'],
      ['如何提额', '额度怎么提升'],
      ['还款日是哪天', '几号还款'],
      ['几号还款', '几号还'],
      ['额度怎么提升', '还款日是哪天'],
    ];
    const { rows, excluded } = propagateLabels(pairs, train, guard);
    assert.deepEqual(
      rows.map((r) => [r.text, r.label]),
      [
        ['怎么提高额度', 'limit_increase'],
        ['如何提额', 'limit_increase'],
      ],
    );
    // 几号还款 is reached from two labels; training rows are never relabelled by a pair.
    assert.deepEqual(excluded, { 'conflicting-labels': 1 });
    assert.equal(textKey('  几号 还款？'), textKey('几号还款'));
  });
});
