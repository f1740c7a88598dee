import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { isIntent } from '@carddesk/contracts';
import { readLabelledCsv } from './csv.ts';
import { BUILTIN_MODEL_FILE } from './engine.ts';
import { loadModelFile } from './model-file.ts';
import {
  assignSplits,
  freshTestIds,
  inFreshTestBucket,
  PRE_RESERVATION_FILES,
  REAL_DATA_DIR,
  type RealRow,
  readFreshTestRows,
  readRealRows,
  readSplitFile,
  realModelRows,
} from './real-data.ts';

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

  it('ships the fresh test set labelled, from the reserved bucket, apart from every other labelled row', () => {
    const fresh = readFreshTestRows();
    assert.ok(fresh.length >= 1400, `${fresh.length} fresh test rows`);
    const otherIds = new Set(readRealRows().map((r) => r.id));
    for (const r of fresh) {
      assert.ok(isIntent(r.label), `fresh row ${r.id}: ${r.label} is not an intent code`);
      assert.ok(inFreshTestBucket(r.id), `fresh row ${r.id} is outside the reserved bucket`);
      assert.ok(!otherIds.has(r.id), `fresh row ${r.id} is also a training, dev or test row`);
    }
  });

  it("keeps every fresh test id and every later row of the reserved bucket out of build-model's training rows", () => {
    const fresh = freshTestIds();
    assert.ok(fresh.size > 0);
    const { train, dev } = realModelRows();
    assert.ok(train.length > 10_000 && dev.length > 1_000);
    // Which file each id comes from: a reserved-bucket row is allowed only from a file pooled before the reservation.
    const fileOf = new Map<string, string>();
    const batches = new URL('batches/', REAL_DATA_DIR);
    for (const name of readdirSync(batches))
      for (const line of readFileSync(new URL(name, batches), 'utf8').trimEnd().split('\n').slice(1))
        fileOf.set(line.split('\t')[0] ?? '', name);
    for (const r of [...train, ...dev]) {
      assert.ok(!fresh.has(r.id), `fresh test row ${r.id} is a training row`);
      if (inFreshTestBucket(r.id))
        assert.match(
          fileOf.get(r.id) ?? '',
          PRE_RESERVATION_FILES,
          `row ${r.id} of the reserved bucket is a training row`,
        );
    }
  });

  it('drops a later batch row that is a fresh test id, in the reserved bucket, or a near-twin of a fresh row', () => {
    const root = mkdtempSync(join(tmpdir(), 'real-fresh-'));
    try {
      mkdirSync(join(root, 'batches'));
      const ids = Array.from({ length: 200 }, (_, i) => String(500_000 + i));
      const inBucket = ids.filter((id) => inFreshTestBucket(id));
      const outside = ids.filter((id) => !inFreshTestBucket(id));
      const [freshId = '', laterBucket = '', oldBucket = ''] = inBucket;
      const [kept = '', twin = '', plain = ''] = outside;
      const tsv = (rows: string[][]) => `id\ttext\tlabel\n${rows.map((r) => r.join('\t')).join('\n')}\n`;
      writeFileSync(
        join(root, 'batches', 'fresh-test-01.tsv'),
        tsv([[freshId, '信用卡怎么提升额度呢', 'limit_increase']]),
      );
      writeFileSync(join(root, 'batches', 'extra-01.tsv'), tsv([[oldBucket, '年费怎么收', 'annual_fee']]));
      writeFileSync(
        join(root, 'batches', 'extra-61.tsv'),
        tsv([
          [freshId, '信用卡怎么提升额度呢', 'limit_increase'],
          [laterBucket, '信用卡怎么还款', 'repayment_method'],
          [twin, '信用卡怎么提升额度呢？', 'limit_increase'],
          [kept, '积分怎么兑换', 'points_rewards'],
          [plain, '卡丢了怎么办', 'card_loss_report'],
        ]),
      );
      const dir = pathToFileURL(`${root}/`);
      const ids2 = readRealRows(dir).map((r) => r.id);
      assert.deepEqual(ids2.sort(), [oldBucket, kept, plain].sort());
      const splits = assignSplits(readRealRows(dir), new Map());
      writeFileSync(join(root, 'split.tsv'), `id\tsplit\n${[...splits].map(([id, s]) => `${id}\t${s}`).join('\n')}\n`);
      const { train, dev } = realModelRows(dir);
      const used = new Set([...train, ...dev].map((r) => r.id));
      for (const id of [freshId, laterBucket, twin]) assert.ok(!used.has(id), `row ${id} reached training`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('ships a model built from exactly the rows build-model takes now (no fresh test or reserved-bucket row)', () => {
    // The model file records how many rows trained it and how many tuned it (team dev + real dev). A model
    // built before the reserved bucket was enforced trained on 240 more real rows, 47 of them fresh test
    // questions; rebuilding with scripts/nlu-build-model.ts after the data changes keeps this true.
    const info = loadModelFile(BUILTIN_MODEL_FILE).info as unknown as { trainRows: number; devRows: number };
    const team = (file: string) => readLabelledCsv(new URL(`../${file}`, REAL_DATA_DIR)).length;
    const { train, dev } = realModelRows();
    assert.equal(info.trainRows, team('train.csv') + train.length);
    assert.equal(info.devRows, team('dev.csv') + dev.length);
  });
});
