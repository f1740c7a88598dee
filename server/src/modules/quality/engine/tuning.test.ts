import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseTranscriptLine } from '../quality.cli.ts';
import { defaultScorecard } from './default-scorecard.ts';
import { compileScorecard, inspect } from './engine.ts';
import { scorecardSchema } from './scorecard.ts';

/** The rules against their tuning set (server/data/qa/tuning; never the labelled set, which only measures). */
describe('quality engine: the tuning set', () => {
  const dir = new URL('../../../../data/qa/tuning/', import.meta.url);
  const scorecard = compileScorecard(scorecardSchema.parse(defaultScorecard()));
  const files = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));

  it('has at least 150 transcripts and every one meets its expected result on every item', () => {
    const misses: string[] = [];
    let count = 0;
    for (const name of files) {
      for (const line of readFileSync(new URL(name, dir), 'utf8').split('\n')) {
        if (!line.trim()) continue;
        count++;
        const { expected } = JSON.parse(line) as { expected: Record<string, string> };
        const r = inspect(scorecard, parseTranscriptLine(line));
        for (const [item, want] of Object.entries(expected)) {
          const got = r.findings.find((f) => f.item === item)?.result;
          if (got !== want) misses.push(`${r.id} ${item}: want ${want}, got ${got}`);
        }
      }
    }
    assert.ok(count >= 150, `${count} transcripts`);
    assert.deepEqual(misses, []);
  });
});
