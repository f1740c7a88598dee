import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../test/context.ts';
import { idCheckChar } from '../platform/pii/validators.ts';

/**
 * Regression tests for the security review's insider findings (issue 15): each reproduces the attack on the
 * seeded demo data and expects it refused.
 */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => {
  await env?.close();
});

const application = (idFirst17: string) => ({
  productCode: 'GOLD',
  name: '钱多多',
  idNumber: withCheck(idFirst17),
  phone: '13912340001',
  address: '北京市朝阳区建国路1号',
  annualIncomeFen: 30_000_000,
  requestedLimitFen: 30_000_000,
});

describe('finding 6: a card application is not approved by the one who submitted it', () => {
  it('refuses self-approval with APPLICATION_SELF_APPROVAL and leaves the application waiting', async () => {
    const submitted = await env.request({
      method: 'POST',
      url: '/api/applications',
      as: 'supervisor',
      payload: application('11010519880808001'),
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const id = submitted.json().id as string;
    const self = await env.request({
      method: 'POST',
      url: `/api/applications/${id}/decision`,
      as: 'supervisor',
      payload: { approve: true },
    });
    assert.equal(self.statusCode, 403, self.body);
    assert.equal(self.json().error.code, 'APPLICATION_SELF_APPROVAL');
    const row = await env.system.db
      .selectFrom('card_applications')
      .select(['status', 'card_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'submitted', card_id: null });
    // A second person decides it.
    const other = await env.request({
      method: 'POST',
      url: `/api/applications/${id}/decision`,
      as: 'admin',
      payload: { approve: true },
    });
    assert.equal(other.statusCode, 200, other.body);
    assert.equal(other.json().status, 'card_issued');
  });
});
