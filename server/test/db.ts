import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Each test database is its own: a fresh SQLite file, or — when CARDDESK_TEST_PG names a PostgreSQL
 * server — a database with a unique name created for the test and dropped after it, so runs never share
 * state with each other or with what an earlier run left behind.
 */
export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'postgres';
  drop(): Promise<void>;
}

export const TEST_PG_URL = process.env.CARDDESK_TEST_PG;

export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_PG_URL) {
    const pg = await import('pg');
    const name = `carddesk_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.default.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'postgres',
      async drop() {
        const c = new pg.default.Client({ connectionString: TEST_PG_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'carddesk-test-'));
  return {
    url: join(dir, 'test.db'),
    kind: 'sqlite',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
