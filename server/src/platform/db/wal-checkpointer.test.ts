import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openDb } from './dialect.ts';
import { BACKSTOP_PAGES, type CheckpointReport, startWalCheckpointer } from './wal-checkpointer.ts';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'carddesk-wal-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('the worker copies the log into the database file while this connection never checkpoints', async (t) => {
  const file = join(tempDir(t), 'wal.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0'); // only the worker may checkpoint
  db.exec('create table t (id integer primary key, v text)');
  const insert = db.prepare('insert into t (v) values (?)');
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
  })();
  const before = statSync(file).size;
  const reports: CheckpointReport[] = [];
  let ended = false;
  const checkpointer = startWalCheckpointer(file, {
    intervalMs: 10,
    onCheckpoint: (r) => reports.push(r),
    onEnded: () => {
      ended = true;
    },
  });
  const deadline = Date.now() + 10_000;
  while (!reports.some((r) => r.logFrames > 0 && r.checkpointedFrames === r.logFrames) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await checkpointer.stop();
  assert.equal(ended, false, 'a worker that was stopped did not end on its own');
  assert.ok(
    reports.some((r) => r.logFrames > 0 && r.checkpointedFrames === r.logFrames),
    `a full checkpoint was reported (${JSON.stringify(reports.slice(-3))})`,
  );
  // About a megabyte of rows reached the database file itself, not just the log.
  assert.ok(statSync(file).size > before + 900_000, `file grew from ${before} to ${statSync(file).size}`);
  assert.equal((db.prepare('select count(*) as n from t').get() as { n: number }).n, 2000);
  db.close();
});

test('a worker that cannot open the database reports it and ends, so the server can fall back', async (t) => {
  const file = join(tempDir(t), 'missing.db');
  const errors: Error[] = [];
  const ended = new Promise<void>((resolve) => {
    startWalCheckpointer(file, { intervalMs: 10, onError: (e) => errors.push(e), onEnded: resolve });
  });
  const keepAlive = setTimeout(() => {}, 10_000); // the worker itself never holds the process open
  await ended; // without stop(): the worker ended by itself
  clearTimeout(keepAlive);
  assert.equal(errors.length, 1);
  assert.match(errors[0]?.message ?? '', /unable to open|does not exist/i);
});

test('openDb with background checkpoints raises the in-line threshold to the backstop and closes cleanly', async (t) => {
  const file = join(tempDir(t), 'app.db');
  const opened = await openDb(file, { backgroundCheckpoints: true });
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(opened.db);
  assert.equal(rows[0]?.wal_autocheckpoint, BACKSTOP_PAGES);
  await sql`create table t (id integer primary key)`.execute(opened.db);
  await sql`insert into t (id) values (1)`.execute(opened.db);
  await opened.close();
  const reopened = new Database(file, { readonly: true });
  assert.equal((reopened.prepare('select count(*) as n from t').get() as { n: number }).n, 1);
  reopened.close();

  const plain = await openDb(join(tempDir(t), 'plain.db'));
  const { rows: plainRows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(plain.db);
  assert.equal(plainRows[0]?.wal_autocheckpoint, 1000, 'without the option SQLite checkpoints in line as usual');
  await plain.close();
});
