import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../../test/context.ts';
import { bankDate } from '../../../platform/clock.ts';
import { cardsModule, findCustomerIdByPhone } from '../index.ts';
import { addMonths } from '../rules/limit.rules.ts';

const asSupervisor = {
  as: 'supervisor',
  headers: { 'x-access-reason': encodeURIComponent('customer_callback: 客户来电询问提额条件') },
};

interface Eligibility {
  currentLimitFen: number;
  permanent: { eligible: boolean; code: string | null; earliest: string | null; maxLimitFen: number };
  temporary: { maxExtraFen: number; maxDays: number; latestValidUntil: string };
}

describe('limit eligibility (GET /api/accounts/:id/limit/eligibility)', () => {
  let env: TestEnv;
  let account: string;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule] });
    const zhang = await findCustomerIdByPhone(env.system, '13800138000');
    assert.ok(zhang);
    account = (
      await env.system.db.selectFrom('accounts').select('id').where('customer_id', '=', zhang).executeTakeFirstOrThrow()
    ).id;
  });
  after(() => env.close());

  const eligibility = async () => {
    const res = await env.request({
      method: 'GET',
      url: `/api/accounts/${account}/limit/eligibility`,
      ...asSupervisor,
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Eligibility;
  };

  it('agrees with the permanent-limit request: the maximum it names is the most the request accepts', async () => {
    const e = await eligibility();
    const limit = await env.system.db
      .selectFrom('accounts')
      .select('credit_limit_fen')
      .where('id', '=', account)
      .executeTakeFirstOrThrow();
    assert.equal(e.currentLimitFen, Number(limit.credit_limit_fen));
    assert.ok(e.permanent.maxLimitFen >= e.currentLimitFen);
    // One fen above the maximum is refused whatever the verdict; when not eligible, the same code refuses.
    const over = await env.request({
      method: 'POST',
      url: `/api/accounts/${account}/limit/permanent`,
      payload: { newLimitFen: e.permanent.maxLimitFen + 100 },
      ...asSupervisor,
    });
    assert.equal(over.statusCode >= 400, true);
    const expected = e.permanent.eligible ? 'LIMIT_OUT_OF_RANGE' : e.permanent.code;
    assert.equal(over.json().error.code, expected);
  });

  it('says when a recently activated card may first be raised', async () => {
    const today = bankDate(env.clock.now());
    await env.system.db
      .updateTable('accounts')
      .set({ activated_on: today, last_limit_increase_on: null })
      .where('id', '=', account)
      .execute();
    const e = await eligibility();
    assert.equal(e.permanent.eligible, false);
    assert.equal(e.permanent.code, 'LIMIT_INCREASE_TOO_EARLY');
    assert.equal(e.permanent.earliest, addMonths(today, 6));
    assert.ok(e.temporary.maxExtraFen > 0);
    assert.ok(e.temporary.latestValidUntil > today);
  });

  it('refuses an agent outside a contact with the customer', async () => {
    const res = await env.request({ method: 'GET', url: `/api/accounts/${account}/limit/eligibility`, as: 'agent' });
    assert.equal(res.statusCode, 403);
  });
});
