import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../test/context.ts';
import { idCheckChar } from '../platform/pii/validators.ts';
import { findCustomerIdByPhone, fixedCustomer } from './cards/index.ts';
import { openCase } from './cases/index.ts';
import { verifiedCall } from './contacts/contacts.fixtures.ts';

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

const ZHANG = fixedCustomer('zhang_wei');

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
  const row = await openCase(env.system, {
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
    const contactId = await verifiedCall(env, 'senior_agent', ZHANG);
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

/** A phone contact whose number the agent typed (no customer matches it), then the customer linked by search. */
async function typedCallLinkedTo(as: string, customer: string): Promise<string> {
  const started = await env.request({
    method: 'POST',
    url: '/api/contacts',
    as,
    payload: { channel: 'phone', direction: 'inbound', callerNumber: '13700000009' },
  });
  assert.equal(started.statusCode, 201, started.body);
  const id = started.json().contact.id as string;
  const linked = await env.request({
    method: 'POST',
    url: `/api/contacts/${id}/customer`,
    as,
    payload: { customerId: customer },
  });
  assert.equal(linked.statusCode, 200, linked.body);
  return id;
}

describe('finding 3: verification passes only with factors the desk has not displayed', () => {
  it('finding 3: last four digits shown in search are not a verification factor', async () => {
    const zhang = await customerId(ZHANG.phone);
    const search = await env.request({
      method: 'POST',
      url: '/api/customers/search',
      as: 'agent',
      payload: { q: ZHANG.name },
    });
    assert.equal(search.statusCode, 200, search.body);
    const hit = (
      search.json().hits as Array<{ id: string; cards: Array<{ last4: string; maskedNumber: string }> }>
    ).find((h) => h.id === zhang);
    assert.ok(hit && hit.cards.length > 0);
    for (const card of hit.cards) {
      assert.equal(card.last4, '****');
      assert.doesNotMatch(card.maskedNumber, /\d/);
    }
    assert.doesNotMatch(search.body, /1234/);
    const contactId = await typedCallLinkedTo('agent', zhang);
    // The screen pop before verification conceals them too.
    const summary = await env.request({
      method: 'GET',
      url: `/api/customers/${zhang}/summary`,
      as: 'agent',
      headers: { 'x-contact-id': contactId },
    });
    assert.equal(summary.statusCode, 200, summary.body);
    for (const card of summary.json().cards as Array<{ last4: string; maskedNumber: string }>) {
      assert.equal(card.last4, '****');
      assert.doesNotMatch(card.maskedNumber, /\d/);
    }
    // The name and the mobile (the search keys, shown masked) do not back up the card's last four.
    for (const factor of [
      { kind: 'name', value: ZHANG.name },
      { kind: 'phone', value: ZHANG.phone },
    ]) {
      const res = await env.request({
        method: 'POST',
        url: `/api/contacts/${contactId}/verify`,
        as: 'agent',
        payload: { method: 'card_last4_factor', cardLast4: '1234', factor },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
    const contact = await env.request({ method: 'GET', url: `/api/contacts/${contactId}`, as: 'agent' });
    assert.equal(contact.json().verification.level, 'none');
    // What the customer knows and the desk never showed does.
    const birth = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/verify`,
      as: 'agent',
      payload: { method: 'card_last4_factor', cardLast4: '1234', factor: { kind: 'birth_date', value: '1985-03-15' } },
    });
    assert.equal(birth.json().level, 'basic', birth.body);
  });

  it('finding 3: a caller number the agent typed does not verify', async () => {
    // The agent types the customer's registered mobile as the caller number: the screen pop links them…
    const started = await env.request({
      method: 'POST',
      url: '/api/contacts',
      as: 'agent',
      payload: { channel: 'phone', direction: 'inbound', callerNumber: ZHANG.phone },
    });
    assert.equal(started.statusCode, 201, started.body);
    const id = started.json().contact.id as string;
    assert.ok(started.json().contact.customerId);
    // …but nobody is on the line: the typed number proves nothing.
    const res = await env.request({
      method: 'POST',
      url: `/api/contacts/${id}/verify`,
      as: 'agent',
      payload: { method: 'caller_number' },
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, 'VERIFICATION_METHOD_UNAVAILABLE');
    const contact = await env.request({ method: 'GET', url: `/api/contacts/${id}`, as: 'agent' });
    assert.equal(contact.json().verification.level, 'none');
  });
});

async function auditCount(action: string): Promise<number> {
  const rows = await env.system.db.selectFrom('audit_log').select('id').where('action', '=', action).execute();
  return rows.length;
}

describe('finding 9: every read of a customer’s data is audited', () => {
  it('records case detail, case list, case messages, the summary, applications, emergency reports, eligibility and hand-overs', async () => {
    const zhang = await customerId(ZHANG.phone);
    const caseId = await caseIn('disputes', zhang);
    const contactId = await verifiedCall(env, 'agent', ZHANG);
    const inContact = { 'x-contact-id': contactId };
    const account = await env.system.db
      .selectFrom('accounts')
      .select('id')
      .where('customer_id', '=', zhang)
      .executeTakeFirstOrThrow();
    const card = await env.system.db
      .selectFrom('cards')
      .select('id')
      .where('customer_id', '=', zhang)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    const submitted = await env.request({
      method: 'POST',
      url: '/api/applications',
      as: 'agent',
      payload: application('11010519900909009'),
    });
    assert.equal(submitted.statusCode, 201, submitted.body);
    const emergency = await env.request({
      method: 'POST',
      url: '/api/emergency/reports',
      as: 'agent',
      headers: inContact,
      payload: { customerId: zhang, cardId: card.id, kind: 'lost' },
    });
    assert.equal(emergency.statusCode, 201, emergency.body);
    const reads: Array<[string, { method: 'GET' | 'POST'; url: string; as: string; payload?: object }, object?]> = [
      ['case.read', { method: 'GET', url: `/api/cases/${caseId}`, as: 'dept_handler' }],
      ['case.list', { method: 'GET', url: '/api/cases', as: 'dept_handler' }],
      ['case.messages_read', { method: 'GET', url: `/api/cases/messages?customerId=${zhang}`, as: 'agent' }, inContact],
      ['customer.summary_read', { method: 'GET', url: `/api/customers/${zhang}/summary`, as: 'agent' }, inContact],
      ['application.read', { method: 'GET', url: `/api/applications/${submitted.json().id}`, as: 'agent' }],
      [
        'application.read',
        { method: 'POST', url: '/api/applications/search', as: 'agent', payload: { phone: '13912340001' } },
      ],
      [
        'emergency.report_read',
        { method: 'GET', url: `/api/emergency/reports/${emergency.json().id}`, as: 'agent' },
        inContact,
      ],
      [
        'limit.eligibility_read',
        { method: 'GET', url: `/api/accounts/${account.id}/limit/eligibility`, as: 'agent' },
        inContact,
      ],
    ];
    for (const [action, req, headers] of reads) {
      const before = await auditCount(action);
      const res = await env.request({ ...req, ...(headers ? { headers } : {}) } as Parameters<TestEnv['request']>[0]);
      assert.equal(res.statusCode, 200, `${req.url}: ${res.body}`);
      assert.equal(await auditCount(action), before + 1, `${action} after ${req.method} ${req.url}`);
    }
    // The hand-over packets addressed to a department.
    const transfer = await env.request({
      method: 'POST',
      url: `/api/contacts/${contactId}/transfer`,
      as: 'agent',
      payload: { target: { kind: 'department', code: 'disputes' }, note: '客户对年费有异议' },
    });
    assert.equal(transfer.statusCode, 200, transfer.body);
    const before = await auditCount('contact.handovers_list');
    const handovers = await env.request({ method: 'GET', url: '/api/handovers', as: 'dept_handler' });
    assert.equal(handovers.statusCode, 200, handovers.body);
    assert.ok((handovers.json() as Array<{ contactId: string }>).some((h) => h.contactId === contactId));
    assert.equal(await auditCount('contact.handovers_list'), before + 1);
  });
});

describe('finding 13: missing or too-wide checks', () => {
  it('serves the contacts settings only to those who handle contacts and to admins', async () => {
    for (const as of ['qa', 'kb_editor']) {
      const res = await env.request({ method: 'GET', url: '/api/contacts/settings', as });
      assert.equal(res.statusCode, 403, `${as}: ${res.body}`);
    }
    for (const as of ['agent', 'admin']) {
      const res = await env.request({ method: 'GET', url: '/api/contacts/settings', as });
      assert.equal(res.statusCode, 200, `${as}: ${res.body}`);
    }
  });

  it('lists a queue’s waiting contacts only to those who serve it, and to supervisors', async () => {
    const refused: Array<[string, string]> = [
      ['agent', 'fraud_risk'],
      ['dept_handler', 'fraud_risk'],
      ['dept_handler', 'general'],
      ['qa', 'general'],
    ];
    for (const [as, code] of refused) {
      const res = await env.request({ method: 'GET', url: `/api/queues/${code}/contacts`, as });
      assert.equal(res.statusCode, 403, `${as} ${code}: ${res.body}`);
    }
    const allowed: Array<[string, string]> = [
      ['agent', 'general'],
      ['fraud_handler', 'fraud_risk'],
      ['senior_agent', 'senior_agents'],
      ['supervisor', 'fraud_risk'],
    ];
    for (const [as, code] of allowed) {
      const res = await env.request({ method: 'GET', url: `/api/queues/${code}/contacts`, as });
      assert.equal(res.statusCode, 200, `${as} ${code}: ${res.body}`);
    }
  });

  it('gives the customer summary only under the customer-access rule', async () => {
    const zhang = await customerId(ZHANG.phone);
    const outside = await env.request({ method: 'GET', url: `/api/customers/${zhang}/summary`, as: 'agent' });
    assert.equal(outside.statusCode, 403, outside.body);
    assert.equal(outside.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });

  it('takes an admin’s override of customer access only with a listed reason code and a meaningful text', async () => {
    const zhang = await customerId(ZHANG.phone);
    const view = (reason: string) =>
      env.request({
        method: 'GET',
        url: `/api/customers/${zhang}`,
        as: 'admin',
        headers: { 'x-access-reason': encodeURIComponent(reason) },
      });
    const before = await auditCount('customer.access_override');
    for (const weak of ['abcd', 'xxxxxxxxxxxx', 'complaint_handling: 看看', 'curiosity: 想看看这位客户的账户情况']) {
      const res = await view(weak);
      assert.equal(res.statusCode, 400, `${weak}: ${res.body}`);
      assert.equal(res.json().error.code, 'ACCESS_REASON_INVALID', weak);
    }
    assert.equal(await auditCount('customer.access_override'), before);
    const ok = await view('regulatory_request: 监管转办投诉,核对账户交易记录');
    assert.equal(ok.statusCode, 200, ok.body);
    const record = await env.system.db
      .selectFrom('audit_log')
      .select(['reason', 'details'])
      .where('action', '=', 'customer.access_override')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.match(record.reason ?? '', /^regulatory_request: /);
    assert.match(record.details, /"reasonCode":"regulatory_request"/);
  });
});

describe('finding 15: personal data stays out of URLs', () => {
  it('looks customers and applications up with the number in a POST body; the old GET forms are gone', async () => {
    const zhang = await customerId(ZHANG.phone);
    const found = await env.request({
      method: 'POST',
      url: '/api/customers/search',
      as: 'agent',
      payload: { q: ZHANG.phone },
    });
    assert.equal(found.statusCode, 200, found.body);
    assert.ok((found.json().hits as Array<{ id: string }>).some((h) => h.id === zhang));
    for (const url of [`/api/customers?q=${ZHANG.phone}`, '/api/applications?phone=13912340001']) {
      const res = await env.request({ method: 'GET', url, as: 'agent' });
      assert.equal(res.statusCode, 404, `${url}: ${res.body}`);
    }
    const doc = await env.request({ method: 'GET', url: '/api/openapi.json' });
    const paths = doc.json().paths as Record<string, Record<string, unknown>>;
    assert.ok(paths['/api/customers/search']?.post);
    assert.ok(paths['/api/applications/search']?.post);
    assert.equal(paths['/api/customers']?.get, undefined);
    assert.equal(paths['/api/applications']?.get, undefined);
  });
});
