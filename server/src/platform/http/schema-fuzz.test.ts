import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { type MatrixFixture, matrixFixture, matrixRequest } from '../../../test/authz.ts';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import {
  concretePath,
  dbCounts,
  dbDigest,
  type JsonSchema,
  loadOperations,
  type Operation,
  requiredQuery,
  tableNames,
} from '../../../test/openapi.ts';

/**
 * Schema fuzzing: every mutating route of the OpenAPI document gets malformed and boundary bodies, headers
 * and path parameters, derived from its schema and sampled with a fixed seed (the same cases on every run).
 * No answer may be a 5xx, and a refused request (4xx) must leave the database as it was — compared by a
 * digest of every table's rows (the records that commit whatever the answer by design are left out:
 * audit log and its signed head, sign-in throttling, one-time-code attempts, sessions' last use, jobs).
 */

const SEED = 20261207;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Values at and past the edges of what schemas accept. */
const BOUNDARY: unknown[] = [
  null,
  '',
  ' ',
  'x'.repeat(5000),
  '０１２３４５６７８９',
  '\u0000',
  '𠮷野家🙂',
  "' OR 1=1 --",
  '../../etc/passwd',
  -1,
  0,
  2 ** 53,
  -(2 ** 53),
  1e308,
  0.1,
  true,
  [],
  {},
  [null],
  { $gt: '' },
  '2026-02-30',
  '9999-99-99T99:99:99Z',
];

/** Malformed bodies for one schema: each property swapped for edge values, required ones dropped, wrong shapes. */
function bodiesFor(schema: JsonSchema | undefined, valid: unknown): unknown[] {
  const out: unknown[] = [null, [], 'text', 42, { unknown: 1 }];
  const props = Object.keys(schema?.properties ?? {});
  const base = (valid && typeof valid === 'object' && !Array.isArray(valid) ? valid : {}) as Record<string, unknown>;
  for (const [i, key] of props.slice(0, 8).entries()) {
    const [v] = fc.sample(fc.constantFrom(...BOUNDARY), { seed: SEED + i, numRuns: 1 });
    out.push({ ...base, [key]: v });
    if (schema?.required?.includes(key)) {
      const { [key]: _dropped, ...rest } = base;
      out.push(rest);
    }
  }
  // A few whole bodies of random JSON, from the fixed seed.
  out.push(...fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: SEED, numRuns: 2 }));
  return out;
}

const BAD_PATH_VALUES = ['%00', 'x'.repeat(1000), '..%2F..%2Fetc', '%F0%9F%99%82', "'%20OR%201%3D1", '%zz'];

describe('schema fuzzing of mutating routes', () => {
  let env: TestEnv;
  let operations: Operation[];
  let fixture: MatrixFixture;
  let tables: string[];
  let headersFor: (i: number) => Record<string, string>;
  before(async () => {
    env = await createTestEnv({ seed: { customers: 4, months: 1, seed: 7 } });
    operations = (await loadOperations(env)).filter((o) => MUTATING.has(o.method) && o.id !== 'POST /api/auth/logout');
    fixture = await matrixFixture(env);
    tables = await tableNames(env.runtime.deps.db, env.db.kind);
    const roles = ['admin', 'supervisor', 'agent', 'kb_editor', 'dept_handler'];
    const tokens = await Promise.all(roles.map((r) => env.login(r)));
    // Callers rotate by case; the supervisor's cases carry an override reason, so they reach the services.
    headersFor = (i) => {
      const k = i % roles.length;
      const headers: Record<string, string> = { authorization: `Bearer ${tokens[k]}` };
      if (roles[k] === 'supervisor')
        headers['x-access-reason'] = encodeURIComponent('customer_callback: 客户来电核实账户信息');
      return headers;
    };
  });
  after(() => env.close());

  it('answers every malformed body, header and path parameter without a 5xx, and a refusal changes nothing', async () => {
    const db = env.runtime.deps.db;
    const problems: string[] = [];
    let n = 0;
    let counts = await dbCounts(db, tables);
    let succeeded = false;
    // Row counts after every request; a full digest of every row around each route whose cases were all refused.
    const check = async (label: string, res: { statusCode: number; body: string }) => {
      n++;
      if (res.statusCode >= 500) problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      const now = await dbCounts(db, tables);
      if (res.statusCode >= 400 && now !== counts)
        problems.push(`${label}: refused with ${res.statusCode} but added or removed rows`);
      if (res.statusCode < 400) succeeded = true;
      counts = now;
    };

    for (const op of operations) {
      const valid = matrixRequest(op, fixture);
      const before = await dbDigest(db, tables);
      succeeded = false;
      // Bodies.
      for (const [i, payload] of bodiesFor(op.body, valid.payload).entries()) {
        const res = await env.app.inject({
          method: op.method as 'POST',
          url: valid.url,
          headers: { ...headersFor(n + i), 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
        await check(`${op.id} body ${JSON.stringify(payload).slice(0, 60)}`, res);
      }
      // Headers: not JSON, broken JSON, bad idempotency keys, a forged session, odd contact and reason headers.
      const headerCases: Array<{ name: string; headers: Record<string, string>; payload: string }> = [
        { name: 'text/plain', headers: { 'content-type': 'text/plain' }, payload: 'hello' },
        { name: 'broken JSON', headers: { 'content-type': 'application/json' }, payload: '{"a":' },
        { name: 'empty key', headers: { 'idempotency-key': '' }, payload: JSON.stringify(valid.payload ?? {}) },
        {
          name: 'long key',
          headers: { 'idempotency-key': 'k'.repeat(300) },
          payload: JSON.stringify(valid.payload ?? {}),
        },
        {
          name: 'odd contact',
          headers: { 'x-contact-id': 'x'.repeat(600), 'x-access-reason': '%zz' },
          payload: JSON.stringify(valid.payload ?? {}),
        },
      ];
      for (const [i, c] of headerCases.entries()) {
        const res = await env.app.inject({
          method: op.method as 'POST',
          url: valid.url,
          headers: { ...headersFor(n + i), 'content-type': 'application/json', ...c.headers },
          payload: c.payload,
        });
        await check(`${op.id} header ${c.name}`, res);
      }
      const forged = await env.app.inject({
        method: op.method as 'POST',
        url: valid.url,
        headers: { authorization: 'Bearer forged-token', 'content-type': 'application/json' },
        payload: JSON.stringify(valid.payload ?? {}),
      });
      await check(`${op.id} forged session`, forged);
      // Path parameters.
      if (op.params.some((p) => p.in === 'path')) {
        for (const [i, bad] of BAD_PATH_VALUES.entries()) {
          let url = op.path;
          for (const p of op.params.filter((x) => x.in === 'path')) url = url.replace(`{${p.name}}`, bad);
          const res = await env.app.inject({
            method: op.method as 'POST',
            url: url + requiredQuery(op, fixture.query),
            headers: { ...headersFor(n + i), 'content-type': 'application/json' },
            payload: JSON.stringify(valid.payload ?? {}),
          });
          await check(`${op.id} path ${bad.slice(0, 20)}`, res);
        }
      }
      if (!succeeded) {
        const after = await dbDigest(db, tables);
        const changed = tables.filter((t) => after[t] !== before[t]);
        if (changed.length) problems.push(`${op.id}: every case refused, yet ${changed.join(', ')} changed`);
      }
    }
    assert.ok(n > operations.length * 5, `ran ${n} cases`);
    assert.deepEqual(problems, []);
  });

  it('fills path parameters the way the matrix does (sanity of the generator)', () => {
    const op = operations.find((o) => o.id === 'POST /api/users/{id}/disable');
    assert.ok(op);
    assert.doesNotMatch(
      concretePath(op, (p) => fixture.pathValue(op, p)),
      /\{id\}/,
    );
  });
});
