/**
 * `npm run tune:qa`: the rules against the tuning set (server/data/qa/tuning/*.jsonl, same format as the
 * labelled set), the examples the rules are tuned on. Prints precision and recall per item and every
 * disagreement (`--quiet`: the table only). It never reads the labelled set, which stays out of tuning.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { loadBuiltinNlu } from '../../src/modules/nlu/index.ts';
import { DEFAULT_ITEM_CODES, defaultScorecard } from '../../src/modules/quality/engine/default-scorecard.ts';
import { compileScorecard, inspect } from '../../src/modules/quality/engine/engine.ts';
import { scorecardSchema } from '../../src/modules/quality/engine/scorecard.ts';
import { parseTranscriptLine } from '../../src/modules/quality/quality.cli.ts';

const DIR = new URL('../../data/qa/tuning/', import.meta.url);
const quiet = process.argv.includes('--quiet');
const scorecard = compileScorecard(scorecardSchema.parse(defaultScorecard()));
loadBuiltinNlu();

const tally = new Map<string, { tp: number; fp: number; fn: number; tn: number; na: number; naAgree: number }>();
const misses: string[] = [];
let transcripts = 0;
for (const name of readdirSync(DIR)
  .filter((n) => n.endsWith('.jsonl'))
  .sort()) {
  for (const line of readFileSync(new URL(name, DIR), 'utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    transcripts++;
    const { expected, note } = JSON.parse(line) as { expected: Record<string, string>; note?: string };
    const r = inspect(scorecard, parseTranscriptLine(line));
    for (const [item, want] of Object.entries(expected)) {
      const f = r.findings.find((x) => x.item === item);
      const got = f?.result ?? 'n/a';
      const t = tally.get(item) ?? { tp: 0, fp: 0, fn: 0, tn: 0, na: 0, naAgree: 0 };
      tally.set(item, t);
      if (want === 'n/a' || got === 'n/a') {
        t.na++;
        if (want === got) t.naAgree++;
        else if (got === 'fail') t.fp++;
        else if (want === 'fail') t.fn++;
      } else if (want === 'fail') got === 'fail' ? t.tp++ : t.fn++;
      else got === 'fail' ? t.fp++ : t.tn++;
      if (want !== got)
        misses.push(
          `${r.id} ${item}: want ${want}, got ${got} ${f?.evidence ? `«${f.evidence}» ` : ''}— ${note ?? ''}`,
        );
    }
  }
}
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
console.log(`${transcripts} tuning transcripts`);
console.log('item'.padEnd(26), 'precision', 'recall', ' TP  FP  FN  TN  n/a-agree');
for (const code of DEFAULT_ITEM_CODES) {
  const t = tally.get(code);
  if (!t) continue;
  console.log(
    code.padEnd(26),
    pct(t.tp, t.tp + t.fp).padStart(9),
    pct(t.tp, t.tp + t.fn).padStart(6),
    [t.tp, t.fp, t.fn, t.tn].map((x) => String(x).padStart(3)).join(' '),
    pct(t.naAgree, t.na).padStart(9),
  );
}
if (!quiet) for (const m of misses) console.log(m);
process.exitCode = misses.length > 0 ? 1 : 0;
