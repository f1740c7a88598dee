import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { cardsModule } from '../cards/index.ts';
import { contactsModule } from '../contacts/index.ts';
import { casesModule } from './index.ts';

/**
 * CBIRC Order 2020 No. 3: decide and tell within 15 days of receipt, a complex case within 30, an especially
 * complex one a further 30 with head-office approval. The longer period is given while the shorter one still
 * runs: a complaint already past its due date is late, and calling it complex (or extending it) afterwards
 * would tell the customer a new deadline for a breach that has happened.
 */
const MODULES = [cardsModule, contactsModule, casesModule];
const OVERRIDE = { 'x-access-reason': encodeURIComponent('complaint_handling: 投诉处理,回访客户核实进展') };

let n = 0;
const complaint = () => ({
  customerId: `CUST-LATE-${++n}`,
  channel: 'phone',
  productCode: 'GOLD',
  category: 'complaint_fee',
  summary: '客户对年费收取有异议',
  demand: '退还年费',
  callbackPhone: '13812345678',
});

describe('complaints: the longer periods are given before the due date, not after it', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES, start: '2026-11-02T02:00:00Z' });
  });
  after(() => env.close());

  async function post(as: string, url: string, payload: Record<string, unknown>, headers: object = OVERRIDE) {
    let res = await env.request({ method: 'POST', url, as, payload, headers: headers as Record<string, string> });
    if (res.statusCode === 401) {
      await env.login(as);
      res = await env.request({ method: 'POST', url, as, payload, headers: headers as Record<string, string> });
    }
    return res;
  }
  const messages = (caseId: string, kind: string) =>
    env.system.db
      .selectFrom('case_messages')
      .select('id')
      .where('case_id', '=', caseId)
      .where('kind', '=', kind)
      .execute();

  it('refuses to mark a complaint complex once its 15 days have run out, and the due date stays', async () => {
    const opened = await post('supervisor', '/api/cases/complaints', complaint());
    assert.equal(opened.statusCode, 201, opened.body);
    const c = opened.json();
    // Received 2 November: 15 days end on 17 November; on 18 November the complaint is late.
    assert.equal(c.dueDate, '2026-11-17');
    env.clock.advanceDays(16);
    const late = await post('supervisor', `/api/cases/${c.id}/complex`, { reason: '涉及第三方商户' });
    assert.equal(late.statusCode, 409, late.body);
    assert.equal(late.json().error.code, 'CASE_DEADLINE_PASSED');
    const row = await env.system.db
      .selectFrom('cases')
      .select(['due_date', 'complex'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { due_date: '2026-11-17', complex: 0 });
    assert.equal((await messages(c.id, 'complex_notice')).length, 0, 'no new deadline told for a breach');
  });

  it('refuses to approve the +30-day extension once the 30 days of a complex complaint have run out', async () => {
    const opened = await post('supervisor', '/api/cases/complaints', complaint());
    const c = opened.json();
    const received = c.receivedAt.slice(0, 10);
    const complex = await post('supervisor', `/api/cases/${c.id}/complex`, { reason: '涉及多笔交易' });
    assert.equal(complex.statusCode, 200, complex.body);
    const requested = await post('supervisor', `/api/cases/${c.id}/extension-request`, { reason: '需商户提供材料' });
    assert.equal(requested.statusCode, 200, requested.body);
    // 30 days after receipt is the complex due date; a day past it the extension can no longer be granted.
    const due = complex.json().dueDate;
    assert.equal(due, new Date(Date.parse(`${received}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10));
    env.clock.advanceDays(31);
    const late = await post('head_office', `/api/cases/${c.id}/extension-approval`, { note: '同意' }, {});
    assert.equal(late.statusCode, 409, late.body);
    assert.equal(late.json().error.code, 'CASE_DEADLINE_PASSED');
    const row = await env.system.db
      .selectFrom('cases')
      .select(['due_date', 'extended'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { due_date: due, extended: 0 });
    assert.equal((await messages(c.id, 'extension_notice')).length, 0);
  });
});
