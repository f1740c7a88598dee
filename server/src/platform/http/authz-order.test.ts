import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { issueSystemCredential } from '../auth/system-credentials.ts';

/**
 * Found by the authorization matrix: a route must refuse a caller its policy action does not name before it
 * reads or judges anything, so the answer says nothing about the data; and the payment system's credential
 * does nothing but post repayments.
 */

const UNKNOWN_ID = '01JCDQ0000000000000000000A';

describe('authorization before state (authorization matrix findings)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('kb review: a role without kb.review is refused before the version is looked up', async () => {
    for (const step of ['approve', 'reject']) {
      const res = await env.request({
        method: 'POST',
        url: `/api/kb/versions/${UNKNOWN_ID}/${step}`,
        as: 'qa',
        payload: { comment: '理由说明文字' },
      });
      assert.equal(res.statusCode, 403, `${step}: ${res.body}`);
      assert.equal(res.json().error.code, 'FORBIDDEN');
    }
  });

  it('contact stage: a role without contacts.handle is refused before the stage is judged', async () => {
    const res = await env.request({
      method: 'POST',
      url: `/api/contacts/${UNKNOWN_ID}/stage`,
      as: 'kb_editor',
      payload: { stage: 'no-such-stage' },
    });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().error.code, 'FORBIDDEN');
  });

  it('sign-out: the payment system has no staff session to end', async () => {
    const { secret } = await issueSystemCredential(env.system, { kind: 'payment_system', name: 'bank-pay' });
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { 'x-api-key': secret } });
    assert.equal(res.statusCode, 401, res.body);
    const staff = await env.request({ method: 'POST', url: '/api/auth/logout', as: 'agent' });
    assert.equal(staff.statusCode, 204);
  });
});
