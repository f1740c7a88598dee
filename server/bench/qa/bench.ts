/**
 * `npm run bench:qa`: quality inspection, two measurements.
 *
 * 1. Throughput: 10,000 generated transcripts (generate.ts, or `--transcripts FILE.jsonl`) parsed and
 *    inspected with the default scorecard in this one process (one core), as `carddesk qa inspect` does;
 *    target ≤ 30 s.
 * 2. Item-level precision and recall on the labelled set in server/data/qa/labelled/*.jsonl (format in
 *    its README.md), written by people other than the rules' author and kept out of rule tuning. A
 *    violation (`fail`) is the positive class: precision = of the failures the engine reported, how many
 *    the labeller also failed; recall = of the labeller's failures, how many the engine reported. `n/a`
 *    agreement is reported beside them.
 *
 * Prints the tables and writes docs/benchmarks/qa.md.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

import { parseArgs, stringOption } from '../../src/cli/args.ts';
import { loadBuiltinNlu } from '../../src/modules/nlu/index.ts';
import { DEFAULT_ITEM_CODES, defaultScorecard } from '../../src/modules/quality/engine/default-scorecard.ts';
import { compileScorecard, type FindingResult, inspect } from '../../src/modules/quality/engine/engine.ts';
import { scorecardSchema } from '../../src/modules/quality/engine/scorecard.ts';
import { parseTranscriptLine } from '../../src/modules/quality/quality.cli.ts';
import { generateTranscripts } from './generate.ts';

const SERVER = new URL('../../', import.meta.url);
const LABELLED_DIR = new URL('data/qa/labelled/', SERVER);
const REPORT = new URL('../docs/benchmarks/qa.md', SERVER);

const { options } = parseArgs(process.argv.slice(2));
const count = Number(stringOption(options, 'count') ?? 10_000);
const file = stringOption(options, 'transcripts');

const scorecard = compileScorecard(scorecardSchema.parse(defaultScorecard()));
const loadStart = performance.now();
loadBuiltinNlu();
const nluLoadMs = performance.now() - loadStart;

// 1. Throughput.
const lines = file
  ? readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.trim())
  : generateTranscripts(count).map((t) => JSON.stringify(t));
const turns = lines.reduce((n, l) => n + (JSON.parse(l) as { turns: unknown[] }).turns.length, 0);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const counts = new Map<string, Record<FindingResult, number>>();
let fatal = 0;
let passed = 0;
for (const line of lines) {
  const r = inspect(scorecard, parseTranscriptLine(line));
  if (r.fatal) fatal++;
  if (r.passed) passed++;
  for (const f of r.findings) {
    const c = counts.get(f.item) ?? { pass: 0, fail: 0, 'n/a': 0 };
    c[f.result]++;
    counts.set(f.item, c);
  }
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

// 2. Labelled set.
interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  naAgree: number;
  naTotal: number;
  labelled: number;
}
const tallies = new Map<string, Tally>();
let labelledTranscripts = 0;
const labelledFiles: string[] = [];
const problems: string[] = [];
let names: string[] = [];
try {
  names = readdirSync(LABELLED_DIR)
    .filter((n) => n.endsWith('.jsonl'))
    .sort();
} catch {
  names = [];
}
for (const name of names) {
  labelledFiles.push(name);
  const text = readFileSync(new URL(name, LABELLED_DIR), 'utf8');
  for (const [n, line] of text.split(/\r?\n/).entries()) {
    if (!line.trim()) continue;
    let expected: Record<string, string>;
    let result: ReturnType<typeof inspect>;
    try {
      const raw = JSON.parse(line) as { expected?: Record<string, string> };
      expected = raw.expected ?? {};
      result = inspect(scorecard, parseTranscriptLine(line));
    } catch (err) {
      problems.push(`${name}:${n + 1}: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`);
      continue;
    }
    labelledTranscripts++;
    for (const [item, want] of Object.entries(expected)) {
      if (!['pass', 'fail', 'n/a'].includes(want)) {
        problems.push(`${name}:${n + 1}: ${item} expected "${want}"`);
        continue;
      }
      const got = result.findings.find((f) => f.item === item)?.result;
      if (!got) {
        problems.push(`${name}:${n + 1}: unknown item ${item}`);
        continue;
      }
      const t = tallies.get(item) ?? { tp: 0, fp: 0, fn: 0, tn: 0, naAgree: 0, naTotal: 0, labelled: 0 };
      t.labelled++;
      if (want === 'n/a' || got === 'n/a') {
        t.naTotal++;
        if (want === got) t.naAgree++;
        else if (got === 'fail') t.fp++;
        else if (want === 'fail') t.fn++;
      } else if (want === 'fail') {
        if (got === 'fail') t.tp++;
        else t.fn++;
      } else if (got === 'fail') t.fp++;
      else t.tn++;
      tallies.set(item, t);
    }
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ratio = (a: number, b: number) => (b === 0 ? '—' : pct(a / b));

const out: string[] = [];
out.push('# Quality inspection benchmark (`npm run bench:qa`)', '');
out.push(
  `Machine: ${cpus()[0]?.model ?? 'unknown'} (${cpus().length} cores, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}), Node ${process.version}, one process (one core).`,
  '',
);
out.push('## Throughput', '');
out.push(
  `${lines.length.toLocaleString('en')} transcripts (${file ? file : 'generated, bench/qa/generate.ts'}; ${turns.toLocaleString('en')} turns), parsed and inspected with the default scorecard (${DEFAULT_ITEM_CODES.length} items): **${cpuSeconds.toFixed(2)} s of CPU** on one core (${((1000 * cpuSeconds) / lines.length).toFixed(3)} ms per transcript; wall clock ${seconds.toFixed(2)} s on the shared machine at the load above; target ≤ 30 s for 10,000). NLU model load beforehand: ${nluLoadMs.toFixed(0)} ms.`,
  '',
);
out.push(`Results: ${passed} passed, ${fatal} fatal.`, '');
out.push('| item | pass | fail | n/a |', '| --- | ---: | ---: | ---: |');
for (const code of DEFAULT_ITEM_CODES) {
  const c = counts.get(code) ?? { pass: 0, fail: 0, 'n/a': 0 };
  out.push(`| \`${code}\` | ${c.pass} | ${c.fail} | ${c['n/a']} |`);
}
out.push('', '## Precision and recall per item (labelled set)', '');
if (labelledTranscripts === 0) {
  out.push(
    'No labelled transcripts yet: `server/data/qa/labelled/*.jsonl` is empty. The set is written by people other than the rules’ author (format: `server/data/qa/labelled/README.md`) and kept out of rule tuning.',
  );
} else {
  out.push(
    `${labelledTranscripts} labelled transcripts in ${labelledFiles.join(', ')}. Positive class: \`fail\` (a violation). n/a: items where the labeller or the engine said not applicable; a disagreement there counts as a false positive (engine failed) or a false negative (labeller failed) as well.`,
    '',
  );
  out.push(
    '| item | labelled | precision | recall | TP | FP | FN | TN | n/a agreement |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const code of DEFAULT_ITEM_CODES) {
    const t = tallies.get(code);
    if (!t) {
      out.push(`| \`${code}\` | 0 | — | — | | | | | |`);
      continue;
    }
    out.push(
      `| \`${code}\` | ${t.labelled} | ${ratio(t.tp, t.tp + t.fp)} | ${ratio(t.tp, t.tp + t.fn)} | ${t.tp} | ${t.fp} | ${t.fn} | ${t.tn} | ${ratio(t.naAgree, t.naTotal)} |`,
    );
  }
}
if (problems.length > 0)
  out.push('', `Lines skipped or questioned (${problems.length}):`, '', ...problems.slice(0, 30).map((p) => `- ${p}`));
const report = `${out.join('\n')}\n`;
process.stdout.write(report);
// What follows the notes marker in the report is written by hand (tuning history) and kept.
const NOTES = '<!-- notes: kept by bench:qa -->';
const previous = existsSync(REPORT) ? readFileSync(REPORT, 'utf8') : '';
const notes = previous.includes(NOTES) ? `\n${previous.slice(previous.indexOf(NOTES))}` : '';
if (!file && count === 10_000) writeFileSync(REPORT, report + notes);
else process.stdout.write(`\n(report not written: not the standard run)\n`);
