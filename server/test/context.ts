import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createRuntime, type Runtime, seedDemo } from '../src/bootstrap.ts';
import { type Config, loadConfig } from '../src/config.ts';
import { modules as allModules } from '../src/modules/index.ts';
import type { DemoSeedOptions, ModuleDef } from '../src/modules/module.ts';
import { systemActor } from '../src/platform/auth/actor.ts';
import { ManualClock } from '../src/platform/clock.ts';
import type { Ctx } from '../src/platform/context.ts';
import type { EventBus } from '../src/platform/events/bus.ts';
import { generateKeySpec } from '../src/platform/pii/keyring.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { obtainTemplate, TEMPLATE_DIR } from './template.ts';

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
  const start = options.start ?? '2026-11-02T02:00:00Z';
  const modules = options.modules ?? allModules;
  const seeded = await seededCopy(options, start, modules);
  const db = seeded?.db ?? options.db ?? (await createTestDatabase());
  const masterKey = seeded?.masterKey ?? options.masterKey ?? generateKeySpec('t1');
  const clock = new ManualClock(start);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = testConfig(db.url, masterKey, options.env);
  const runtimeOptions = {
    clock,
    logDestination: sink,
    modules,
    ...(options.events ? { events: options.events } : {}),
  };
  const runtime = await createRuntime(config, runtimeOptions);
  if (options.seed !== false && !seeded) {
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

/** The configuration every test runtime gets: demo mode, the demo password, cheap password hashes. */
export function testConfig(url: string, masterKey: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: url,
    CARDDESK_MASTER_KEY: masterKey,
    CARDDESK_DEMO: '1',
    CARDDESK_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'info',
    NODE_ENV: 'test',
    CARDDESK_TEST_CHEAP_PASSWORD_HASH: '1',
    // Suites move the clock by hours between requests with one token; the idle timeout has its own test.
    CARDDESK_SESSION_IDLE_MINUTES: '720',
    ...env,
  });
}

/**
 * A copy of this run's template for the default demo (server/test/template.ts), or undefined when the
 * environment must seed its own: no template folder, seeding off or custom, a database or key given by the
 * test, or a module the template cannot stand for (one of the test's own that seeds or initialises data).
 */
async function seededCopy(
  options: TestEnvOptions,
  start: string,
  modules: readonly ModuleDef[],
): Promise<{ db: TestDatabase; masterKey: string } | undefined> {
  if (!TEMPLATE_DIR || options.db || options.masterKey) return undefined;
  if (options.seed !== undefined && options.seed !== true) return undefined;
  // Modules that write data at boot or seed decide the template's contents; they are known by name only
  // when they are the product's own.
  const writers = modules.filter((m) => m.init || m.seedDemo);
  if (writers.some((m) => !allModules.includes(m))) return undefined;
  // The seeded rows carry the clock's time, so the start is part of the recipe, as are the settings.
  const recipe = { start, modules: writers.map((m) => m.name), env: options.env ?? {}, demo: TEST_DEMO };
  const template = await obtainTemplate(TEMPLATE_DIR, recipe, generateKeySpec('t1'), async (url, masterKey) => {
    const runtime = await createRuntime(testConfig(url, masterKey, options.env), {
      clock: new ManualClock(start),
      logDestination: new Writable({ write: (_chunk, _enc, cb) => cb() }),
      modules,
    });
    await seedDemo(runtime, TEST_DEMO);
    await runtime.close();
  });
  return { db: await createTestDatabase({ copyOf: template }), masterKey: template.masterKey };
}
