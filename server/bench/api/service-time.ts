/**
 * Service time of the benchmarked requests, one at a time, in process (`app.inject`, no sockets): what a
 * request costs the server when it does not queue behind others. Runs against the data set `npm run
 * bench:api` built (./data/bench); complements that run, whose latencies at 50 connections are roughly
 * 50 × these figures on one Node thread.
 *
 *   node --import tsx server/bench/api/service-time.ts [iterations]   # default 2000 per operation
 *   node --cpu-prof --import tsx server/bench/api/service-time.ts     # with a CPU profile
 *
 * ONLY=lookup,view,freeze picks operations; DISTINCT=200 repeats 200 customers (warm pages) instead of N.
 * Each freeze changes a different active card of the data set for good, as the benchmark's freezes do.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { buildApp } from '../../src/app.ts';
import { createRuntime } from '../../src/bootstrap.ts';
import { Keyring } from '../../src/platform/pii/keyring.ts';
import { benchConfig, dataDir, dbFile } from './data-set.ts';

const N = Number(process.argv[2] ?? 2000);
// Distinct customers sampled: fewer than N keeps their pages warm, so CPU cost dominates, not disk reads.
const DISTINCT = Number(process.env.DISTINCT ?? N);
if (!existsSync(dbFile)) throw new Error('no data set: run `npm run bench:api` once to build ./data/bench');

// Sample inputs with a separate read-only handle, like the bench driver.
const raw = new Database(dbFile, { readonly: true });
const keyring = new Keyring(readFileSync(join(dataDir, 'master.key'), 'utf8').trim());
const customers = raw.prepare('select id, phone_enc from customers order by random() limit ?').all(DISTINCT) as Array<{
  id: string;
  phone_enc: string;
}>;
const phones = customers.map((c) => keyring.decrypt(c.phone_enc, 'customers.phone'));
const cards = (
  raw.prepare("select id from cards where status = 'active' order by random() limit ?").all(N) as Array<{ id: string }>
).map((c) => c.id);
raw.close();

const runtime = await createRuntime(benchConfig());
const app = await buildApp(runtime.deps, runtime.modules);
await app.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { username: 'supervisor', password: 'carddesk-demo' },
});
const { token } = login.json() as { token: string };
const headers = {
  authorization: `Bearer ${token}`,
  'x-access-reason': encodeURIComponent('customer_callback: 压力测试,客户来电核实'),
};

async function measure(
  name: string,
  request: (i: number) => { method: 'GET' | 'POST'; url: string; payload?: Record<string, unknown> },
) {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const r = request(i);
    const t0 = performance.now();
    const res = await app.inject({ ...r, headers, ...(r.method === 'POST' ? { payload: r.payload ?? {} } : {}) });
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / N;
  // The first tenth warms pages and JIT; report the rest.
  const warm = times.slice(Math.floor(N / 10)).sort((a, b) => a - b);
  const q = (p: number) => (warm[Math.min(warm.length - 1, Math.floor(p * warm.length))] ?? 0).toFixed(2);
  const mean = warm.reduce((s, t) => s + t, 0) / warm.length;
  process.stdout.write(
    `${name.padEnd(22)} mean ${mean.toFixed(2)} ms  p50 ${q(0.5)} ms  p90 ${q(0.9)} ms  p99 ${q(0.99)} ms  CPU ${cpuMs.toFixed(2)} ms/request\n`,
  );
}

const only = process.env.ONLY?.split(',');
const want = (s: string) => !only || only.includes(s);
if (want('lookup'))
  await measure('customer look-up', (i) => ({
    method: 'POST',
    url: '/api/customers/search',
    payload: { q: phones[i % phones.length] },
  }));
if (want('view'))
  await measure('customer 360 view', (i) => ({
    method: 'GET',
    url: `/api/customers/${customers[i % customers.length]?.id}`,
  }));
if (want('freeze'))
  await measure('card freeze', (i) => ({ method: 'POST', url: `/api/cards/${cards[i % cards.length]}/freeze` }));
process.stdout.write(
  `load average ${(await import('node:os'))
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}\n`,
);
await app.close();
await runtime.close();
