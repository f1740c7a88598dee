import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { type Config, dbKind } from './config.ts';
import { modules as allModules, moduleMigrations } from './modules/index.ts';
import type { DemoSeedOptions, ModuleDef } from './modules/module.ts';
import { audit, sealLegacyAuditChain } from './platform/audit.ts';
import { systemActor } from './platform/auth/actor.ts';
import { requireCustomerAccess } from './platform/auth/customer-access.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Ctx, Deps } from './platform/context.ts';
import { openDb } from './platform/db/dialect.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { type EventBus, InProcessBus } from './platform/events/bus.ts';
import { RedisBus } from './platform/events/redis-bus.ts';
import { initHousekeeping, platformJobs } from './platform/housekeeping.ts';
import { type JobHandlers, JobWorker } from './platform/jobs/worker.ts';
import { createLogger } from './platform/logger.ts';
import { generateKeySpec, Keyring } from './platform/pii/keyring.ts';
import { ensureFirstAdmin, seedDemoUsers, seedDepartments } from './platform/seed.ts';

export interface Runtime {
  deps: Deps;
  modules: readonly ModuleDef[];
  worker: JobWorker;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logDestination?: DestinationStream;
  modules?: readonly ModuleDef[];
  /** Events bus override (tests share one between two runtimes). */
  events?: EventBus;
  /** A long-running server on a SQLite file: WAL checkpoints off the event loop (`db/wal-checkpointer.ts`). */
  backgroundCheckpoints?: boolean;
}

/**
 * The composition root's building block, shared by the server, the CLI and tests: opens and migrates the
 * database, loads keys, wires events and the job worker. No business logic.
 */
export async function createRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = createLogger(config.LOG_LEVEL, options.logDestination);
  const opened = await openDb(config.DATABASE_URL, {
    onIdleError: (err) => log.warn({ err }, 'database connection lost; the pool will reconnect'),
    backgroundCheckpoints: options.backgroundCheckpoints ?? false,
    onCheckpointError: (err) => log.warn({ err }, 'background WAL checkpoint failed'),
  });
  // Every module's tables, whichever modules this runtime runs: the schema is one.
  await migrateToLatest(opened.db, moduleMigrations(allModules));
  const keyring = new Keyring(masterKeySpec(config), config.CARDDESK_BLIND_INDEX_KEY_ID, config.CARDDESK_AUDIT_KEY_ID);
  // A chain written before the audit log was keyed gets its signed head once (audit.ts).
  await sealLegacyAuditChain(opened.db, keyring);
  const events = options.events ?? (config.REDIS_URL ? await RedisBus.connect(config.REDIS_URL) : new InProcessBus());
  const modules = options.modules ?? allModules;
  const accessRules = modules.flatMap((m) => m.accessRules ?? []);
  const deps: Deps = {
    access: { require: (ctx, request) => requireCustomerAccess(ctx, accessRules, request) },
    customerViews: modules.flatMap((m) => m.customerViews ?? []),
    hooks: modules.flatMap((m) => m.hooks ?? []),
    config,
    db: opened.db,
    dbKind: opened.kind,
    clock: options.clock ?? systemClock,
    keyring,
    events,
    log,
  };
  for (const m of modules) await m.init?.(deps);
  const handlers: JobHandlers = { ...platformJobs };
  await initHousekeeping(deps);
  for (const m of modules) {
    for (const [kind, handler] of Object.entries(m.jobs ?? {})) {
      if (handlers[kind]) throw new Error(`job kind "${kind}" is registered twice (module ${m.name})`);
      handlers[kind] = handler;
    }
  }
  const worker = new JobWorker(deps, handlers);
  return {
    deps,
    modules,
    worker,
    async close() {
      await worker.stop();
      if (!options.events) await events.close();
      await opened.close();
    },
  };
}

/**
 * The master keyring. In demo mode, when none is given, one is generated once into the data folder
 * (readable by the owner only) so the embedded default needs no set-up. Outside demo mode the key must be
 * given in CARDDESK_MASTER_KEY: a key file left in the data folder is never picked up silently (it would
 * encrypt real customers' data under a demo key sitting next to the database).
 */
function masterKeySpec(config: Config): string {
  if (config.CARDDESK_MASTER_KEY) return config.CARDDESK_MASTER_KEY;
  if (!config.CARDDESK_DEMO) {
    throw new Error('CARDDESK_MASTER_KEY is required outside demo mode (generate one with `npx carddesk keys new`)');
  }
  if (dbKind(config.DATABASE_URL) === 'sqlite' && config.DATABASE_URL === ':memory:') return generateKeySpec('demo');
  const file = join(config.CARDDESK_DATA_DIR, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(config.CARDDESK_DATA_DIR, { recursive: true });
    writeFileSync(file, `${generateKeySpec('demo')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return readFileSync(file, 'utf8').trim();
}

export const DEFAULT_DEMO: DemoSeedOptions = { customers: 300, months: 6, seed: 20261129 };

/** The audit actions that mark a database as holding the demo (the second: databases seeded before the marker). */
const DEMO_MARKERS = ['demo.seeded', 'cards.demo_seed'];

/** Thrown when demo data (users with a known password) would go into a database that already holds data. */
export class DemoSeedRefused extends Error {}

/**
 * Seeds departments, demo users and every module's demo data — only into an empty database (no users).
 * A database that already holds the demo is left as it is (returns false); one that holds anything else
 * is refused: demo users have a published password and must never land among real ones.
 */
export async function seedDemo(runtime: Runtime, options: DemoSeedOptions = DEFAULT_DEMO): Promise<boolean> {
  const { deps } = runtime;
  const ctx: Ctx = { ...deps, actor: systemActor('seed') };
  const marked = await deps.db
    .selectFrom('audit_log')
    .select('seq')
    .where('action', 'in', DEMO_MARKERS)
    .executeTakeFirst();
  if (marked) return false;
  const anyUser = await deps.db.selectFrom('users').select('id').executeTakeFirst();
  if (anyUser) {
    throw new DemoSeedRefused(
      'Refusing to seed demo data: the database already holds users and is not a demo database. ' +
        'Demo users have a published password; point DATABASE_URL at an empty database, or start without demo mode (CARDDESK_DEMO=0).',
    );
  }
  await seedDepartments(ctx);
  await seedDemoUsers(ctx, deps.config.CARDDESK_DEMO_PASSWORD);
  for (const m of runtime.modules) await m.seedDemo?.(ctx, options);
  await audit(ctx, { action: 'demo.seeded', entityType: 'system', details: { ...options } });
  return true;
}

/** Production start: departments exist, and the first admin when CARDDESK_ADMIN_PASSWORD is set. */
export async function ensureBaseline(runtime: Runtime): Promise<'created' | 'exists' | 'missing'> {
  const ctx: Ctx = { ...runtime.deps, actor: systemActor('bootstrap') };
  await seedDepartments(ctx);
  return ensureFirstAdmin(ctx, runtime.deps.config.CARDDESK_ADMIN_PASSWORD);
}
