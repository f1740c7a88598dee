import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../../server/scripts/build.ts';
import { generateKeySpec } from '../../server/src/platform/pii/keyring.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/db.ts';
import { DEMO_PASSWORD } from './harness.ts';

/**
 * `npm start` runs the production build (server/dist/main.mjs) under plain Node, not the sources through
 * the TypeScript loader the other tests use. This drives that build as a deployment would: its own process,
 * demo data, and the files it must find beside it (NLU model and dictionaries, knowledge seed, web app).
 */
const MAIN = fileURLToPath(new URL('../../server/dist/main.mjs', import.meta.url));
const WEB_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));

describe('production build', () => {
  let db: TestDatabase;
  let server: ChildProcess;
  let base = '';
  let exit: Promise<number | null>;

  before(async () => {
    await buildServer();
    db = await createTestDatabase();
    server = spawn(process.execPath, [MAIN, '--demo'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.url,
        CARDDESK_MASTER_KEY: generateKeySpec('build'),
        CARDDESK_DEMO_PASSWORD: DEMO_PASSWORD,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    exit = new Promise((done) => server.once('exit', (code) => done(code)));
    base = await new Promise<string>((ready, fail) => {
      let seen = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        seen += String(chunk);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
        if (m?.[1]) ready(m[1]);
      });
      server.once('exit', (code) => fail(new Error(`server exited with ${code} before listening:\n${seen}`)));
    });
  });

  after(async () => {
    if (server.exitCode === null) server.kill('SIGKILL');
    await db.drop();
  });

  async function signIn(): Promise<Record<string, string>> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'agent', password: DEMO_PASSWORD }),
    });
    assert.equal(res.status, 200);
    const { token } = (await res.json()) as { token: string };
    return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  }

  it('starts on its database with the demo data', async () => {
    const health = (await (await fetch(`${base}/api/health`)).json()) as { status: string; db: string };
    assert.deepEqual(health, { status: 'ok', db: db.kind });
  });

  it('loads the built-in NLU model and dictionaries from the server package', async () => {
    const res = await fetch(`${base}/api/nlu/analyze`, {
      method: 'POST',
      headers: await signIn(),
      body: JSON.stringify({ text: '我的信用卡丢了,快帮我挂失' }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { type: string; intent: string };
    assert.equal(body.type, 'emergency');
    assert.equal(body.intent, 'card_loss_report');
  });

  it('seeded the knowledge base from the shipped articles', async () => {
    const res = await fetch(`${base}/api/kb/search?q=${encodeURIComponent('年费')}`, { headers: await signIn() });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { results: Array<{ id: string }> };
    assert.ok(body.results.some((r) => r.id === 'faq-annual-fee-amount'));
  });

  it('serves the web application', { skip: !existsSync(WEB_INDEX) && 'web/dist is missing' }, async () => {
    const res = await fetch(`${base}/customers/anything`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await res.text(), /<div id="root">/);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    server.kill('SIGTERM');
    assert.equal(await exit, 0);
  });
});
