import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import type { LiveEvent } from '../../platform/events/bus.ts';
import { cardsModule } from '../cards/index.ts';
import { contactsModule } from '../contacts/index.ts';
import { seedCasesDemo } from './cases.seed.ts';
import { casesModule } from './index.ts';

const MODULES = [cardsModule, contactsModule, casesModule];
// Supervisors act on a customer outside a contact with a written reason (audited as an override).
const OVERRIDE = { 'x-access-reason': encodeURIComponent('complaint_handling: 投诉处理,回访客户核实进展') };

let n = 0;
const complaint = (overrides: Record<string, unknown> = {}) => ({
  customerId: `CUST-${++n}`,
  channel: 'phone',
  productCode: 'GOLD',
  category: 'complaint_fee',
  summary: '客户对年费收取有异议,卡号 6222600260001072444 已满足减免条件',
  demand: '退还年费',
  callbackPhone: '13812345678',
  ...overrides,
});

type Json = Record<string, unknown> & { id: string; number: string; dueDate: string; state: string };

/** A request as a demo user; signs in again when the test clock has moved past the session's expiry. */
async function call(env: TestEnv, options: Parameters<TestEnv['request']>[0] & { as: string }) {
  const res = await env.request(options);
  if (res.statusCode !== 401) return res;
  await env.login(options.as);
  return env.request(options);
}

async function post(env: TestEnv, as: string, url: string, payload: unknown = {}, headers = OVERRIDE) {
  return call(env, { method: 'POST', url, as, payload: payload as Record<string, unknown>, headers });
}

async function open(env: TestEnv, overrides: Record<string, unknown> = {}): Promise<Json> {
  const res = await post(env, 'supervisor', '/api/cases/complaints', complaint(overrides));
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as Json;
}

async function detail(env: TestEnv, id: string) {
  const res = await call(env, { method: 'GET', url: `/api/cases/${id}`, as: 'supervisor', headers: OVERRIDE });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Json & {
    events: { kind: string; body: string | null }[];
    messages: { kind: string; body: string }[];
  };
}

async function userId(env: TestEnv, username: string): Promise<string> {
  const u = await env.system.db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return u.id;
}

describe('complaints: intake and the regulatory clock', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES, start: '2026-11-02T02:00:00Z' });
  });
  after(() => env.close());

  it('records a complaint with a number the customer can quote, due 15 days after receipt, and confirms it', async () => {
    const c = await open(env);
    assert.match(c.number, /^TS20261102-\d{4}$/);
    assert.equal(c.state, 'received');
    assert.equal(c.dueDate, '2026-11-17');
    assert.equal(c.callbackPhone, '138****5678');
    assert.doesNotMatch(String(c.summary), /6222600260001072444/);
    const d = await detail(env, c.number);
    assert.equal(d.id, c.id);
    assert.deepEqual(d.events.map((e) => e.kind).slice(0, 2), ['received', 'message_sent']);
    assert.equal(d.messages[0]?.kind, 'intake_confirmation');
    assert.match(d.messages[0]?.body ?? '', new RegExp(c.number));
    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', c.id)
      .execute();
    assert.ok(audited.some((a) => a.action === 'case.received'));
    assert.equal((await verifyAuditChain(env.system)).ok, true);
  });

  it('numbers complaints of the same day one after another', async () => {
    const a = await open(env);
    const b = await open(env);
    assert.equal(Number(b.number.slice(-4)), Number(a.number.slice(-4)) + 1);
  });

  it('refuses bad input with a coded error and records nothing', async () => {
    const before = await env.system.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await post(env, 'supervisor', '/api/cases/complaints', complaint({ category: 'not_an_intent' }));
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
    const phone = await post(env, 'supervisor', '/api/cases/complaints', complaint({ callbackPhone: '12345' }));
    assert.equal(phone.json().error.code, 'VALIDATION_FAILED');
    const after = await env.system.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('refuses an agent outside a contact with the customer', async () => {
    const res = await post(env, 'agent', '/api/cases/complaints', complaint(), {} as typeof OVERRIDE);
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'CUSTOMER_ACCESS_DENIED');
  });

  it('the desk opens a "repayment not credited" case (还款未入账) with the customer’s transfer reference, stored and shown', async () => {
    const res = await post(env, 'supervisor', '/api/cases/repayment-traces', {
      customerId: 'CUST-PAY-1',
      channel: 'phone',
      transferReference: 'ICBC20261101-88812345',
      amountFen: 358_000,
      paidOn: '2026-11-01',
      paidVia: '工商银行手机银行',
    });
    assert.equal(res.statusCode, 201, res.body);
    const c = res.json();
    assert.equal(c.kind, 'repayment_trace');
    assert.match(c.number, /^HK20261102-\d{4}$/);
    assert.equal(c.category, 'repayment_status');
    assert.equal(c.transferReference, 'ICBC20261101-88812345');
    const d = await detail(env, c.id);
    assert.equal((d as unknown as { transferReference: string }).transferReference, 'ICBC20261101-88812345');
    assert.ok(d.messages.some((m) => m.kind === 'intake_confirmation' && m.body.includes(c.number)));
    const missing = await post(env, 'supervisor', '/api/cases/repayment-traces', {
      customerId: 'CUST-PAY-1',
      channel: 'phone',
      amountFen: 358_000,
      paidOn: '2026-11-01',
    });
    assert.equal(missing.statusCode, 400);
  });

  it('marking a complaint complex moves the due date from 15 to 30 days after receipt and tells the customer', async () => {
    const c = await open(env);
    assert.equal(c.dueDate, '2026-11-17');
    const res = await post(env, 'supervisor', `/api/cases/${c.id}/complex`, { reason: '涉及第三方商户' });
    assert.equal(res.statusCode, 200, res.body);
    // Received 2 November: 30 days end on 2 December (CBIRC Order 2020 No. 3).
    assert.equal(res.json().dueDate, '2026-12-02');
    assert.equal(res.json().complex, true);
    const notice = (await detail(env, c.id)).messages.find((m) => m.kind === 'complex_notice');
    assert.ok(notice, 'the customer is told of the longer period');
    assert.match(notice.body, /2026-12-02/);
    assert.match(notice.body, /涉及第三方商户/);
  });

  it('only the head-office complaint manager approves an extension: senior agents, supervisors and agents may not', async () => {
    const c = await open(env);
    const notComplex = await post(env, 'supervisor', `/api/cases/${c.id}/extension-request`, { reason: '需调取监控' });
    assert.equal(notComplex.json().error.code, 'CASE_NOT_COMPLEX');
    await post(env, 'supervisor', `/api/cases/${c.id}/complex`, { reason: '涉及多笔交易' });
    // Nothing asked for: the case is not open to the head office at all.
    const unrequested = await post(
      env,
      'head_office',
      `/api/cases/${c.id}/extension-approval`,
      { note: '同意' },
      {} as typeof OVERRIDE,
    );
    assert.equal(unrequested.json().error.code, 'CUSTOMER_ACCESS_DENIED');
    // A supervisor may ask for the extension …
    const req = await post(env, 'supervisor', `/api/cases/${c.id}/extension-request`, { reason: '需商户提供材料' });
    assert.equal(req.statusCode, 200, req.body);
    assert.equal(req.json().dueDate, '2026-12-02', 'a request alone does not move the deadline');
    // … but neither a senior agent, nor a supervisor, nor an agent may grant it.
    for (const who of ['senior_agent', 'supervisor', 'agent']) {
      const refused = await post(env, who, `/api/cases/${c.id}/extension-approval`, { note: '同意' });
      assert.equal(refused.statusCode, 403, who);
      assert.equal(refused.json().error.code, 'CASE_EXTENSION_HEAD_OFFICE_ONLY', who);
    }
    const d = await detail(env, c.id);
    assert.equal(d.dueDate, '2026-12-02');
    assert.equal(d.extensionApproval, null);
  });

  it('with the head-office complaint manager’s approval the due date moves by 30 days, the position is recorded and the customer is told', async () => {
    const c = await open(env);
    await post(env, 'supervisor', `/api/cases/${c.id}/complex`, { reason: '涉及多笔交易' });
    await post(env, 'supervisor', `/api/cases/${c.id}/extension-request`, { reason: '需商户提供材料' });
    // The head office's list holds the cases waiting for its approval (its landing page), and only those.
    const waiting = await env.request({ method: 'GET', url: '/api/cases?extension=requested', as: 'head_office' });
    assert.equal(waiting.statusCode, 200, waiting.body);
    const ids = (waiting.json() as { items: Array<{ id: string; extensionStatus: string }> }).items;
    assert.ok(ids.some((x) => x.id === c.id));
    assert.ok(ids.every((x) => x.extensionStatus === 'requested'));
    const all = await env.request({ method: 'GET', url: '/api/cases', as: 'head_office' });
    assert.ok(
      (all.json() as { items: Array<{ extensionStatus: string }> }).items.every(
        (x) => x.extensionStatus === 'requested',
      ),
    );
    // The head office reaches the customer through the pending approval (assignment rule), no override.
    const ok = await post(
      env,
      'head_office',
      `/api/cases/${c.id}/extension-approval`,
      { note: '情况特别复杂,同意延期' },
      {} as typeof OVERRIDE,
    );
    assert.equal(ok.statusCode, 200, ok.body);
    // Received 2 November: complex 30 days + 30 days extension = 1 January (60 days at most).
    assert.equal(ok.json().dueDate, '2027-01-01');
    assert.equal(ok.json().extended, true);
    assert.equal(ok.json().extensionApproval.position, '总行投诉管理岗');
    assert.equal(ok.json().extensionApproval.approvedBy, await userId(env, 'head_office'));
    const d = await detail(env, c.id);
    const notice = d.messages.find((m) => m.kind === 'extension_notice');
    assert.ok(notice, 'customer notice stored');
    assert.match(notice.body, /2027-01-01/);
    const approved = d.events.find((e) => e.kind === 'extension_approved');
    assert.ok(approved);
    const again = await post(env, 'supervisor', `/api/cases/${c.id}/extension-request`, { reason: '再延期' });
    assert.equal(again.json().error.code, 'CASE_EXTENSION_USED');
  });

  it('excludes an outside appraisal from the clock only when the customer was told', async () => {
    const c = await open(env);
    const start = await post(env, 'supervisor', `/api/cases/${c.id}/appraisals`, {
      description: '商户交易凭证鉴定',
      notifyCustomer: true,
    });
    assert.equal(start.statusCode, 200, start.body);
    assert.equal(start.json().duePaused, true);
    env.clock.advanceDays(4);
    const end = await post(env, 'supervisor', `/api/cases/${c.id}/appraisals/end`);
    assert.equal(end.statusCode, 200, end.body);
    // Appraisal from 11-02 to 11-06: the days 11-03 … 11-06 do not count.
    assert.equal(end.json().dueDate, '2026-11-21');
    assert.equal(end.json().duePaused, false);
    env.clock.advanceDays(-4);
  });
});

describe('complaints: the closed loop', () => {
  let env: TestEnv;
  const events: LiveEvent[] = [];
  before(async () => {
    env = await createTestEnv({ modules: MODULES, start: '2026-11-02T02:00:00Z' });
    env.runtime.deps.events.subscribe((e) => events.push(e));
  });
  after(() => env.close());

  it('cannot close without a recorded result and the customer’s feedback, nor without a root cause', async () => {
    const c = await open(env);
    const url = `/api/cases/${c.id}`;
    const close = (body: Record<string, unknown> = { rootCause: 'fee_pricing', remediation: '优化年费减免提示' }) =>
      post(env, 'supervisor', `${url}/close`, body);
    assert.equal((await close()).json().error.code, 'CASE_RESULT_MISSING');
    assert.equal((await post(env, 'supervisor', `${url}/resolve`, { result: '已退还年费 300 元' })).statusCode, 200);
    assert.equal((await close()).json().error.code, 'CASE_FEEDBACK_MISSING');
    assert.equal(
      (await post(env, 'supervisor', `${url}/feedback`, { feedback: 'satisfied' })).json().error.code,
      'CASE_INVALID_TRANSITION',
    );
    const told = await post(env, 'supervisor', `${url}/notify-result`, {});
    assert.equal(told.json().state, 'notified');
    assert.equal((await close()).json().error.code, 'CASE_FEEDBACK_MISSING');
    assert.equal((await post(env, 'supervisor', `${url}/feedback`, { feedback: 'satisfied' })).statusCode, 200);
    assert.equal((await close({})).json().error.code, 'CASE_ROOT_CAUSE_REQUIRED');
    assert.equal(
      (await close({ rootCause: 'nonsense', remediation: 'x' })).json().error.code,
      'CASE_UNKNOWN_ROOT_CAUSE',
    );
    const closed = await close();
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json().state, 'closed');
    assert.equal(closed.json().rootCause, 'fee_pricing');
    const d = await detail(env, c.id);
    const kinds = d.events.map((e) => e.kind);
    for (const k of ['received', 'resolved', 'message_sent', 'feedback', 'closed']) assert.ok(kinds.includes(k), k);
    assert.ok(d.messages.some((m) => m.kind === 'result' && m.body.includes('已退还年费')));
    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', c.id)
      .execute();
    for (const k of ['case.resolved', 'case.feedback', 'case.closed'])
      assert.ok(
        audited.some((a) => a.action === k),
        k,
      );
  });

  it('records a complaint resolved on the spot as such', async () => {
    const c = await open(env, { resolvedOnSpot: { result: '已当场解释年费减免规则,客户认可' } });
    assert.equal(c.state, 'resolved');
    assert.equal(c.resolvedOnSpot, true);
  });

  it('accepts a review request within 30 days of the day the customer received the decision and refuses one after', async () => {
    const within = await open(env);
    const late = await open(env);
    for (const c of [within, late]) {
      await post(env, 'supervisor', `/api/cases/${c.id}/resolve`, { result: '维持原收费' });
      await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, {});
      await post(env, 'supervisor', `/api/cases/${c.id}/feedback`, { feedback: 'unsatisfied' });
      await post(env, 'supervisor', `/api/cases/${c.id}/close`, { rootCause: 'fee_pricing', remediation: '解释规则' });
    }
    env.clock.advanceDays(30);
    const ok = await post(env, 'supervisor', `/api/cases/${within.id}/review`, { reason: '客户对结果不满意' });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().state, 'under_review');
    assert.equal(ok.json().dueDate, '2027-01-01', 'the review has 30 days');
    // The person who made the decision may not review it.
    const decider = await userId(env, 'supervisor');
    const self = await post(env, 'supervisor', `/api/cases/${within.id}/assign`, { userId: decider });
    assert.equal(self.json().error.code, 'CASE_CONFLICT_OF_INTEREST');
    env.clock.advanceDays(1);
    const refused = await post(env, 'supervisor', `/api/cases/${late.id}/review`, { reason: '客户对结果不满意' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().error.code, 'CASE_REVIEW_WINDOW_CLOSED');
    const reopen = await post(env, 'supervisor', `/api/cases/${late.id}/reopen`, { reason: '客户要求重新处理' });
    assert.equal(reopen.json().error.code, 'CASE_REVIEW_WINDOW_CLOSED');
    assert.equal((await detail(env, late.id)).state, 'closed');
    env.clock.advanceDays(-31);
  });

  it('counts the 30-day review window from the day the customer received the decision, not the decision date', async () => {
    const c = await open(env);
    // Decided on 2 November; the letter with the result reached the customer on 12 November.
    await post(env, 'supervisor', `/api/cases/${c.id}/resolve`, { result: '维持原收费' });
    env.clock.advanceDays(10);
    const told = await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, { receivedOn: '2026-11-12' });
    assert.equal(told.statusCode, 200, told.body);
    assert.equal(told.json().resultReceivedOn, '2026-11-12');
    // 30 days from 12 November: the review may be asked for until 12 December.
    assert.equal(told.json().reviewOpenUntil, '2026-12-12');
    const d = await detail(env, c.id);
    assert.ok(d.messages.some((m) => m.kind === 'result' && m.body.includes('2026-12-12')));
    env.clock.set('2026-12-12T10:00:00Z'); // 40 days after the decision, 30 after receipt
    const ok = await post(env, 'supervisor', `/api/cases/${c.id}/review`, { reason: '客户对结果不满意' });
    assert.equal(ok.statusCode, 200, ok.body);
    const future = await open(env);
    await post(env, 'supervisor', `/api/cases/${future.id}/resolve`, { result: '维持原收费' });
    const bad = await post(env, 'supervisor', `/api/cases/${future.id}/notify-result`, { receivedOn: '2026-12-30' });
    assert.equal(bad.json().error.code, 'CASE_RECEIVED_DATE_INVALID');
    env.clock.set('2026-11-02T02:00:00Z');
  });

  it('receipt cannot precede notification: a received date before the day the customer was told is refused, so the 30-day review window cannot be shortened', async () => {
    const c = await open(env);
    // Decided on 2 November, told on 12 November at 01:00 bank time (Asia/Shanghai; still 11 November in UTC).
    await post(env, 'supervisor', `/api/cases/${c.id}/resolve`, { result: '维持原收费' });
    env.clock.set('2026-11-11T17:00:00Z');
    const before = await detail(env, c.id);
    for (const receivedOn of ['2026-11-02', '2026-11-05', '2026-11-11']) {
      const early = await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, { receivedOn });
      assert.equal(early.statusCode, 400, `${receivedOn}: ${early.body}`);
      assert.equal(early.json().error.code, 'CASE_RECEIVED_BEFORE_NOTIFICATION', receivedOn);
    }
    const after = await detail(env, c.id);
    assert.equal(after.state, 'resolved');
    assert.equal(after.resultReceivedOn, null);
    assert.equal(after.messages.length, before.messages.length);
    const tomorrow = await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, { receivedOn: '2026-11-13' });
    assert.equal(tomorrow.json().error.code, 'CASE_RECEIVED_DATE_INVALID');
    // Received the day told: the window runs 30 days from 12 November.
    const told = await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, { receivedOn: '2026-11-12' });
    assert.equal(told.statusCode, 200, told.body);
    assert.equal(told.json().resultReceivedOn, '2026-11-12');
    assert.equal(told.json().reviewOpenUntil, '2026-12-12');
    env.clock.set('2026-11-02T02:00:00Z');
  });

  it('never assigns a handler the complaint is about or who declared a conflict', async () => {
    const agent = await userId(env, 'agent');
    const senior = await userId(env, 'senior_agent');
    const c = await open(env, { subjectUserId: agent, category: 'complaint_service' });
    const res = await post(env, 'supervisor', `/api/cases/${c.id}/assign`, { userId: agent });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json().error.code, 'CASE_CONFLICT_OF_INTEREST');
    const declared = await post(env, 'supervisor', '/api/cases/conflicts', {
      userId: senior,
      customerId: c.customerId,
      reason: '亲属关系',
    });
    assert.equal(declared.statusCode, 204);
    assert.equal(
      (await post(env, 'supervisor', `/api/cases/${c.id}/assign`, { userId: senior })).json().error.code,
      'CASE_CONFLICT_OF_INTEREST',
    );
  });

  it('refers with the hand-over packet: the first agent stays responsible until the department accepts', async () => {
    const c = await open(env);
    const early = await post(env, 'supervisor', `/api/cases/${c.id}/refer`, {
      department: 'disputes',
      promisedDate: '2026-12-30',
      handover: { whatWasSaid: '客户称年费应减免' },
    });
    assert.equal(
      early.json().error.code,
      'CASE_PROMISE_INVALID',
      'a promise beyond the regulatory due date is refused',
    );
    const ref = await post(env, 'supervisor', `/api/cases/${c.id}/refer`, {
      department: 'disputes',
      promisedDate: '2026-11-10',
      handover: { whatWasSaid: '客户称年费应减免', verification: '来电号码+身份证后六位', whatWasDone: '已安抚' },
    });
    assert.equal(ref.statusCode, 200, ref.body);
    assert.equal(ref.json().state, 'referred');
    assert.equal(ref.json().ownerId, await userId(env, 'supervisor'));
    assert.ok(events.some((e) => e.topic === 'department:disputes' && e.type === 'case.referred'));
    // The disputes handler sees it in their list and may open it; the fraud handler may not.
    const list = await call(env, { method: 'GET', url: '/api/cases?open=true', as: 'dept_handler' });
    assert.ok((list.json() as { items: Json[] }).items.some((i) => i.id === c.id));
    const other = await call(env, { method: 'GET', url: `/api/cases/${c.id}`, as: 'fraud_handler' });
    assert.equal(other.statusCode, 403);
    const accepted = await post(env, 'dept_handler', `/api/cases/${c.id}/accept`, {}, {} as typeof OVERRIDE);
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().state, 'in_progress');
    assert.equal(accepted.json().ownerId, await userId(env, 'dept_handler'));
    const d = await detail(env, c.id);
    assert.ok(d.messages.some((m) => m.kind === 'promise' && m.body.includes('2026-11-10')));
  });

  it('lists, filters and finds a case by its number', async () => {
    const c = await open(env, { category: 'complaint_marketing' });
    const res = await call(env, { method: 'GET', url: `/api/cases?q=${c.number}`, as: 'supervisor' });
    const body = res.json() as { items: Json[]; total: number };
    assert.equal(body.total, 1);
    assert.equal(body.items[0]?.id, c.id);
    const byCategory = await call(env, { method: 'GET', url: '/api/cases?q=complaint_marketing', as: 'qa' });
    assert.ok((byCategory.json() as { items: Json[] }).items.every((i) => i.category === 'complaint_marketing'));
    const agent = await userId(env, 'agent');
    const agentList = (await call(env, { method: 'GET', url: '/api/cases?limit=200', as: 'agent' })).json() as {
      items: (Json & { ownerId: string | null; firstAgentId: string | null })[];
    };
    assert.ok(
      agentList.items.every((i) => i.ownerId === agent || i.firstAgentId === agent),
      'an agent sees only their own cases',
    );
    assert.ok(!agentList.items.some((i) => i.id === c.id));
  });
});

describe('complaints: reminders and escalation are jobs that fire once, across restarts', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES, start: '2026-11-02T02:00:00Z' });
  });
  after(() => env.close());

  const count = async (caseId: string, kind: string) =>
    Number(
      (
        await env.system.db
          .selectFrom('case_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('case_id', '=', caseId)
          .where('kind', '=', kind)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('reminds before the deadline and escalates at breach, once each', async () => {
    const c = await open(env);
    assert.equal(c.dueDate, '2026-11-17');
    // Scheduling again (an unrelated change) does not duplicate the jobs.
    await post(env, 'supervisor', `/api/cases/${c.id}/notes`, { body: '已致电客户,等待材料' });
    env.clock.set('2026-11-14T01:30:00Z'); // 09:30 Beijing, three days before
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_reminder'), 1);
    env = await env.restart();
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_reminder'), 1);
    env.clock.set('2026-11-16T01:30:00Z'); // one day before
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_reminder'), 2);
    assert.equal(await count(c.id, 'deadline_breached'), 0);
    env.clock.set('2026-11-17T16:00:01Z'); // the first second of 18 Nov in Beijing
    const heard: LiveEvent[] = [];
    env.runtime.deps.events.subscribe((e) => heard.push(e));
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_breached'), 1);
    assert.ok(heard.some((e) => e.topic === 'cases' && e.type === 'case.deadline_breached'));
    env = await env.restart();
    env.clock.advanceDays(2);
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_breached'), 1);
    assert.equal(await count(c.id, 'deadline_reminder'), 2);
    const d = await detail(env, c.id);
    assert.ok(d.breachedAt);
    assert.equal(d.priority, 'urgent');
  });

  it('sends no reminder for a case whose result was told before its deadline', async () => {
    env.clock.set('2026-11-20T02:00:00Z');
    const c = await open(env);
    await post(env, 'supervisor', `/api/cases/${c.id}/resolve`, { result: '已处理' });
    await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, {});
    env.clock.set('2026-12-10T02:00:00Z');
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_reminder'), 0);
    assert.equal(await count(c.id, 'deadline_breached'), 0);
  });

  it('keeps the clock running until the customer is told (作出处理决定并告知): a decision not told by day 15 breaches and is not on time', async () => {
    env.clock.set('2026-12-01T02:00:00Z');
    const c = await open(env);
    // Received 1 December: 15 days end on 16 December (CBIRC Order 2020 No. 3).
    assert.equal(c.dueDate, '2026-12-16');
    await post(env, 'supervisor', `/api/cases/${c.id}/resolve`, { result: '已退还年费' });
    env.clock.set('2026-12-16T16:00:01Z'); // the first second of 17 December in Beijing
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_breached'), 1, 'decided but not told: the breach job stays armed');
    const told = await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, {});
    assert.equal(told.statusCode, 200, told.body);
    assert.equal(told.json().notifiedOnTime, false);
    assert.ok(told.json().breachedAt);
  });

  it('counts a decision told on the due date as on time', async () => {
    env.clock.set('2026-12-20T02:00:00Z');
    const c = await open(env);
    assert.equal(c.dueDate, '2027-01-04');
    await post(env, 'supervisor', `/api/cases/${c.id}/resolve`, { result: '已退还年费' });
    env.clock.set('2027-01-04T10:00:00Z'); // 18:00 on the due date in Beijing
    const told = await post(env, 'supervisor', `/api/cases/${c.id}/notify-result`, {});
    assert.equal(told.json().notifiedOnTime, true);
    env.clock.set('2027-01-06T02:00:00Z');
    await env.runtime.worker.runDue();
    assert.equal(await count(c.id, 'deadline_breached'), 0, 'told in time: the escalation was withdrawn');
  });
});

describe('complaints: a change of the bank calendar or the clock settings applies to running cases', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES, start: '2026-11-02T02:00:00Z' }); // a Monday
  });
  after(() => env.close());

  const put = (url: string, payload: unknown) =>
    call(env, { method: 'PUT', url, as: 'admin', payload: payload as Record<string, unknown> });
  const jobs = (caseId: string) =>
    env.system.db
      .selectFrom('jobs')
      .select(['dedupe_key', 'status'])
      .where('dedupe_key', 'like', `case:${caseId}:%`)
      .orderBy('dedupe_key')
      .execute();

  it('recomputes due dates, records why on each moved case, and leaves cases whose result was told alone', async () => {
    const running = await open(env);
    const decided = await open(env);
    assert.equal(running.dueDate, '2026-11-17');
    assert.equal(
      (await post(env, 'supervisor', `/api/cases/${decided.id}/resolve`, { result: '已退还年费' })).statusCode,
      200,
    );
    assert.equal((await post(env, 'supervisor', `/api/cases/${decided.id}/notify-result`, {})).statusCode, 200);

    // Working days: 15 of them after Monday 2 November end on Monday 23 November.
    assert.equal((await put('/api/cases/settings', { dayBasis: 'working' })).statusCode, 200);
    assert.equal((await detail(env, running.id)).dueDate, '2026-11-23');
    assert.equal((await detail(env, decided.id)).dueDate, '2026-11-17');

    // A public holiday declared inside the period pushes it one working day on; 调休 on a Saturday pulls it back.
    const holidays = [{ date: '2026-11-10', working: false, name: '银行临时休假日' }];
    const res = await put('/api/cases/holidays/2026', holidays);
    assert.equal(res.statusCode, 200, res.body);
    let d = await detail(env, running.id);
    assert.equal(d.dueDate, '2026-11-24');
    const moved = d.events.filter((e) => e.kind === 'deadline_recalculated');
    assert.equal(moved.length, 2);
    assert.match(moved.at(-1)?.body ?? '', /银行节假日日历调整.*2026-11-23.*2026-11-24/);
    assert.equal((await detail(env, decided.id)).dueDate, '2026-11-17');
    await put('/api/cases/holidays/2026', [...holidays, { date: '2026-11-14', working: true, name: '调休上班' }]);
    d = await detail(env, running.id);
    assert.equal(d.dueDate, '2026-11-23');

    // The reminders and the escalation follow the due date: only the current date's jobs are pending.
    const pending = (await jobs(running.id)).filter((j) => j.status === 'pending').map((j) => j.dedupe_key ?? '');
    assert.ok(pending.length > 0);
    assert.ok(
      pending.every((k) => k.includes(':2026-11-23')),
      pending.join(' '),
    );
    assert.ok((await verifyAuditChain(env.system)).ok);
  });

  it('reschedules reminders when their lead times change, without moving the due date', async () => {
    const c = await open(env);
    const before = (await detail(env, c.id)).dueDate;
    assert.equal((await put('/api/cases/settings', { reminderDaysBefore: [5] })).statusCode, 200);
    assert.equal((await detail(env, c.id)).dueDate, before);
    const pending = (await jobs(c.id)).filter((j) => j.status === 'pending').map((j) => j.dedupe_key ?? '');
    assert.deepEqual(
      pending.filter((k) => k.includes(':remind:')),
      [`case:${c.id}:remind:${before}:5`],
    );
  });

  it('refuses a calendar that lists a date twice, and changes nothing', async () => {
    const c = await open(env);
    const before = (await detail(env, c.id)).dueDate;
    const res = await put('/api/cases/holidays/2026', [
      { date: '2026-11-25', working: false, name: '甲' },
      { date: '2026-11-25', working: false, name: '乙' },
    ]);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'CASE_SETTING_INVALID');
    const stored = await call(env, { method: 'GET', url: '/api/cases/holidays/2026', as: 'admin' });
    assert.equal(stored.json().length, 2);
    assert.equal((await detail(env, c.id)).dueDate, before);
  });
});

describe('complaint analysis', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: MODULES, start: '2026-11-29T02:00:00Z' });
    const customers = Array.from({ length: 10 }, (_, i) => `DEMO-${i}`);
    await seedCasesDemo(env.system, { customers: 200, months: 4, seed: 42 }, customers);
  });
  after(() => env.close());

  it('returns totals that match a direct count of the seeded complaints', async () => {
    const res = await env.request({
      method: 'GET',
      url: '/api/cases/analysis?from=2026-01-01&to=2026-12-31',
      as: 'supervisor',
    });
    assert.equal(res.statusCode, 200, res.body);
    const a = res.json();
    const db = env.system.db;
    const direct = async (closedOnly: boolean) =>
      Number(
        (
          await db
            .selectFrom('cases')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('kind', '=', 'complaint')
            .$if(closedOnly, (q) => q.where('state', '=', 'closed'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const total = await direct(false);
    assert.ok(total >= 20, `a few dozen demo complaints (${total})`);
    assert.equal(a.totals.total, total);
    assert.equal(a.totals.closed, await direct(true));
    const sum = (xs: { total: number }[]) => xs.reduce((s, x) => s + x.total, 0);
    for (const g of ['byRootCause', 'byProduct', 'byDepartment', 'byChannel', 'byMonth', 'byCategory']) {
      assert.equal(sum(a[g]), total, g);
    }
    const fee = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', 'complaint')
      .where('root_cause_code', '=', 'fee_pricing')
      .executeTakeFirstOrThrow();
    assert.equal(a.byRootCause.find((b: { key: string }) => b.key === 'fee_pricing')?.total ?? 0, Number(fee.n));
    const repeat = await db
      .selectFrom('cases')
      .select('customer_id')
      .where('kind', '=', 'complaint')
      .groupBy('customer_id')
      .having((eb) => eb.fn.countAll(), '>=', 2)
      .execute();
    assert.equal(a.repeatComplainants.count, repeat.length);
    assert.ok(a.totals.breached > 0, 'some demo complaints are late');
    assert.ok(a.totals.open > 0 && a.totals.slaRate > 0 && a.totals.slaRate < 1);
    const fraud = await db.selectFrom('cases').select('number').where('kind', '=', 'fraud').execute();
    assert.ok(fraud.length >= 1 && fraud.every((f) => /^FR\d{8}-\d{4}$/.test(f.number)), 'the demo has a fraud case');
  });

  it('exports the same analysis to Excel', async () => {
    const res = await env.request({
      method: 'GET',
      url: '/api/cases/analysis.xlsx?from=2026-01-01&to=2026-12-31',
      as: 'qa',
    });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('概览');
    const totalRow = summary?.getRows(1, 20)?.find((r) => r.getCell(1).value === '投诉总量');
    const json = (
      await call(env, { method: 'GET', url: '/api/cases/analysis?from=2026-01-01&to=2026-12-31', as: 'qa' })
    ).json();
    assert.equal(totalRow?.getCell(2).value, json.totals.total);
    assert.ok(wb.getWorksheet('按根因'));
  });

  it('Excel export names Beijing time and labels every bucket in words, not codes', async () => {
    const res = await env.request({
      method: 'GET',
      url: '/api/cases/analysis.xlsx?from=2026-01-01&to=2026-12-31',
      as: 'qa',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const generated = wb
      .getWorksheet('概览')
      ?.getRows(1, 30)
      ?.find((r) => String(r.getCell(1).value).startsWith('生成时间'));
    assert.equal(generated?.getCell(1).value, '生成时间(北京时间 UTC+8)');
    assert.match(String(generated?.getCell(2).value), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const json = (
      await call(env, { method: 'GET', url: '/api/cases/analysis?from=2026-01-01&to=2026-12-31', as: 'qa' })
    ).json();
    for (const group of ['byProduct', 'byDepartment', 'byChannel', 'byCategory']) {
      for (const b of json[group] as Array<{ key: string; label: string }>) {
        assert.doesNotMatch(b.label, /^[a-z_]+$|^[A-Z0-9_]+$/, `${group} ${b.key} is labelled in words`);
      }
    }
  });

  it('is for supervisors, QA and admins only', async () => {
    const res = await env.request({
      method: 'GET',
      url: '/api/cases/analysis?from=2026-01-01&to=2026-12-31',
      as: 'agent',
    });
    assert.equal(res.statusCode, 403);
  });
});
