import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { TEST_PG_URL } from './db.ts';

/**
 * Template databases: the demo is migrated and seeded once per test run (per database kind and per recipe),
 * and every test file that wants it gets a copy — a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on
 * PostgreSQL. `scripts/test.mjs` creates a fresh folder for each run and names it in CARDDESK_TEST_TEMPLATES,
 * so a template never outlives the code that built it; it removes the folder and the PostgreSQL templates
 * when the run ends. Without that variable (a test file run by hand) there are no templates and each test
 * environment seeds its own database, as before.
 *
 * Test files run in parallel processes; the first to need a recipe builds it under a lock (a directory,
 * created atomically), the others wait for its description file.
 */
export const TEMPLATE_DIR = process.env.CARDDESK_TEST_TEMPLATES;

/** What a template was built from and how to copy it. */
export interface Template {
  kind: 'sqlite' | 'postgres';
  /** The SQLite file, or the PostgreSQL database name. */
  source: string;
  /** The keyring the seeded data is encrypted with; copies must use it. */
  masterKey: string;
}

/** Prefix of the PostgreSQL template databases of one run (scripts/test.mjs computes the same to drop them). */
export function pgTemplatePrefix(dir: string): string {
  return `carddesk_tmpl_${createHash('sha256').update(dir).digest('hex').slice(0, 10)}_`;
}

/** A stable digest of a recipe: everything that decides the template's contents. */
export function recipeDigest(recipe: unknown): string {
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex').slice(0, 24);
}

/**
 * The template for `recipe`, built by `build(url)` (migrate and seed on that database, then close every
 * connection) the first time any test process of this run asks for it.
 */
export async function obtainTemplate(
  dir: string,
  recipe: unknown,
  masterKey: string,
  build: (url: string, masterKey: string) => Promise<void>,
): Promise<Template> {
  const digest = recipeDigest({ recipe, db: TEST_PG_URL ? 'postgres' : 'sqlite' });
  const described = join(dir, `${digest}.json`);
  const lock = join(dir, `${digest}.lock`);
  for (;;) {
    if (existsSync(described)) return JSON.parse(readFileSync(described, 'utf8')) as Template;
    if (takeLock(lock)) {
      try {
        if (existsSync(described)) continue;
        const template = await buildTemplate(dir, digest, masterKey, build);
        writeFileSync(`${described}.tmp`, JSON.stringify(template));
        renameSync(`${described}.tmp`, described);
        return template;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    await sleep(100);
  }
}

/** The lock is a directory holding the builder's pid; a lock left by a process that died is broken. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    let pid = 0;
    try {
      pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
    } catch {
      return false; // being created right now
    }
    if (pid && !alive(pid)) rmSync(lock, { recursive: true, force: true });
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function buildTemplate(
  dir: string,
  digest: string,
  masterKey: string,
  build: (url: string, masterKey: string) => Promise<void>,
): Promise<Template> {
  if (TEST_PG_URL) {
    // Named after this run's folder, so parallel runs by other people on the same server never meet and the
    // runner can drop its own templates by prefix.
    const name = `${pgTemplatePrefix(dir)}${digest.slice(0, 16)}`;
    await pgAdmin(async (admin) => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    });
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    // `build` closes its pool: CREATE DATABASE … TEMPLATE refuses a template with open connections.
    await build(url.toString(), masterKey);
    return { kind: 'postgres', source: name, masterKey };
  }
  const file = join(dir, `${digest}.db`);
  rmSync(file, { force: true });
  await build(file, masterKey);
  // The server runs SQLite in WAL mode: fold the log into the file and leave one self-contained file to copy.
  const sqlite = new Database(file);
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  sqlite.close();
  return { kind: 'sqlite', source: file, masterKey };
}

/** A connection to the PostgreSQL server's admin database for CREATE/DROP DATABASE. */
export async function pgAdmin<T>(work: (admin: import('pg').Client) => Promise<T>): Promise<T> {
  const pg = await import('pg');
  const admin = new pg.default.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
