import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { findCustomerIdByPhone, fixedCustomer } from '../../modules/cards/index.ts';
import { openCase } from '../../modules/cases/index.ts';
import { lastLoggedOtp, verifiedCall } from '../../modules/contacts/contacts.fixtures.ts';
import { LOGIN_THROTTLE } from '../auth/login-throttle.ts';
import { findAuthDataInText } from '../pii/auth-data.ts';

/**
 * Regression tests for the holes a live attack on the hardened server found after issue 15: each
 * reproduces the attack on the seeded demo data and expects it refused.
 */
let env: TestEnv;
before(async () => {
  env = await createTestEnv();
});
after(async () => {
  await env?.close();
});

const ZHANG = fixedCustomer('zhang_wei');

describe('attack: staff record repayments nobody paid', () => {
  it('attack: an agent in a verified call cannot post a repayment (credit from nothing)', async () => {
    const customerId = await findCustomerIdByPhone(env.system, ZHANG.phone);
    assert.ok(customerId);
    const account = await env.system.db
      .selectFrom('accounts')
      .select('id')
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    const contactId = await verifiedCall(env, 'agent', ZHANG);
    const postings = () =>
      env.system.db
        .selectFrom('transactions')
        .select('id')
        .where('account_id', '=', account.id)
        .where('kind', '=', 'repayment')
        .execute();
    const before = await postings();
    for (const as of ['agent', 'senior_agent', 'supervisor', 'dept_handler']) {
      const res = await env.request({
        method: 'POST',
        url: `/api/accounts/${account.id}/repayments`,
        as,
        headers: { 'x-contact-id': contactId, 'x-access-reason': 'customer_callback: 客户来电要求登记还款' },
        payload: { amountFen: 1_000_000_000, channel: 'transfer', reference: `FAKE-${as}` },
      });
      assert.equal(res.statusCode, 403, `${as}: ${res.body}`);
    }
    assert.deepEqual(await postings(), before, 'a refused repayment posts nothing');
  });
});

describe('attack: CVV2 and PIN spoken digit by digit or in Chinese numerals', () => {
  const cases: Array<[string, string]> = [
    ['卡背面三位数是 1 2 3', 'cvv'],
    ['卡背后的三个数字是123', 'cvv'],
    ['security code 789', 'cvv'],
    ['安全码一二三', 'cvv'],
    ['密码是一二三四五六', 'pin'],
    ['取款密码 1-2-3-4-5-6', 'pin'],
    ['过期时间 1228', 'expiry'],
  ];
  it('attack: spaced digits, Chinese numerals and other keywords are found in free text', () => {
    for (const [text, kind] of cases) {
      assert.deepEqual(
        findAuthDataInText(text).map((h) => h.kind),
        [kind],
        text,
      );
    }
    for (const text of ['密码错了三次', '安全码是三位数字', '密码一般是六位', 'CVV 100元', '还款到期日 11/25']) {
      assert.deepEqual(findAuthDataInText(text), [], text);
    }
  });

  it('attack: an agent note with a spoken CVV2 or PIN is refused and nothing is stored', async () => {
    const contactId = await verifiedCall(env, 'agent', ZHANG);
    const turns = () =>
      env.system.db.selectFrom('contact_turns').select('text').where('contact_id', '=', contactId).execute();
    const before = await turns();
    for (const [text] of cases) {
      const res = await env.request({
        method: 'POST',
        url: `/api/contacts/${contactId}/turns`,
        as: 'agent',
        payload: { speaker: 'customer', text },
      });
      assert.equal(res.statusCode, 400, `${text}: ${res.body}`);
      assert.equal(res.json().error.code, 'AUTH_DATA_REFUSED');
    }
    assert.deepEqual(await turns(), before, 'a refused note changes nothing');
  });
});

describe('attack: a customer types a spoken PIN into the chat', () => {
  it('attack: the chat keeps the message with the PIN and CVV2 redacted', async () => {
    const phone = '13900139001';
    const sent = await env.request({ method: 'POST', url: '/api/chat/otp', payload: { phone } });
    assert.equal(sent.statusCode, 200, sent.body);
    const chat = await env.request({
      method: 'POST',
      url: '/api/chat/sessions',
      payload: { phone, code: lastLoggedOtp(env), message: '我的密码是一二三四五六,卡背面三位数是 7 8 9' },
    });
    assert.equal(chat.statusCode, 201, chat.body);
    const turns = await env.system.db
      .selectFrom('contact_turns')
      .select('text')
      .where('contact_id', '=', chat.json().contactId)
      .execute();
    const stored = turns.map((t) => t.text).join('\n');
    assert.doesNotMatch(stored, /一二三四五六|7 8 9/, stored);
    assert.match(stored, /密码是\*\*\*/);
  });
});

describe('attack: guessing a chat sign-in code with a fresh code every minute', () => {
  it('attack: codes per phone are capped per day, known phone or not, so guesses per day are bounded', async () => {
    // From a new address each time, as a spread-out attacker would (the per-address limit is another guard).
    let address = 0;
    const ask = (phone: string) =>
      env.request({ method: 'POST', url: '/api/chat/otp', payload: { phone }, remoteAddress: `10.0.0.${++address}` });
    for (const phone of ['13900139000', '13711110000']) {
      let sent = 0;
      for (let i = 0; i < 12; i++) {
        const res = await ask(phone);
        if (res.statusCode === 200) sent++;
        else assert.equal(res.json().error.code, 'OTP_TOO_SOON', res.body);
        env.clock.advance(61_000);
      }
      assert.equal(sent, 10, `${phone}: codes issued in a day`);
      // A day after the first code, the phone may ask again.
      env.clock.advance(24 * 3_600_000);
      const later = await ask(phone);
      assert.equal(later.statusCode, 200, later.body);
    }
  });
});

describe('attack: a senior person raises a limit past the approval amount alone', () => {
  it('attack: a supervisor’s own large permanent increase waits for a second person', async () => {
    // Fresh sessions: an earlier test moved the clock past the idle timeout.
    await Promise.all([env.login('supervisor'), env.login('senior_agent')]);
    const gold = await env.system.db
      .selectFrom('accounts')
      .innerJoin('products', 'products.id', 'accounts.product_id')
      .select(['accounts.id'])
      .where('products.code', '=', 'GOLD')
      .where('accounts.activated_on', '<', '2026-04-01')
      .executeTakeFirstOrThrow();
    // A customer who qualifies: limit RMB 50,000, well used, never late.
    await env.system.db
      .updateTable('accounts')
      .set({ credit_limit_fen: 5_000_000, overdue_since: null, min_due_unpaid_fen: 0, last_limit_increase_on: null })
      .where('id', '=', gold.id)
      .execute();
    await env.system.db
      .updateTable('statements')
      .set({ status: 'paid_in_full', new_balance_fen: 4_000_000 })
      .where('account_id', '=', gold.id)
      .execute();
    const limit = async () =>
      Number(
        (
          await env.system.db
            .selectFrom('accounts')
            .select('credit_limit_fen')
            .where('id', '=', gold.id)
            .executeTakeFirstOrThrow()
        ).credit_limit_fen,
      );
    const asked = await env.request({
      method: 'POST',
      url: `/api/accounts/${gold.id}/limit/permanent`,
      as: 'supervisor',
      headers: { 'x-access-reason': encodeURIComponent('customer_callback: 客户来电申请提高固定额度') },
      payload: { newLimitFen: 7_500_000 },
    });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.equal(asked.json().status, 'pending_approval');
    assert.equal(await limit(), 5_000_000, 'not raised by the requester alone');
    const self = await env.request({
      method: 'POST',
      url: `/api/limit-changes/${asked.json().id}/decision`,
      as: 'supervisor',
      payload: { approve: true },
    });
    assert.equal(self.json().error?.code, 'LIMIT_SELF_APPROVAL', self.body);
    const second = await env.request({
      method: 'POST',
      url: `/api/limit-changes/${asked.json().id}/decision`,
      as: 'senior_agent',
      payload: { approve: true },
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.equal(await limit(), 7_500_000);
  });
});

describe('attack: knowledge review answers before it checks the role', () => {
  it('attack: a role that may not review gets 403 for any version, existing or not, retired or not', async () => {
    await env.login('agent');
    const some = await env.system.db.selectFrom('kb_versions').select('id').executeTakeFirstOrThrow();
    for (const versionId of [some.id, 'no-such-version']) {
      for (const step of ['approve', 'reject']) {
        const res = await env.request({
          method: 'POST',
          url: `/api/kb/versions/${versionId}/${step}`,
          as: 'agent',
          payload: { comment: '内容需要再核对一下' },
        });
        assert.equal(res.statusCode, 403, `${step} ${versionId}: ${res.body}`);
      }
    }
  });
});

describe('attack: a declared conflict of interest still hears the case live', () => {
  /** What `/api/ws` grants `username` of `topics`. */
  async function granted(username: string, topics: string[]): Promise<string[]> {
    const token = await env.login(username);
    const address = env.app.server.address();
    assert.ok(address && typeof address === 'object');
    const ws = new WebSocket(`ws://127.0.0.1:${address.port}/api/ws`);
    const reply = new Promise<Record<string, unknown>>((resolve, reject) => {
      ws.on('message', (raw) => {
        const msg = JSON.parse(String(raw)) as Record<string, unknown>;
        if (msg.type === 'ready') ws.send(JSON.stringify({ type: 'subscribe', topics }));
        if (msg.type === 'subscribed') resolve(msg);
      });
      ws.once('error', reject);
    });
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send(JSON.stringify({ type: 'auth', token }));
    const msg = await reply;
    ws.close();
    return msg.topics as string[];
  }

  it('attack: a department handler who declared a conflict with the customer is refused the case topic', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const customerId = await findCustomerIdByPhone(env.system, ZHANG.phone);
    assert.ok(customerId);
    const dept = await env.system.db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', 'disputes')
      .executeTakeFirstOrThrow();
    const row = await openCase(env.system, {
      kind: 'complaint',
      customerId,
      channel: 'phone',
      category: 'complaint_fee',
      summary: '客户对年费收取有异议',
      demand: '退还年费',
      departmentId: dept.id,
      firstAgentId: null,
      priority: 'normal',
      state: 'referred',
    });
    const topic = `case:${row.id}`;
    assert.deepEqual(await granted('dept_handler', [topic]), [topic], 'the department hears its case');
    const me = await env.request({ method: 'GET', url: '/api/auth/me', as: 'dept_handler' });
    const userId = (me.json().id ?? me.json().user?.id) as string;
    const declared = await env.request({
      method: 'POST',
      url: '/api/cases/conflicts',
      as: 'supervisor',
      payload: { userId, customerId, reason: '客户是该员工的亲属' },
    });
    assert.ok(declared.statusCode < 300, declared.body);
    const read = await env.request({ method: 'GET', url: `/api/cases/${row.id}`, as: 'dept_handler' });
    assert.equal(read.statusCode, 403, 'HTTP refuses the case');
    assert.deepEqual(await granted('dept_handler', [topic]), [], 'and so does the live topic');
  });
});

describe('attack: a mobile number in the demo outbox URL', () => {
  it('attack: the demo outbox takes no phone in the query string and lists codes masked', async () => {
    const withPhone = await env.request({ method: 'GET', url: `/api/demo/otp?phone=${ZHANG.phone}`, as: 'agent' });
    assert.equal(withPhone.statusCode, 400, withPhone.body);
    const outbox = await env.request({ method: 'GET', url: '/api/demo/otp', as: 'agent' });
    assert.equal(outbox.statusCode, 200, outbox.body);
    assert.ok(!outbox.body.includes(ZHANG.phone));
  });
});

describe('attack: card expiry shown before verification', () => {
  it('attack: search hits and the pre-verification summary carry no expiry month', async () => {
    const customerId = await findCustomerIdByPhone(env.system, ZHANG.phone);
    assert.ok(customerId);
    const search = await env.request({
      method: 'POST',
      url: '/api/customers/search',
      as: 'agent',
      payload: { q: ZHANG.phone },
    });
    assert.equal(search.statusCode, 200, search.body);
    const hit = (search.json().hits as Array<{ id: string; cards: Array<Record<string, unknown>> }>).find(
      (h) => h.id === customerId,
    );
    assert.ok(hit && hit.cards.length > 0);
    for (const card of hit.cards) assert.equal(card.expiryMonth, undefined);
    const started = await env.request({
      method: 'POST',
      url: '/api/contacts',
      as: 'agent',
      payload: { channel: 'phone', direction: 'inbound', callerNumber: ZHANG.phone },
    });
    assert.equal(started.statusCode, 201, started.body);
    const summary = await env.request({
      method: 'GET',
      url: `/api/customers/${customerId}/summary`,
      as: 'agent',
      headers: { 'x-contact-id': started.json().contact.id },
    });
    assert.equal(summary.statusCode, 200, summary.body);
    const cards = summary.json().cards as Array<Record<string, unknown>>;
    assert.ok(cards.length > 0);
    for (const card of cards) assert.equal(card.expiryMonth, undefined);
    assert.doesNotMatch(summary.body, /20\d\d-\d\d"/);
  });
});

describe('attack: an access rule that trusts a role name instead of the policy', () => {
  it('attack: no access decision in the server compares the actor’s role string', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const offenders: string[] = [];
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || file.includes('__tests__') || file.endsWith('.test.ts')) continue;
      const text = readFileSync(join(root, file), 'utf8');
      if (/actor\.role\s*[!=]==?\s*'/.test(text)) offenders.push(file);
    }
    assert.deepEqual(offenders, [], 'decide with can()/authorize() and a policy.ts action');
  });
});

describe('attack: a simultaneous burst of sign-in guesses', () => {
  it('attack: attempts sent at once are counted one after another, so only the free allowance is checked', async () => {
    const failed = async () =>
      (await env.system.db.selectFrom('audit_log').select('seq').where('action', '=', 'auth.login_failed').execute())
        .length;
    const before = await failed();
    const burst = await Promise.all(
      Array.from({ length: LOGIN_THROTTLE.free.pair + 5 }, () =>
        env.request({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: 'burst-guesser', password: 'wrong-guess' },
        }),
      ),
    );
    for (const res of burst) assert.equal(res.json().error.code, 'INVALID_CREDENTIALS');
    assert.equal((await failed()) - before, LOGIN_THROTTLE.free.pair, 'passwords checked past the allowance');
  });
});

describe('attack: a bad survey answer replaced by sending the survey again', () => {
  it('attack: once the caller has answered, no second survey is sent and the rating stands', async () => {
    const contactId = await verifiedCall(env, 'agent', ZHANG);
    const send = () => env.request({ method: 'POST', url: `/api/contacts/${contactId}/survey`, as: 'agent' });
    const first = await send();
    assert.equal(first.statusCode, 200, first.body);
    const answered = await env.request({
      method: 'POST',
      url: `/api/surveys/${first.json().demoLink.replace('/survey/', '')}`,
      payload: { rating: 1, resolved: false },
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const again = await send();
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error.code, 'SURVEY_ALREADY_ANSWERED');
    const row = await env.system.db
      .selectFrom('contacts')
      .select(['satisfaction', 'customer_resolved'])
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { satisfaction: 1, customer_resolved: 0 }, 'the customer’s own answer stands');
  });
});

describe('attack: CVV2 and PIN in the numerals and characters the guard did not know', () => {
  it('attack: 两 and 幺 on the phone, financial numerals, circled digits, hidden characters, dotted keywords', () => {
    const cases: Array<[string, string]> = [
      ['安全码是幺两三', 'cvv'],
      ['cvv2：壹贰叁', 'cvv'],
      ['密码是 ①②③④⑤⑥', 'pin'],
      ['C.V.V.2 = 4 5 6', 'cvv'],
      ['CVV\u200b2 123', 'cvv'],
      ['C\u200bV\u200bV 1\u200b2\u200b3', 'cvv'],
      ['密\u200b码 1\u200b2\u200b3\u200b4\u200b5\u200b6', 'pin'],
    ];
    for (const [text, kind] of cases) {
      assert.deepEqual(
        findAuthDataInText(text).map((h) => h.kind),
        [kind],
        JSON.stringify(text),
      );
    }
    for (const text of ['密码两次输错', '两张卡', '贰佰元', '第①条', 'C.V. 123 号']) {
      assert.deepEqual(findAuthDataInText(text), [], text);
    }
  });

  it('attack: an agent’s chat reply with such a code is refused and nothing is stored', async () => {
    const contactId = await verifiedCall(env, 'agent', ZHANG);
    const turns = () =>
      env.system.db.selectFrom('contact_turns').select('text').where('contact_id', '=', contactId).execute();
    const before = await turns();
    for (const text of ['核对一下安全码是幺两三', '您的密码是①②③④⑤⑥吗', 'C.V.V.2 = 4 5 6']) {
      const res = await env.request({
        method: 'POST',
        url: `/api/contacts/${contactId}/turns`,
        as: 'agent',
        payload: { speaker: 'customer', text },
      });
      assert.equal(res.statusCode, 400, `${text}: ${res.body}`);
      assert.equal(res.json().error.code, 'AUTH_DATA_REFUSED');
    }
    assert.deepEqual(await turns(), before);
  });
});

describe('attack: personal data typed into the agent-state reason', () => {
  it('attack: the reason is stored and shown with card, ID and mobile numbers masked', async () => {
    const res = await env.request({
      method: 'PUT',
      url: '/api/me/state',
      as: 'agent',
      payload: { state: 'not_ready', reason: '回拨6222021234567890123 13800138000' },
    });
    assert.equal(res.statusCode, 200, res.body);
    const stored = await env.system.db
      .selectFrom('agent_presence')
      .innerJoin('users', 'users.id', 'agent_presence.user_id')
      .select('agent_presence.reason')
      .where('users.username', '=', 'agent')
      .executeTakeFirstOrThrow();
    for (const text of [res.json().reason, stored.reason]) {
      assert.doesNotMatch(String(text), /6222021234567890123|13800138000/);
      assert.match(String(text), /0123/);
    }
    await env.request({ method: 'PUT', url: '/api/me/state', as: 'agent', payload: { state: 'ready' } });
  });
});
