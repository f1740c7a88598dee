import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Role } from '@carddesk/contracts';
import {
  MATRIX_ROLES,
  type MatrixFixture,
  matrixFixture,
  matrixRequest,
  type Outcome,
  outcomeOf,
} from '../../../test/authz.ts';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { loadOperations, type Operation, rawRequest } from '../../../test/openapi.ts';
import { issueSystemCredential } from '../auth/system-credentials.ts';
import { AUTHZ_MATRIX, type MatrixRow } from './authz-matrix.ts';

/**
 * Every route × every role and signed out, against the one table in `authz-matrix.ts`. The calls run in a
 * fixed order (signed out, then role by role; signing out last), on one seeded server, so what a call
 * changes is the same on every run and on both databases.
 */

/**
 * The matrix's own calls come from another address than the test's sign-ins: its probes of the sign-in
 * route would otherwise use up the per-address sign-in limit and lock the test out of signing in.
 */
const PROBE_ADDRESS = '192.0.2.10';

function expected(row: MatrixRow, role: Role | 'signed-out'): Outcome {
  if (role === 'signed-out') return row.signedOut === 'open' ? 'ok' : 401;
  const through = row.through === 'all' || row.through.includes(role);
  return through ? 'ok' : (row.refused ?? 403);
}

/** The URL spellings of finding 1 for a path (`/api/…`): each must still be refused without a session. */
function variants(path: string): string[] {
  const rest = path.slice('/api'.length);
  return [
    `/%61pi${rest}`,
    `/a%70i${rest}`,
    `http://x${path}`,
    `http://x/%61pi${rest}`,
    `/${path}`,
    `/api/${rest}`,
    `${path}/.`,
    `${path}/..`,
    `/api/./${rest.slice(1)}`,
  ];
}

describe('authorization matrix', () => {
  let env: TestEnv;
  let operations: Operation[];
  let fixture: MatrixFixture;
  let port: number;
  before(async () => {
    env = await createTestEnv();
    // Signing out ends the caller's session: it goes last.
    operations = (await loadOperations(env)).sort(
      (a, b) => Number(a.id === 'POST /api/auth/logout') - Number(b.id === 'POST /api/auth/logout'),
    );
    fixture = await matrixFixture(env);
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    port = (env.app.server.address() as AddressInfo).port;
  });
  after(() => env.close());

  const rowOf = (op: Operation) => {
    const row = AUTHZ_MATRIX[op.id];
    assert.ok(row, `no row in authz-matrix.ts for ${op.id}`);
    return row;
  };

  it('has a row for every route in the OpenAPI document, and none for a route that is gone', () => {
    const ids = new Set(operations.map((o) => o.id));
    const missing = [...ids].filter((id) => !AUTHZ_MATRIX[id]);
    const stale = Object.keys(AUTHZ_MATRIX).filter((id) => !ids.has(id));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
  });

  it('signed out: every route answers as its row says', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      const res = await env.app.inject({ ...matrixRequest(op, fixture), remoteAddress: PROBE_ADDRESS });
      const got = outcomeOf(res.statusCode);
      if (got !== expected(rowOf(op), 'signed-out')) wrong.push(`${op.id}: ${res.statusCode}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('signed out: percent-encoded, absolute-form, double-slash and dot-segment spellings are refused', async () => {
    const wrong: string[] = [];
    for (const op of operations) {
      if (rowOf(op).signedOut === 'open') continue;
      const path = matrixRequest(op, fixture).url.split('?')[0] ?? '';
      for (const target of variants(path)) {
        const res = await rawRequest(port, target, op.method);
        if (![400, 401, 404].includes(res.status)) wrong.push(`${op.method} ${target}: ${res.status}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('payment system (X-Api-Key): posts repayments and is refused everything else', async () => {
    const { secret } = await issueSystemCredential(env.system, { kind: 'payment_system', name: 'matrix' });
    const wrong: string[] = [];
    for (const op of operations) {
      const req = matrixRequest(op, fixture);
      const res = await env.app.inject({ ...req, remoteAddress: PROBE_ADDRESS, headers: { 'x-api-key': secret } });
      if (res.statusCode === 400 && res.json().error?.code === 'VALIDATION_FAILED') continue;
      const row = rowOf(op);
      const got = outcomeOf(res.statusCode) === 'ok' ? 'ok' : 'refused';
      const want = row.paymentSystem ?? (row.signedOut === 'open' ? 'ok' : 'refused');
      if (got !== want) wrong.push(`${op.id}: ${res.statusCode} (expected ${want}) ${res.body.slice(0, 120)}`);
    }
    assert.deepEqual(wrong, []);
  });

  for (const role of MATRIX_ROLES) {
    it(`${role}: every route answers as its row says`, async () => {
      await env.login(role);
      const wrong: string[] = [];
      for (const op of operations) {
        const res = await env.request({ ...matrixRequest(op, fixture), remoteAddress: PROBE_ADDRESS, as: role });
        const got = outcomeOf(res.statusCode);
        const want = expected(rowOf(op), role);
        if (got !== want) wrong.push(`${op.id}: ${res.statusCode} (expected ${want}) ${res.body.slice(0, 120)}`);
      }
      assert.deepEqual(wrong, []);
    });
  }
});
