import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLabelledCsv } from './csv.ts';
import {
  bigramJaccard,
  charBigrams,
  HELD_OUT_SPLITS,
  NEAR_DUPLICATE_THRESHOLD,
  nearDuplicates,
} from './near-duplicates.ts';

describe('near-duplicates between corpus splits', () => {
  it('compares the normalised text: script, case, punctuation and spaces do not make rows differ', () => {
    assert.equal(bigramJaccard(charBigrams('我的卡被凍結了！'), charBigrams('我的卡 被冻结了')), 1);
    assert.equal(bigramJaccard(charBigrams('Forgot my PIN'), charBigrams('forgot my pin')), 1);
  });

  it('is the Jaccard similarity of the character-bigram sets', () => {
    // 卡丢了 → {卡丢, 丢了}; 卡丢了怎么办 → {卡丢, 丢了, 了怎, 怎么, 么办}: 2 shared of 5.
    assert.equal(bigramJaccard(charBigrams('卡丢了'), charBigrams('卡丢了怎么办')), 2 / 5);
    assert.equal(bigramJaccard(charBigrams('年费'), charBigrams('积分')), 0);
    assert.deepEqual([...charBigrams('好')], ['好']);
  });

  it('reports the rows at or above the threshold against any reference row, most similar first', () => {
    const rows = [
      { text: '我的额度是多少', label: 'limit_query' }, // 1.0 against the first reference row
      { text: '怎么设置自动还款', label: 'autopay_setup' }, // unrelated
      { text: '我的额度是多少呢', label: 'limit_query' }, // 6 of 7 bigrams
    ];
    const reference = [
      { text: '我的额度是多少？', label: 'limit_query' },
      { text: '今天天气怎么样', label: 'out_of_scope' },
    ];
    const found = nearDuplicates(rows, reference);
    assert.deepEqual(
      found.map((d) => [d.index, d.similarity]),
      [
        [0, 1],
        [2, 6 / 7],
      ],
    );
    assert.equal(NEAR_DUPLICATE_THRESHOLD, 0.6);
    assert.deepEqual(
      nearDuplicates(rows, reference, 0.9).map((d) => d.index),
      [0],
    );
  });

  it('keeps the shipped training corpus clear of every held-out split', () => {
    const dataDir = new URL('../../../data/nlu/', import.meta.url);
    const train = readLabelledCsv(new URL('train.csv', dataDir));
    for (const split of HELD_OUT_SPLITS) {
      const found = nearDuplicates(train, readLabelledCsv(new URL(`${split}.csv`, dataDir)));
      // Only the training rows are named: a failure must not lead anyone to write toward the held-out text.
      assert.deepEqual(
        found.map((d) => `train.csv line ${d.index + 2}`),
        [],
        `training rows within ${NEAR_DUPLICATE_THRESHOLD} of a ${split} row`,
      );
    }
  });
});
