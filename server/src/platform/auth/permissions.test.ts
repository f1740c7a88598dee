import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Me, PERMISSIONS, ROLES } from '@carddesk/contracts';
import { createTestEnv, DEMO_PASSWORD, type TestEnv } from '../../../test/context.ts';
import { withPermissions } from './auth.service.ts';
import { POLICY } from './policy.ts';

/** What the policy grants a role, read straight from the matrix (not through the code under test). */
const grantedTo = (role: string) =>
  Object.entries(POLICY)
    .filter(([, roles]) => (roles as readonly string[]).includes(role))
    .map(([action]) => action);

describe('a user’s permissions are the policy’s actions for their role', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('names the same actions in the contracts’ vocabulary as in the policy', () => {
    assert.deepEqual([...PERMISSIONS].sort(), Object.keys(POLICY).sort());
  });

  it('/api/auth/me and the sign-in answer list exactly the actions the policy grants each role', async () => {
    for (const role of ROLES) {
      // The demo has one user per role, named after it.
      const me = await env.request({ method: 'GET', url: '/api/auth/me', as: role });
      assert.equal(me.statusCode, 200, role);
      const body = me.json() as { role: string; permissions: string[] };
      assert.equal(body.role, role);
      assert.deepEqual([...body.permissions].sort(), grantedTo(role).sort(), role);
      assert.ok(body.permissions.length > 0, `${role} may do something`);

      const login = await env.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: role, password: DEMO_PASSWORD },
      });
      assert.equal(login.statusCode, 200, role);
      assert.deepEqual((login.json() as { user: { permissions: string[] } }).user.permissions, body.permissions);
    }
  });

  it('gives the payment system’s action to no staff user, and the user list carries no permissions', async () => {
    for (const role of ROLES) {
      const me = await env.request({ method: 'GET', url: '/api/auth/me', as: role });
      assert.ok(!(me.json() as { permissions: string[] }).permissions.includes('repayments.post'), role);
    }
    const users = await env.request({ method: 'GET', url: '/api/users', as: 'admin' });
    assert.equal(users.statusCode, 200);
    for (const u of users.json() as Array<Record<string, unknown>>) assert.equal(u.permissions, undefined);
  });

  it('/api/roles gives the admin every role with the policy’s actions and whether it needs a department', async () => {
    const res = await env.request({ method: 'GET', url: '/api/roles', as: 'admin' });
    assert.equal(res.statusCode, 200);
    const roles = res.json() as Array<{ role: string; needsDepartment: boolean; permissions: string[] }>;
    assert.deepEqual(
      roles.map((r) => r.role),
      [...ROLES],
    );
    for (const r of roles) assert.deepEqual([...r.permissions].sort(), grantedTo(r.role).sort(), r.role);
    // Department work is the department handler's alone: the user editor asks for a department only there.
    assert.deepEqual(
      roles.filter((r) => r.needsDepartment).map((r) => r.role),
      ['dept_handler'],
    );
    const created = await env.request({
      method: 'POST',
      url: '/api/users',
      as: 'admin',
      payload: { username: 'handler_nodept', displayName: '无部门', role: 'dept_handler', password: 'Str0ngPassw0rd!' },
    });
    assert.equal((created.json() as { error: { code: string } }).error.code, 'DEPARTMENT_REQUIRED');
  });

  it('lists the demo-only actions (code outbox, simulated keypad) only when the server runs in demo mode', async () => {
    const agent = (await env.request({ method: 'GET', url: '/api/auth/me', as: 'agent' })).json() as Me;
    assert.ok(agent.permissions.includes('demo.otp_outbox'), 'the test server runs in demo mode');
    const outside = withPermissions(agent, { demo: false });
    assert.ok(!outside.permissions.includes('demo.otp_outbox'));
    assert.deepEqual(
      outside.permissions,
      agent.permissions.filter((p) => p !== 'demo.otp_outbox'),
    );
  });

  it('refuses /api/auth/me without a session', async () => {
    const res = await env.request({ method: 'GET', url: '/api/auth/me' });
    assert.equal(res.statusCode, 401);
  });
});
