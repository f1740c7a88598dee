import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  type SelectQueryBuilder,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import type { Database, Executor } from './database.ts';
import { StatementCache } from './sqlite-statements.ts';
import { BACKSTOP_PAGES, SQLITE_DEFAULT_PAGES, startWalCheckpointer } from './wal-checkpointer.ts';

/**
 * Everything that differs between SQLite and PostgreSQL lives in this file. The rest of the code writes
 * one query and calls these helpers where the dialects part ways.
 */
export type DbKind = 'sqlite' | 'postgres';

export function kindOf(db: Executor): DbKind {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** Row lock for read-modify-write. SQLite serialises writers already, so only PostgreSQL needs FOR UPDATE. */
export function forUpdate<DB, TB extends keyof DB, O>(
  db: Executor,
  qb: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return kindOf(db) === 'postgres' ? qb.forUpdate() : qb;
}

/**
 * A transaction-scoped lock on a name (e.g. the audit chain head). PostgreSQL takes an advisory lock that
 * is released at commit; on SQLite the write transaction is already exclusive.
 */
export async function lockName(db: Executor, name: string): Promise<void> {
  if (kindOf(db) !== 'postgres') return;
  await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(db);
}

const afterCommitQueues = new WeakMap<object, Array<() => void>>();

/**
 * Runs `fn` in a transaction, or inside the caller's transaction when `db` already is one. Given a context
 * (anything with `db`), `fn` gets the same context on the transaction: `inTransaction(ctx, (tctx) => …)`.
 */
export function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T>;
export function inTransaction<C extends { db: Executor }, T>(ctx: C, fn: (tctx: C) => Promise<T>): Promise<T>;
export function inTransaction<T>(
  dbOrCtx: Executor | { db: Executor },
  fn: ((trx: Executor) => Promise<T>) | ((tctx: { db: Executor }) => Promise<T>),
): Promise<T> {
  if ('getExecutor' in dbOrCtx) return inDbTransaction(dbOrCtx, fn as (trx: Executor) => Promise<T>);
  const ctx = dbOrCtx;
  return inDbTransaction(ctx.db, (trx) => (fn as (tctx: { db: Executor }) => Promise<T>)({ ...ctx, db: trx }));
}

async function inDbTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  const queue: Array<() => void> = [];
  const result = await db.transaction().execute((trx) => {
    afterCommitQueues.set(trx, queue);
    return fn(trx);
  });
  runQueue(queue);
  return result;
}

/**
 * Defers `fn` (publishing a live event, say) until the transaction `db` belongs to has committed, so no
 * one hears of a change that was rolled back. Outside a transaction it runs at once.
 */
export function afterCommit(db: Executor, fn: () => void): void {
  const queue = db.isTransaction ? afterCommitQueues.get(db) : undefined;
  if (queue) queue.push(fn);
  else fn();
}

/** For a transaction opened by hand (`startTransaction`): attach a queue and get the runner for after commit. */
export function trackAfterCommit(trx: Executor): () => void {
  const queue: Array<() => void> = [];
  afterCommitQueues.set(trx, queue);
  return () => runQueue(queue);
}

function runQueue(queue: Array<() => void>): void {
  for (const fn of queue.splice(0)) {
    try {
      fn();
    } catch {
      // An after-commit callback must not turn a committed change into a reported failure.
    }
  }
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken up front, so a read-then-write
 * transaction in another process (the CLI beside a running server) waits instead of failing to upgrade.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export const boolToDb = (b: boolean): number => (b ? 1 : 0);
export const boolFromDb = (v: number | boolean | null | undefined): boolean => v === 1 || v === true;

export interface OpenedDb {
  db: Kysely<Database>;
  kind: DbKind;
  close(): Promise<void>;
}

let pgParsersSet = false;

/** Opens SQLite (a file path or `:memory:`) or PostgreSQL (a postgres:// URL). */
export async function openDb(
  url: string,
  options: {
    poolSize?: number;
    onIdleError?: (err: Error) => void;
    /** SQLite file: checkpoint the WAL on a worker thread (see `wal-checkpointer.ts`); for a long-running server. */
    backgroundCheckpoints?: boolean;
    onCheckpointError?: (err: Error) => void;
  } = {},
): Promise<OpenedDb> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pg = await import('pg');
    if (!pgParsersSet) {
      // BIGINT (fen, counts) and NUMERIC come back as strings by default; fen always fits a JS number.
      pg.default.types.setTypeParser(20, (v: string) => Number(v));
      pgParsersSet = true;
    }
    const pool = new pg.default.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle client whose connection the server ends (a restart, a failover, an admin's terminate) emits
    // 'error' on the pool; unhandled, that would crash the process. The pool replaces the client, and
    // the next query reports any lasting outage as an ordinary error.
    pool.on('error', (err) => options.onIdleError?.(err));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { default: SQLite } = await import('better-sqlite3');
  if (url !== ':memory:') {
    const { mkdirSync } = await import('node:fs');
    const { dirname } = await import('node:path');
    mkdirSync(dirname(url), { recursive: true });
  }
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 16 MiB of page cache instead of SQLite's 2 MiB: a 360 view touches a few dozen scattered pages of a
  // large ledger, and with the default most of them are read from the OS again. On the 100k-customer set
  // 16 MiB gets most of what 64 MiB does (recent transactions 0.26 vs 0.23 ms; 2 MiB: 0.39 ms) for a
  // quarter of the resident memory.
  sqlite.pragma('cache_size = -16384');
  const checkpointer =
    options.backgroundCheckpoints && url !== ':memory:'
      ? startWalCheckpointer(url, {
          onError: (err) => options.onCheckpointError?.(err),
          onEnded: () => sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`),
        })
      : null;
  if (checkpointer) sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: new StatementCache(sqlite) }),
  });
  return {
    db,
    kind: 'sqlite',
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
