/**
 * Inter-annotator agreement of the real-data labels. Prints the share of rows with the same label, Cohen's kappa
 * and the most frequent disagreements.
 *  - default: `second-pass.tsv` holds a blind second labelling (by a team member who had not seen the first
 *    labels) of 500 rows drawn at random from the labelled batches;
 *  - `--fresh`: the fresh test set. `fresh-test-second-pass.tsv` (`id	text	label`) is a blind second labelling of
 *    a shuffled sample of its rows; `--fresh --draw N` writes that sample (ids and texts, label empty, fixed seed)
 *    when the file does not exist yet. Where the two passes disagree the row was re-read and adjudicated: the
 *    fresh-test files hold the adjudicated label and `fresh-test-adjudication.tsv` (`id	first	second	final`)
 *    keeps the first label, so the agreement is always that of the two blind passes.
 *  - `--fresh-blind`: the fresh test set against `fresh-test-blind.tsv` (`id	text	label`), an independent blind
 *    second labelling of 500 fresh rows (the first 500 ids by sha256 of `"blind-2:" + id`, cut from the fresh-test
 *    files without their label column). Every disagreement was re-read and adjudicated into
 *    `fresh-test-blind-adjudication.tsv` (`id	first	blind	final	why`); the fresh-test files hold the final label,
 *    so the first label is read from that file and the agreement printed is that before adjudication. Prints the
 *    whole confusion list (first → blind) and checks that each disagreement was adjudicated.
 * Run from `server/`: `node --import tsx scripts/nlu-real-agreement.ts [--fresh [--draw N] | --fresh-blind]`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { REAL_DATA_DIR, readFreshTestRows, readRealRows } from '../src/modules/nlu/real-data.ts';
import { mulberry32 } from '../src/platform/random.ts';

function tsvRows(name: string): string[][] {
  return readFileSync(new URL(name, REAL_DATA_DIR), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

function report(pairs: ReadonlyArray<readonly [first: string, second: string]>, shown = 10): void {
  const n = pairs.length;
  const firstCounts = new Map<string, number>();
  const secondCounts = new Map<string, number>();
  const disagreements = new Map<string, number>();
  let same = 0;
  for (const [a, b] of pairs) {
    firstCounts.set(a, (firstCounts.get(a) ?? 0) + 1);
    secondCounts.set(b, (secondCounts.get(b) ?? 0) + 1);
    if (a === b) same++;
    else disagreements.set(`${a} → ${b}`, (disagreements.get(`${a} → ${b}`) ?? 0) + 1);
  }
  const observed = same / n;
  let expected = 0;
  for (const [label, c] of firstCounts) expected += (c / n) * ((secondCounts.get(label) ?? 0) / n);
  const kappa = (observed - expected) / (1 - expected);
  console.log(`${n} rows, same label ${same} (${(observed * 100).toFixed(1)}%), Cohen's kappa ${kappa.toFixed(3)}`);
  for (const [pair, c] of [...disagreements].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, shown))
    console.log(`  ${c}  ${pair}`);
}

const SECOND_PASS_SEED = 16_2028;
const BLIND_ADJUDICATION = 'fresh-test-blind-adjudication.tsv';

/** The blind pass's adjudication (`id → first, blind, final`), empty until it is written. */
function blindAdjudication(): Map<string, { first: string; blind: string; final: string }> {
  const out = new Map<string, { first: string; blind: string; final: string }>();
  if (existsSync(new URL(BLIND_ADJUDICATION, REAL_DATA_DIR)))
    for (const [id = '', first = '', blind = '', final = ''] of tsvRows(BLIND_ADJUDICATION))
      out.set(id, { first, blind, final });
  return out;
}

if (process.argv.includes('--fresh-blind')) {
  const sampleFile = 'fresh-test-blind.tsv';
  const final = new Map(readFreshTestRows().map((r) => [r.id, r.label]));
  const adjudicated = blindAdjudication();
  const rows = tsvRows(sampleFile).map(([id = '', , blind = '']) => {
    const first = adjudicated.get(id)?.first ?? final.get(id);
    if (first === undefined) throw new Error(`row ${id} of ${sampleFile} is not labelled in the fresh test files`);
    if (!blind.trim()) throw new Error(`row ${id} of ${sampleFile} has no blind label`);
    return { id, first, blind: blind.trim() };
  });
  console.log('before adjudication (first → blind):');
  report(
    rows.map((r) => [r.first, r.blind] as const),
    Number.POSITIVE_INFINITY,
  );
  const disagreeing = rows.filter((r) => r.first !== r.blind);
  const missing = disagreeing.filter((r) => !adjudicated.has(r.id)).map((r) => r.id);
  if (missing.length) console.log(`not adjudicated yet: ${missing.length} (${missing.join(', ')})`);
  if (adjudicated.size) {
    for (const [id, a] of adjudicated)
      if (final.get(id) !== a.final)
        throw new Error(`row ${id}: fresh-test files hold ${final.get(id)}, adjudicated ${a.final}`);
    const changed = [...adjudicated.values()].filter((a) => a.final !== a.first).length;
    const blindKept = [...adjudicated.values()].filter((a) => a.final === a.blind).length;
    console.log(
      `adjudicated: ${adjudicated.size} disagreements re-read, ${changed} first labels changed (${blindKept} to the blind label)`,
    );
  }
} else if (process.argv.includes('--fresh')) {
  const drawAt = process.argv.indexOf('--draw');
  const sampleFile = 'fresh-test-second-pass.tsv';
  if (drawAt > 0) {
    if (existsSync(new URL(sampleFile, REAL_DATA_DIR))) throw new Error(`${sampleFile} exists: it is drawn once`);
    const size = Number(process.argv[drawAt + 1]);
    const rows = readFreshTestRows();
    const random = mulberry32(SECOND_PASS_SEED);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [rows[i], rows[j]] = [rows[j] as (typeof rows)[0], rows[i] as (typeof rows)[0]];
    }
    const sample = rows.slice(0, size);
    writeFileSync(
      new URL(sampleFile, REAL_DATA_DIR),
      `id\ttext\tlabel\n${sample.map((r) => `${r.id}\t${r.text}\t`).join('\n')}\n`,
    );
    console.log(`${sample.length} rows written to ${sampleFile} (label column empty)`);
  } else {
    // the labels as this pass's adjudication left them, before the blind pass's adjudication changed some
    const blind = blindAdjudication();
    const final = new Map(readFreshTestRows().map((r) => [r.id, blind.get(r.id)?.first ?? r.label]));
    const adjudicationFile = new URL('fresh-test-adjudication.tsv', REAL_DATA_DIR);
    const firstOf = new Map<string, string>();
    if (existsSync(adjudicationFile))
      for (const [id = '', first = ''] of tsvRows('fresh-test-adjudication.tsv')) firstOf.set(id, first);
    const pairs = tsvRows(sampleFile).map(([id = '', , second = '']) => {
      const first = firstOf.get(id) ?? final.get(id);
      if (first === undefined) throw new Error(`row ${id} of ${sampleFile} is not labelled in the fresh test files`);
      if (!second.trim()) throw new Error(`row ${id} of ${sampleFile} has no second label`);
      return [first, second.trim()] as const;
    });
    report(pairs);
    const changed = [...firstOf].filter(([id, first]) => final.get(id) !== first).length;
    console.log(`adjudicated: ${firstOf.size} disagreements re-read, ${changed} first labels changed`);
  }
} else {
  const first = new Map(readRealRows().map((r) => [r.id, r.label]));
  report(
    tsvRows('second-pass.tsv').map(([id = '', label = '']) => {
      const a = first.get(id);
      if (a === undefined) throw new Error(`row ${id} of second-pass.tsv is not labelled in the batches`);
      return [a, label] as const;
    }),
  );
}
