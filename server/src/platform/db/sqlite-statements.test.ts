import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { type Generated, Kysely, SqliteDialect, sql } from 'kysely';
import { StatementCache } from './sqlite-statements.ts';

function fresh(capacity?: number) {
  const raw = new Database(':memory:');
  raw.exec('create table t (id integer primary key, v text)');
  raw.exec("insert into t (v) values ('a'), ('b'), ('c')");
  return { raw, cache: new StatementCache(raw, capacity) };
}

test('the same SQL text reuses one prepared statement; other text gets its own', () => {
  const { cache } = fresh();
  const a = cache.prepare('select v from t where id = ?');
  const b = cache.prepare('select v from t where id = ?');
  const c = cache.prepare('select v from t where id > ?');
  assert.equal(a, b);
  assert.notEqual(a, c);
  assert.deepEqual(b.all([2]), [{ v: 'b' }]);
  assert.deepEqual(a.all([3]), [{ v: 'c' }]);
  cache.close();
});

test('keeps at most `capacity` statements, dropping the least recently used', () => {
  const { cache } = fresh(2);
  const one = cache.prepare('select 1');
  cache.prepare('select 2');
  assert.equal(cache.prepare('select 1'), one); // now the most recent
  cache.prepare('select 3'); // evicts "select 2"
  assert.equal(cache.size, 2);
  assert.equal(cache.prepare('select 1'), one);
  cache.close();
});

test('a statement still iterating is not handed out again: the nested query gets a fresh one', () => {
  const { cache } = fresh();
  const text = 'select v from t order by id';
  const outer = cache.prepare(text);
  const seen: string[] = [];
  for (const row of outer.iterate([]) as IterableIterator<{ v: string }>) {
    const inner = cache.prepare(text);
    assert.notEqual(inner, outer);
    seen.push(`${row.v}${(inner.all([]) as Array<{ v: string }>).length}`);
  }
  assert.deepEqual(seen, ['a3', 'b3', 'c3']);
  assert.equal(cache.prepare(text), outer); // free again after the iteration
  cache.close();
});

test('a cached statement sees a schema change (SQLite re-prepares it)', () => {
  const { raw, cache } = fresh();
  const text = 'select * from t where id = 1';
  assert.deepEqual(Object.keys(cache.prepare(text).all([])[0] as object), ['id', 'v']);
  raw.exec("alter table t add column w text not null default 'x'");
  assert.deepEqual(cache.prepare(text).all([]), [{ id: 1, v: 'a', w: 'x' }]);
  cache.close();
});

test('Kysely over the cache: reads, writes and transactions behave as over better-sqlite3', async () => {
  const { raw, cache } = fresh();
  const db = new Kysely<{ t: { id: Generated<number>; v: string } }>({
    dialect: new SqliteDialect({ database: cache }),
  });
  for (let i = 0; i < 3; i++) {
    await db
      .insertInto('t')
      .values({ v: `n${i}` })
      .execute();
  }
  await assert.rejects(
    db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ v: 'rolled back' }).execute();
      throw new Error('stop');
    }),
  );
  const rows = await db.selectFrom('t').select('v').where('id', '>', 3).orderBy('id').execute();
  assert.deepEqual(
    rows.map((r) => r.v),
    ['n0', 'n1', 'n2'],
  );
  const { rows: count } = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
  assert.equal(count[0]?.n, 6);
  await db.destroy();
  assert.equal(raw.open, false);
});
