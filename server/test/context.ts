import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createRuntime, type Runtime, seedDemo } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { modules as allModules } from '../src/modules/index.ts';
import type { DemoSeedOptions, ModuleDef } from '../src/modules/module.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { Ctx } from '../src/platform/context.ts';
import type { EventBus } from '../src/platform/events/bus.ts';
import { generateKeySpec } from '../src/platform/pii/keyring.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export const DEMO_PASSWORD = 'carddesk-demo';
/** Demo data small enough for a fast suite. */
export const TEST_DEMO: DemoSeedOptions = { customers: 12, months: 3, seed: 7 };

export interface TestEnv {
  db: TestDatabase;
  runtime: Runtime;
  app: FastifyInstance;
  clock: ManualClock;
  /** Everything the server logged, as raw JSON lines. */
  logs: string[];
  /** A context acting as the system (for arranging data in tests). */
  system: Ctx;
  login(username: string, password?: string): Promise<string>;
  /** `app.inject` with a bearer token for `as`. */
  request(options: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  /** Closes the app and runtime but keeps the database (for restart tests). */
  stop(): Promise<void>;
  /** A second runtime + app on the same database, as after a restart. */
  restart(): Promise<TestEnv>;
  close(): Promise<void>;
}

export interface TestEnvOptions {
  start?: string;
  seed?: boolean | DemoSeedOptions;
  modules?: readonly ModuleDef[];
  env?: Record<string, string>;
  events?: EventBus;
  db?: TestDatabase;
  masterKey?: string;
}

/** A real server on a real database (SQLite file, or PostgreSQL when CARDDESK_TEST_PG is set). */
export async function createTestEnv(options: TestEnvOptions = {}): Promise<TestEnv> {
  const db = options.db ?? (await createTestDatabase());
  const masterKey = options.masterKey ?? generateKeySpec('t1');
  const clock = new ManualClock(options.start ?? '2026-11-02T02:00:00Z');
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = loadConfig({
    DATABASE_URL: db.url,
    CARDDESK_MASTER_KEY: masterKey,
    CARDDESK_DEMO: '1',
    CARDDESK_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'info',
    // Suites move the clock by hours between requests with one token; the idle timeout has its own test.
    CARDDESK_SESSION_IDLE_MINUTES: '720',
    ...options.env,
  });
  const runtimeOptions = {
    clock,
    logDestination: sink,
    modules: options.modules ?? allModules,
    ...(options.events ? { events: options.events } : {}),
  };
  const runtime = await createRuntime(config, runtimeOptions);
  if (options.seed !== false) {
    await seedDemo(runtime, typeof options.seed === 'object' ? options.seed : TEST_DEMO);
  }
  const app = await buildApp(runtime.deps, runtime.modules);
  await app.ready();
  const tokens = new Map<string, string>();

  const env: TestEnv = {
    db,
    runtime,
    app,
    clock,
    logs,
    system: { ...runtime.deps, actor: systemActor('test') },
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const token = (res.json() as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async request({ as, ...opts }) {
      const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
      if (as) headers.authorization = `Bearer ${tokens.get(as) ?? (await env.login(as))}`;
      return app.inject({ ...opts, headers });
    },
    async stop() {
      await app.close();
      await runtime.close();
    },
    async restart() {
      await env.stop();
      return createTestEnv({ ...options, db, masterKey, seed: false, start: clock.now().toISOString() });
    },
    async close() {
      await env.stop();
      await db.drop();
    },
  };
  return env;
}
