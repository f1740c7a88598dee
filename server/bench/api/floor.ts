/**
 * `npm run bench:api:floor`: how much of the customer 360 view's cost is the database's own work.
 *
 * Runs the 360 view service (no HTTP) for 3,000 random customers of the benchmark data set (./data/bench,
 * built by `npm run bench:api`) while recording every SQL statement it issues, then replays just the reads,
 * prepared once, straight through better-sqlite3 — no query builder, no mapping, no audit — for the same
 * customers. CPU time per view of both, each the best of three passes, so the load of other processes
 * matters less than for wall time. The replay is the floor under any implementation of the same view on
 * this database and driver: the statements are the service's own, so the floor follows the code.
 */
import Database, { type Statement } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createRuntime } from '../../src/bootstrap.ts';
import { getCustomer360 } from '../../src/modules/cards/customers/customer360.service.ts';
import type { Ctx } from '../../src/platform/context.ts';
import type { Database as Schema } from '../../src/platform/db/database.ts';
import { benchConfig, dbFile } from './data-set.ts';

const VIEWS = Number(process.env.BENCH_VIEWS ?? 3000);

const sampler = new Database(dbFile, { readonly: true });
const customerIds = (
  sampler.prepare('select id from customers order by random() limit ?').all(VIEWS) as Array<{ id: string }>
).map((r) => r.id);
const supervisor = sampler
  .prepare("select id, department_id, agent_no from users where username = 'supervisor'")
  .get() as { id: string; department_id: string | null; agent_no: string | null };
sampler.close();

// The service's own connection, with every statement it runs recorded (text, parameters, read or write).
type Recorded = { sql: string; params: unknown[]; reader: boolean };
let recording: Recorded[] | null = null;
const raw = new Database(dbFile);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');
raw.pragma('cache_size = -16384');
const prepared = new Map<string, Statement>();
const recordingDb = {
  prepare(sql: string) {
    let st = prepared.get(sql);
    if (!st) {
      st = raw.prepare(sql);
      prepared.set(sql, st);
    }
    const statement = st;
    const note = (params: unknown[]) => recording?.push({ sql, params, reader: statement.reader });
    return {
      reader: statement.reader,
      all(params: unknown[]) {
        note(params);
        return statement.all(params);
      },
      run(params: unknown[]) {
        note(params);
        return statement.run(params);
      },
      iterate(params: unknown[]) {
        note(params);
        return statement.iterate(params);
      },
    };
  },
  close: () => raw.close(),
};
const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: recordingDb as never }) });

const runtime = await createRuntime(benchConfig());
const ctx: Ctx = {
  ...runtime.deps,
  db,
  actor: {
    kind: 'user',
    userId: supervisor.id,
    username: 'supervisor',
    role: 'supervisor',
    departmentId: supervisor.department_id,
    agentNo: supervisor.agent_no,
  },
  accessReason: '基准测试:360 视图的数据库成本',
};

const cpuMicros = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return d.user + d.system;
};

// Fifty views in flight, as from fifty connections: their audit records share group commits, as in the server.
const IN_FLIGHT = 50;
let serviceBest = Number.POSITIVE_INFINITY;
const reads = new Map<string, Recorded[]>();
for (let pass = 0; pass < 3; pass++) {
  const start = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < customerIds.length) {
        const id = customerIds[next++] as string;
        await getCustomer360(ctx, id);
      }
    }),
  );
  serviceBest = Math.min(serviceBest, cpuMicros(start) / customerIds.length);
}
// Record one view at a time: interleaved views would mix their statements.
for (const id of customerIds) {
  recording = [];
  await getCustomer360(ctx, id);
  reads.set(
    id,
    recording.filter((r) => r.reader),
  );
  recording = null;
}

// The same reads, prepared once, nothing else.
const replay = new Map<string, Statement>();
let floorBest = Number.POSITIVE_INFINITY;
for (let pass = 0; pass < 3; pass++) {
  const start = process.cpuUsage();
  for (const view of reads.values()) {
    for (const r of view) {
      let st = replay.get(r.sql);
      if (!st) {
        st = raw.prepare(r.sql);
        replay.set(r.sql, st);
      }
      st.all(r.params);
    }
  }
  floorBest = Math.min(floorBest, cpuMicros(start) / reads.size);
}
const views = [...reads.values()];
const statementsPerView = views.reduce((n, v) => n + v.length, 0) / views.length;
const rowsPerView =
  views.reduce((n, v) => n + v.reduce((m, r) => m + (replay.get(r.sql)?.all(r.params).length ?? 0), 0), 0) /
  views.length;

await runtime.close();
await db.destroy();
process.stdout.write(
  `${JSON.stringify(
    {
      views: customerIds.length,
      readStatementsPerView: Math.round(statementsPerView * 10) / 10,
      rowsPerView: Math.round(rowsPerView * 10) / 10,
      serviceCpuMicrosPerView: Math.round(serviceBest),
      readsReplayedCpuMicrosPerView: Math.round(floorBest),
    },
    null,
    2,
  )}\n`,
);
