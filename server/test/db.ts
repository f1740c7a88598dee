import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Template } from './template.ts';

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

/** `copyOf`: start as a copy of a template database (server/test/template.ts) instead of empty. */
export async function createTestDatabase(options: { copyOf?: Template } = {}): Promise<TestDatabase> {
  const template = options.copyOf;
  if (TEST_PG_URL) {
    const pg = await import('pg');
    const name = `carddesk_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.default.Client({ connectionString: TEST_PG_URL });
    await admin.connect();
    await createPgDatabase(admin, name, template?.source);
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
  if (template) copyFileSync(template.source, join(dir, 'test.db'));
  return {
    url: join(dir, 'test.db'),
    kind: 'sqlite',
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * CREATE DATABASE, from a template when given. PostgreSQL refuses to copy a template while another session
 * is connected to it; a parallel copy from the same template can meet that for an instant, so it is retried.
 */
async function createPgDatabase(admin: import('pg').Client, name: string, template?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query(template ? `create database ${name} template ${template}` : `create database ${name}`);
      return;
    } catch (err) {
      if (!template || (err as { code?: string }).code !== '55006' || attempt >= 50) throw err;
      await sleep(100);
    }
  }
}
