/**
 * `npm run bench:api`: builds the 100,000-customer SQLite data set once (./data/bench), starts the server
 * in a child process, and drives it with autocannon on loopback — customer look-up, the 360 view and a
 * card freeze beside a bare Fastify route in the same process — sampling the server's resident memory.
 * Results go to stdout and ./data/bench/api-results.json (docs/benchmarks/api.md records a run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { buildServer } from '../../scripts/build.ts';
import { Keyring } from '../../src/platform/pii/keyring.ts';
import { benchEnv, dataDir, dbFile, repoRoot } from './data-set.ts';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 6);
const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
// The paced runs: the same 50 connections sending this many requests per second in all, well below saturation
// (about ten times what 2,000 agents opening a 360 view every two minutes would ask).
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 200);
const env = benchEnv;

function buildData(): void {
  if (existsSync(dbFile)) return;
  process.stdout.write(`building ${CUSTOMERS} customers × ${MONTHS} months into ${dbFile} …\n`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'server/bin/carddesk.mjs'),
      'seed',
      '--customers',
      String(CUSTOMERS),
      '--months',
      String(MONTHS),
      '--seed',
      '20261129',
    ],
    {
      env,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error('seeding failed');
  writeFileSync(
    join(dataDir, 'seed-report.json'),
    JSON.stringify({ customers: CUSTOMERS, months: MONTHS, seconds: (Date.now() - started) / 1000 }, null, 2),
  );
}

/**
 * Each run freezes tens of thousands of cards for good; after a few runs none would be left to freeze. Cards
 * frozen by earlier runs (the benchmark's freezes carry no reason) are made active again before the server
 * starts, so every run freezes cards that really are active.
 */
function reactivateBenchFrozenCards(): number {
  const db = new Database(dbFile);
  const { changes } = db
    .prepare("update cards set status = 'active' where status = 'frozen' and status_reason is null")
    .run();
  db.close();
  return changes;
}

function sample() {
  const db = new Database(dbFile, { readonly: true });
  const count = (t: string) => (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
  const sizes = {
    customers: count('customers'),
    transactions: count('transactions'),
    statements: count('statements'),
    cards: count('cards'),
  };
  const keyring = new Keyring(readFileSync(join(dataDir, 'master.key'), 'utf8').trim());
  const customers = db.prepare('select id, phone_enc from customers order by random() limit 2000').all() as Array<{
    id: string;
    phone_enc: string;
  }>;
  const phones = customers.map((c) => keyring.decrypt(c.phone_enc, 'customers.phone'));
  const cards = (
    db.prepare("select id from cards where status = 'active' order by random() limit 50000").all() as Array<{
      id: string;
    }>
  ).map((c) => c.id);
  db.close();
  return { sizes, customerIds: customers.map((c) => c.id), phones, cards };
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

/**
 * The server under test runs as it is deployed: the production build (`scripts/build.mjs`), without the
 * TypeScript loader. BENCH_SERVER=tsx runs the sources through tsx instead, to compare.
 */
async function serverCommand(): Promise<string[]> {
  const entry = join(import.meta.dirname, 'server-entry.ts');
  if (process.env.BENCH_SERVER === 'tsx') return ['--import', 'tsx', entry];
  await buildServer({ 'bench-server': 'bench/api/server-entry.ts' });
  return [join(repoRoot, 'server/dist/bench-server.mjs')];
}

async function start(): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, await serverCommand(), {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((ok, fail) => {
    child.stdout.on('data', (b: Buffer) => {
      const m = /ready (\d+)/.exec(String(b));
      if (m) ok(Number(m[1]));
    });
    child.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  return { port, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  /** The JSON body of a POST, made per request. */
  body?: () => string;
  /** A fixed rate (open loop, see `paced`); without it each connection sends as fast as answers come. */
  rate?: number;
}

async function run(port: number, headers: Record<string, string>, s: Scenario) {
  if (s.rate) return paced(port, headers, s, s.rate);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: s.method,
        headers: s.body ? { ...headers, 'content-type': 'application/json' } : headers,
        setupRequest: (req) => ({ ...req, path: s.path(), ...(s.body ? { body: s.body() } : {}) }),
      },
    ],
  });
  return {
    scenario: s.name,
    pacedRate: s.rate ?? null,
    requestsPerSec: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

/**
 * Open-loop load at a fixed rate: one request every 1000/rate ms whatever the answers, over at most
 * CONNECTIONS keep-alive sockets, each latency counted from the moment the request was due — so a stalled
 * server shows in the figures instead of slowing the sender down. (autocannon's own rate limit sends each
 * second's quota in a burst at the start of the second, which measures bursts, not a steady load.)
 */
async function paced(port: number, headers: Record<string, string>, s: Scenario, rate: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const total = Math.round(rate * DURATION);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait);
    const body = s.body?.() ?? null;
    pending.push(
      new Promise<void>((done) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            method: s.method,
            path: s.path(),
            agent,
            headers: body
              ? { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
              : headers,
          },
          (res) => {
            res.resume();
            res.on('end', () => {
              latencies.push(performance.now() - due);
              if ((res.statusCode ?? 0) >= 300) non2xx++;
              done();
            });
          },
        );
        req.on('error', () => {
          errors++;
          done();
        });
        req.end(body ?? undefined);
      }),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return {
    scenario: s.name,
    pacedRate: rate,
    requestsPerSec: Math.round(total / seconds),
    p50ms: at(0.5),
    p99ms: at(0.99),
    maxMs: at(1),
    non2xx,
    errors,
    total,
  };
}

buildData();
const reactivated = reactivateBenchFrozenCards();
if (reactivated > 0) process.stdout.write(`${reactivated} cards frozen by earlier runs made active again\n`);
const data = sample();
const server = await start();
const base = `http://127.0.0.1:${server.port}`;
const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'supervisor', password: 'carddesk-demo' }),
});
const { token } = (await login.json()) as { token: string };
const headers = {
  authorization: `Bearer ${token}`,
  'x-access-reason': encodeURIComponent('customer_callback: 压力测试,客户来电核实'),
};
let peakRss = rssOf(server.pid);
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, rssOf(server.pid));
}, 200);
let i = 0;
const pick = <T>(xs: T[]) => xs[i++ % xs.length] as T;
let cardIndex = 0;
const scenarios: Scenario[] = [
  { name: 'bare Fastify route', method: 'GET', path: () => '/bench/bare' },
  {
    name: 'customer look-up (phone)',
    method: 'POST',
    path: () => '/api/customers/search',
    body: () => JSON.stringify({ q: pick(data.phones) }),
  },
  { name: 'customer 360 view', method: 'GET', path: () => `/api/customers/${pick(data.customerIds)}` },
  // Each request freezes a different active card: a real state change with its audit record.
  {
    name: 'card freeze',
    method: 'POST',
    path: () => `/api/cards/${data.cards[cardIndex++ % data.cards.length]}/freeze`,
    body: () => '{}',
  },
  // Saturated runs give capacity; a service centre runs well below it. The same two operations at a steady
  // rate show the latency an agent sees at that load.
  {
    name: `customer 360 view @${PACED_RATE}/s`,
    method: 'GET',
    path: () => `/api/customers/${pick(data.customerIds)}`,
    rate: PACED_RATE,
  },
  {
    name: `card freeze @${PACED_RATE}/s`,
    method: 'POST',
    path: () => `/api/cards/${data.cards[cardIndex++ % data.cards.length]}/freeze`,
    body: () => '{}',
    rate: PACED_RATE,
  },
];
const results = [];
try {
  for (const s of scenarios) {
    const r = await run(server.port, headers, s);
    results.push(r);
    process.stdout.write(
      `${r.scenario.padEnd(30)} ${String(r.requestsPerSec).padStart(7)} req/s  p50 ${r.p50ms} ms  p99 ${r.p99ms} ms  non-2xx ${r.non2xx}\n`,
    );
  }
} finally {
  clearInterval(rssTimer);
  server.stop();
}
const bare = results[0]?.requestsPerSec ?? 1;
const view = results.find((r) => r.scenario === 'customer 360 view');
const seed = existsSync(join(dataDir, 'seed-report.json'))
  ? JSON.parse(readFileSync(join(dataDir, 'seed-report.json'), 'utf8'))
  : null;
const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  dataset: data.sizes,
  connections: CONNECTIONS,
  durationSeconds: DURATION,
  results,
  viewShareOfBare: view ? Math.round((view.requestsPerSec / bare) * 1000) / 10 : null,
  peakServerRssMb: Math.round(peakRss / 2 ** 20),
  seeding: seed,
};
writeFileSync(join(dataDir, 'api-results.json'), JSON.stringify(report, null, 2));
process.stdout.write(
  `360 view at ${report.viewShareOfBare}% of the bare route; peak server RSS ${report.peakServerRssMb} MB\n`,
);
