import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../../test/context.ts';
import { maskIdNumber, maskName, maskPhone } from '../../../platform/pii/mask.ts';
import { backfillCustomerMasks } from './mask-backfill.ts';
import { ENC } from './pii-fields.ts';

const REASON = { 'x-access-reason': encodeURIComponent('customer_callback: 客户来电核实账户信息') };
let env: TestEnv;

before(async () => {
  env = await createTestEnv();
});
after(async () => {
  await env.close();
});

async function view(e: TestEnv, id: string) {
  const res = await e.request({ method: 'GET', url: `/api/customers/${id}`, as: 'supervisor', headers: REASON });
  assert.equal(res.statusCode, 200);
  return (res.json() as { customer: Record<string, unknown> }).customer;
}

test('masked forms are stored when customers are written, and are what the 360 view shows', async () => {
  const row = await env.system.db.selectFrom('customers').selectAll().orderBy('id').executeTakeFirstOrThrow();
  const k = env.system.keyring;
  assert.equal(row.name_masked, maskName(k.decrypt(row.name_enc, ENC.name)));
  assert.equal(row.phone_masked, maskPhone(k.decrypt(row.phone_enc, ENC.phone)));
  assert.equal(row.id_number_masked, maskIdNumber(k.decrypt(row.id_number_enc, ENC.idNumber)));
  const shown = await view(env, row.id);
  assert.equal(shown.maskedName, row.name_masked);
  assert.equal(shown.maskedIdNumber, row.id_number_masked);
  assert.equal(shown.maskedAddress, row.address_masked);
});

test('rows without stored masks are shown the same, then backfilled by the job after a restart', async () => {
  const ids = (await env.system.db.selectFrom('customers').select('id').orderBy('id').execute()).map((r) => r.id);
  const first = ids[0] as string;
  const before = await view(env, first);
  const stored = await env.system.db.selectFrom('customers').selectAll().orderBy('id').execute();
  const cleared = { name_masked: null, phone_masked: null, id_number_masked: null, address_masked: null };
  await env.system.db.updateTable('customers').set(cleared).execute();
  assert.deepEqual(await view(env, first), before, 'decrypt-and-mask fallback gives the same view');

  // In batches, resuming after the last id: every row is filled exactly as it was written.
  const batch = await backfillCustomerMasks(env.system, '', 2);
  assert.deepEqual([batch.count, batch.lastId], [2, ids[1]]);
  await env.system.db.updateTable('customers').set(cleared).execute();

  // At boot the module schedules the backfill; the worker runs it to the end.
  const restarted = await env.restart();
  env = restarted;
  while ((await env.runtime.worker.runDue()) > 0) {}
  const filled = await env.system.db.selectFrom('customers').selectAll().orderBy('id').execute();
  assert.deepEqual(
    filled.map((r) => [r.name_masked, r.phone_masked, r.id_number_masked, r.address_masked]),
    stored.map((r) => [r.name_masked, r.phone_masked, r.id_number_masked, r.address_masked]),
  );
  assert.equal(filled.length, ids.length);
  assert.deepEqual(await view(env, first), before);
});
