import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kappa, type Label, recallByMeaning } from './judged.ts';

describe('the blind reading of the FAQ benchmark', () => {
  it("counts a question right by the benchmark's pair, by both readers, or by either, and an unread answer as wrong", () => {
    const read = new Map([
      ['1\tf9', 'j1'],
      ['2\tf8', 'j2'],
      ['3\tf7', 'j3'],
      ['4\tf5', 'j4'],
    ]);
    const readers = {
      a: new Map<string, Label>([
        ['j1', 'same'],
        ['j2', 'same'],
        ['j3', 'different'],
        ['j4', 'different'],
      ]),
      b: new Map<string, Label>([
        ['j1', 'same'],
        ['j2', 'different'],
        ['j3', 'unsure'],
        ['j4', 'different'],
      ]),
    };
    const rows = [
      { query: 0, gold: 'f1', ranked: ['f1', 'f2'] }, // the benchmark's FAQ first
      { query: 1, gold: 'f2', ranked: ['f9', 'f2'] }, // another phrasing both readers accept
      { query: 2, gold: 'f3', ranked: ['f8'] }, // accepted by one reader only
      { query: 3, gold: 'f4', ranked: ['f7'] }, // rejected
      { query: 4, gold: 'f5', ranked: ['f6', 'f5'] }, // first FAQ never read: wrong at depth 1
    ];
    assert.deepEqual(recallByMeaning(rows, 1, read, readers), { exact: 1, strict: 1, lenient: 2, unread: 1 });
    // At depth 3 the pair's own FAQ is among the first two for queries 1 and 4.
    assert.deepEqual(recallByMeaning(rows, 3, read, readers), { exact: 3, strict: 0, lenient: 1, unread: 0 });
  });

  it("computes Cohen's kappa: 1 for full agreement, 0 for agreement by chance alone", () => {
    assert.equal(kappa(['same', 'different', 'same'], ['same', 'different', 'same']), 1);
    assert.equal(kappa(['same', 'same', 'different', 'different'], ['same', 'different', 'same', 'different']), 0);
  });
});
