import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LabelledText } from '../../src/modules/nlu/csv.ts';
import { formatAnswers, outOfFoldAnswers, pairedDifference } from './cross-validation.ts';

// Three labels of six rows each, and one label too small to be held out (2 rows).
const rows: LabelledText[] = [
  ...['a', 'b', 'c'].flatMap((label) => Array.from({ length: 6 }, (_, i) => ({ text: `${label}${i}`, label }))),
  { text: 'rare0', label: 'rare' },
  { text: 'rare1', label: 'rare' },
];

describe('outOfFoldAnswers', () => {
  it('answers each row once, by a model that never saw it, and leaves labels too small to hold out unanswered', () => {
    const calls: number[] = [];
    // A model that would give itself away: it answers "seen" for any text it was trained on.
    const answers = outOfFoldAnswers(rows, 3, 1, (train) => {
      calls.push(train.length);
      const seen = new Set(train.map((r) => r.text));
      return (text) => (seen.has(text) ? 'seen' : text.replace(/\d+$/, ''));
    });
    assert.deepEqual(calls, [14, 14, 14]);
    rows.forEach((r, i) => {
      if (r.label === 'rare') assert.equal(answers[i], undefined);
      else assert.equal(answers[i], r.label, r.text);
    });
  });

  it('reports each fold as it ends, stratified: two rows of each held-out label per fold', () => {
    const reports: Array<{ fold: number; right: number; rows: number }> = [];
    outOfFoldAnswers(
      rows,
      3,
      1,
      () => (text) => (text.startsWith('a') ? 'a' : 'x'),
      (r) => reports.push(r),
    );
    assert.deepEqual(reports, [
      { fold: 0, right: 2, rows: 6 },
      { fold: 1, right: 2, rows: 6 },
      { fold: 2, right: 2, rows: 6 },
    ]);
  });
});

describe('pairedDifference', () => {
  const few = rows.slice(0, 4); // a0..a3
  const before = formatAnswers(few, ['a', 'a', 'b', undefined]);

  it('counts only the rows where the two runs differ in being right', () => {
    const d = pairedDifference(few, ['a', 'b', 'a', 'a'], before);
    assert.equal(d.gained, 2); // rows 2 and 3: wrong or unanswered before, right now
    assert.equal(d.lost, 1); // row 1
    assert.ok(Math.abs(d.z - 1 / Math.sqrt(3)) < 1e-12);
    assert.deepEqual(pairedDifference(few, ['a', 'a', 'b', undefined], before), { gained: 0, lost: 0, z: 0 });
  });

  it('refuses a saved run over other rows', () => {
    assert.throws(() => pairedDifference(rows.slice(0, 3), ['a', 'a', 'a'], before), /rows/);
    assert.throws(() => pairedDifference(rows.slice(6, 10), ['b', 'b', 'b', 'b'], before), /not the same row/);
  });
});
