import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIntent } from '@carddesk/contracts';
import { assignSplits, type RealRow, readRealRows, readSplitFile } from './real-data.ts';

describe('real customer questions: labelled rows and their fixed split', () => {
  it('deals each label a quarter to test and 15% to dev, and never moves a row already assigned', () => {
    const rows: RealRow[] = Array.from({ length: 20 }, (_, i) => ({
      id: String(i + 1),
      text: `q${i}`,
      label: 'limit_query',
      trainingOnly: false,
    }));
    const first = assignSplits(rows, new Map());
    const count = (m: Map<string, string>, s: string) => [...m.values()].filter((v) => v === s).length;
    assert.equal(count(first, 'test'), 5);
    assert.equal(count(first, 'dev'), 3);
    assert.equal(count(first, 'train'), 12);
    // Ten more rows labelled later, from a training-only file: the first twenty keep their split.
    const more = [
      ...rows,
      ...Array.from({ length: 10 }, (_, i) => ({
        id: String(100 + i),
        text: `r${i}`,
        label: 'limit_query',
        trainingOnly: true,
      })),
    ];
    const second = assignSplits(more, first);
    for (const [id, split] of first) assert.equal(second.get(id), split);
    assert.equal(second.size, 30);
    // The later rows are training-only: none of them goes to test.
    assert.equal(count(second, 'test'), 5);
  });

  it('ships every labelled row with a valid intent code and a split', () => {
    const rows = readRealRows();
    const splits = readSplitFile();
    assert.ok(rows.length >= 4000, `${rows.length} labelled rows`);
    const ids = new Set<string>();
    for (const r of rows) {
      assert.ok(isIntent(r.label), `row ${r.id}: ${r.label} is not an intent code`);
      assert.ok(splits.has(r.id), `row ${r.id} has no split`);
      assert.ok(!ids.has(r.id), `row ${r.id} is labelled twice`);
      ids.add(r.id);
    }
  });
});
