/** Test arrangement shared by the quality module's tests (never imported by the module's code). */
import assert from 'node:assert/strict';
import type { TestEnv } from '../../../test/context.ts';
import { call } from '../../../test/fixtures.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { listStaff } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { FIXED_CUSTOMERS, findCustomerIdByPhone } from '../cards/index.ts';
import { type InspectionView, inspectionOfContact } from './inspection.service.ts';

/** A documented demo customer's id (the test database is seeded with them). */
export async function demoCustomerId(ctx: Ctx): Promise<string> {
  const first = FIXED_CUSTOMERS[0];
  assert.ok(first);
  const id = await findCustomerIdByPhone(ctx, first.phone);
  assert.ok(id, 'the demo customer is seeded');
  return id;
}

/** The context of a demo user acting for themselves (found in the platform's staff directory). */
export async function actorOf(env: TestEnv, username: string): Promise<Ctx> {
  const [u] = await listStaff(env.system.db, { usernames: [username] });
  assert.ok(u, `no user ${username}`);
  const actor: Actor = {
    kind: 'user',
    userId: u.id,
    username: u.username,
    role: u.role as Actor['role'],
    departmentId: u.departmentId,
    agentNo: u.agentNo,
  };
  return { ...env.system, actor };
}

/** For `assert.rejects`: the error is the catalogue's `code`. */
export const rejects = (code: string) => (err: unknown) => err instanceof AppError && err.code === code;

/** A phone call by the demo agent with these agent lines, closed and inspected (the job run). */
export async function inspectedCall(env: TestEnv, lines: string[]): Promise<InspectionView> {
  const { contact } = await call<{ contact: { id: string } }>(
    env,
    'agent',
    'POST',
    '/api/contacts',
    { channel: 'phone', direction: 'inbound' },
    201,
  );
  const id = contact.id;
  for (const text of lines) await call(env, 'agent', 'POST', `/api/contacts/${id}/turns`, { text }, 201);
  await call(env, 'agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['statement_query'] });
  await call(env, 'agent', 'POST', `/api/contacts/${id}/close`, {
    outcome: 'resolved_first_contact',
    skipConfirmationReason: '客户来电后直接挂断电话',
  });
  await env.runtime.worker.runDue();
  const view = await inspectionOfContact(await actorOf(env, 'qa'), id);
  assert.ok(view);
  return view;
}

/** The suite's one request helper, re-exported for the module's tests. */
export { call };
