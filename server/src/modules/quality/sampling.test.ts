import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_SAMPLING, isoWeek, randomDraw, sampleReasons } from './sampling.ts';

describe('sampling for human review', () => {
  const base = { inspectionId: 'x', fatal: false, critical: false, score: 95, complaint: false };
  const none = { ...DEFAULT_SAMPLING, randomShare: 0 };

  it('takes every fatal, critical, low-scoring and complaint result', () => {
    assert.deepEqual(sampleReasons(none, base), []);
    assert.deepEqual(sampleReasons(none, { ...base, fatal: true, score: 0 }), ['fatal', 'low_score']);
    assert.deepEqual(sampleReasons(none, { ...base, critical: true }), ['critical']);
    assert.deepEqual(sampleReasons(none, { ...base, score: 79.9 }), ['low_score']);
    assert.deepEqual(sampleReasons(none, { ...base, complaint: true }), ['complaint']);
    assert.deepEqual(
      sampleReasons({ ...none, complaint: false, scoreBelow: 0 }, { ...base, complaint: true, score: 10 }),
      [],
    );
  });

  it('draws a random share, fixed by the inspection id', () => {
    assert.equal(randomDraw('abc'), randomDraw('abc'));
    const ids = Array.from({ length: 4000 }, (_, i) => newId(new Date(Date.UTC(2026, 10, 2, 0, 0, i))));
    const share =
      ids.filter((id) =>
        sampleReasons({ ...none, randomShare: 0.05 }, { ...base, inspectionId: id }).includes('random'),
      ).length / ids.length;
    assert.ok(share > 0.03 && share < 0.07, String(share));
    assert.equal(
      ids.filter((id) => sampleReasons({ ...none, randomShare: 1 }, { ...base, inspectionId: id }).length === 1).length,
      ids.length,
    );
  });

  it('names ISO weeks', () => {
    assert.equal(isoWeek('2026-11-02'), '2026-W45');
    assert.equal(isoWeek('2027-01-01'), '2026-W53');
    assert.equal(isoWeek('2026-01-01'), '2026-W01');
    assert.equal(isoWeek('2024-12-30'), '2025-W01');
  });
});
