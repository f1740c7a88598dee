import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../test/context.ts';
import { idCheckChar } from '../platform/pii/validators.ts';
import { FIXED_CUSTOMERS, findCustomerIdByPhone } from './cards/index.ts';
import { createCaseRecord } from './cases/index.ts';

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

const ZHANG = FIXED_CUSTOMERS.find((f) => f.key === 'zhang_wei') as (typeof FIXED_CUSTOMERS)[number];

async function customerId(phone: string): Promise<string> {
  const id = await findCustomerIdByPhone(env.system, phone);
  assert.ok(id, phone);
  return id;
}

/** A case of the customer sitting with a department (as after a referral), opened by the system. */
async function caseIn(department: string, customer: string): Promise<string> {
  const dept = await env.system.db
    .selectFrom('departments')
    .select('id')
    .where('code', '=', department)
    .executeTakeFirstOrThrow();
  const row = await createCaseRecord(env.system, {
    kind: 'complaint',
    customerId: customer,
    channel: 'phone',
    category: 'complaint_fee',
    summary: '客户对年费收取有异议',
    demand: '退还年费',
    departmentId: dept.id,
    firstAgentId: null,
    priority: 'normal',
    state: 'referred',
  });
  return row.id;
}

/** A phone contact with the customer handled by `as`, verified to basic with name and ID digits. */
async function verifiedCall(as: string, c: typeof ZHANG): Promise<string> {
  const started = await env.request({
    method: 'POST',
    url: '/api/contacts',
    as,
    payload: { channel: 'phone', direction: 'inbound', callerNumber: c.phone },
  });
  assert.equal(started.statusCode, 201, started.body);
  const id = started.json().contact.id as string;
  const v = await env.request({
    method: 'POST',
    url: `/api/contacts/${id}/verify`,
    as,
    payload: { method: 'name_id_last6', name: c.name, idLast6: c.idNumber.slice(-6) },
  });
  assert.equal(v.json().level, 'basic', v.body);
  return id;
}

describe('finding 4: a department handler reads and annotates only cases of their department', () => {
  it('refuses another department’s case of a customer who also has a case in theirs', async () => {
    const zhang = await customerId(ZHANG.phone);
    const ours = await caseIn('disputes', zhang);
    const theirs = await caseIn('fraud_risk', zhang);
    const own = await env.request({ method: 'GET', url: `/api/cases/${ours}`, as: 'dept_handler' });
    assert.equal(own.statusCode, 200, own.body);
    const read = await env.request({ method: 'GET', url: `/api/cases/${theirs}`, as: 'dept_handler' });
    assert.equal(read.statusCode, 403, read.body);
    const note = await env.request({
      method: 'POST',
      url: `/api/cases/${theirs}/notes`,
      as: 'dept_handler',
      payload: { body: '看看别的部门的案件' },
    });
    assert.equal(note.statusCode, 403, note.body);
    const notes = await env.system.db
      .selectFrom('case_events')
      .select('id')
      .where('case_id', '=', theirs)
      .where('kind', '=', 'note')
      .execute();
    assert.equal(notes.length, 0);
    // The customer filter of the list shows them only their department's case, not the other one.
    const list = await env.request({ method: 'GET', url: `/api/cases?customerId=${zhang}`, as: 'dept_handler' });
    assert.equal(list.statusCode, 200, list.body);
    const ids = (list.json().items as Array<{ id: string }>).map((c) => c.id);
    assert.ok(ids.includes(ours));
    assert.ok(!ids.includes(theirs));
    // The department the case sits with reads it.
    const risk = await env.request({ method: 'GET', url: `/api/cases/${theirs}`, as: 'fraud_handler' });
    assert.equal(risk.statusCode, 200, risk.body);
  });
});

describe('finding 13: case steps need responsibility for the case', () => {
  it('refuses notes, result notice, feedback, reopening and review by someone who only has the customer on the line', async () => {
    const zhang = await customerId(ZHANG.phone);
    const caseId = await caseIn('disputes', zhang);
    const contactId = await verifiedCall('senior_agent', ZHANG);
    const headers = { 'x-contact-id': contactId };
    // The contact gives the senior agent the customer's data, the case included…
    const read = await env.request({ method: 'GET', url: `/api/cases/${caseId}`, as: 'senior_agent', headers });
    assert.equal(read.statusCode, 200, read.body);
    const before = await env.system.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute();
    // …but not the steps of a case another department carries.
    const steps: Array<[string, Record<string, unknown>]> = [
      ['notes', { body: '备注' }],
      ['notify-result', {}],
      ['feedback', { feedback: 'satisfied' }],
      ['reopen', { reason: '客户不满意处理结果' }],
      ['review', { reason: '客户申请核查处理结果' }],
    ];
    for (const [step, payload] of steps) {
      const res = await env.request({
        method: 'POST',
        url: `/api/cases/${caseId}/${step}`,
        as: 'senior_agent',
        headers,
        payload,
      });
      assert.equal(res.statusCode, 403, `${step}: ${res.body}`);
      assert.equal(res.json().error.code, 'CASE_NOT_RESPONSIBLE', step);
    }
    const after = await env.system.db.selectFrom('case_events').select('id').where('case_id', '=', caseId).execute();
    assert.equal(after.length, before.length);
    // The department carrying it adds its note.
    const note = await env.request({
      method: 'POST',
      url: `/api/cases/${caseId}/notes`,
      as: 'dept_handler',
      payload: { body: '已联系商户核实' },
    });
    assert.equal(note.statusCode, 204, note.body);
  });
});
