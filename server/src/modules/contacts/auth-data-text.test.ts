import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer, lastLoggedOtp, type TestCustomer } from './contacts.fixtures.ts';

describe('authentication data typed as free text', () => {
  let env: TestEnv;
  let customer: TestCustomer;
  before(async () => {
    env = await contactsTestEnv();
    customer = await createCustomer(env.system, { name: '孙丽' });
  });
  after(() => env.close());

  const turnsOf = (contactId: string) =>
    env.runtime.deps.db
      .selectFrom('contact_turns')
      .select(['seq', 'speaker', 'text'])
      .where('contact_id', '=', contactId)
      .orderBy('seq')
      .execute();

  it('finding 8: staff free text with a CVV2, PIN or expiry is refused with a clear error and nothing is stored', async () => {
    const opened = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
      201,
    );
    const contactId = opened.contact.id;
    const before = await turnsOf(contactId);
    for (const text of ['客户报了卡背面安全码 321', '客户说查询密码是１２３４５６', '客户卡片有效期 08/29']) {
      const res = await env.request({
        method: 'POST',
        url: `/api/contacts/${contactId}/turns`,
        as: 'agent',
        payload: { text, speaker: 'customer' },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'AUTH_DATA_REFUSED');
    }
    assert.deepEqual(await turnsOf(contactId), before, 'a refused request changes nothing');
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/turns`, { text: '客户询问安全码是什么' }, 201);
  });

  it('finding 8: a customer chat message with a CVV2 or expiry is stored redacted and the agent is told', async () => {
    await call(env, undefined, 'POST', '/api/chat/otp', { phone: customer.phone });
    const chat = await call<{ token: string; contactId: string }>(
      env,
      undefined,
      'POST',
      '/api/chat/sessions',
      { phone: customer.phone, code: lastLoggedOtp(env), message: '卡被盗刷了' },
      201,
    );
    const sent = await call<{ text: string }>(
      env,
      undefined,
      'POST',
      '/api/chat/messages',
      { text: '我的CVV2是８４７，有效期09/28，手机138-0013-8000' },
      201,
      { authorization: `Bearer ${chat.token}` },
    );
    assert.ok(!/847|８４７|09\/28|0013/.test(sent.text), sent.text);
    const stored = await turnsOf(chat.contactId);
    assert.ok(!stored.some((t) => /847|８４７|09\/28|0013/.test(t.text)), JSON.stringify(stored));
    const customerTurn = stored.find((t) => t.speaker === 'customer' && t.text.includes('CVV2'));
    assert.ok(customerTurn, 'the message itself is kept, only the values are taken out');
    assert.ok(
      stored.some((t) => t.speaker === 'system' && t.seq > customerTurn.seq && t.text.includes('已自动隐去')),
      'a system turn tells the agent (and the customer) it was redacted',
    );
    const audited = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'contact.auth_data_redacted')
      .where('contact_id', '=', chat.contactId)
      .executeTakeFirst();
    assert.deepEqual(JSON.parse(audited?.details ?? '{}').kinds, ['cvv', 'expiry']);
  });

  it('a one-time code typed into the chat is authentication data too: stored redacted, the agent is told', async () => {
    env.clock.advance(61_000);
    await call(env, undefined, 'POST', '/api/chat/otp', { phone: customer.phone });
    const chat = await call<{ token: string; contactId: string }>(
      env,
      undefined,
      'POST',
      '/api/chat/sessions',
      { phone: customer.phone, code: lastLoggedOtp(env), message: '我要改预留手机号' },
      201,
    );
    await call(env, undefined, 'POST', '/api/chat/messages', { text: '刚收到的验证码是 482913' }, 201, {
      authorization: `Bearer ${chat.token}`,
    });
    const stored = await turnsOf(chat.contactId);
    assert.ok(!stored.some((t) => t.text.includes('482913')), JSON.stringify(stored));
    assert.ok(stored.some((t) => t.speaker === 'system' && t.text.includes('短信验证码,已自动隐去')));
  });

  it('a one-time code sent on its own right after its keyword (split in two messages) is redacted too', async () => {
    env.clock.advance(3_600_000);
    await call(env, undefined, 'POST', '/api/chat/otp', { phone: customer.phone });
    const chat = await call<{ token: string; contactId: string }>(
      env,
      undefined,
      'POST',
      '/api/chat/sessions',
      { phone: customer.phone, code: lastLoggedOtp(env), message: '我要查账单' },
      201,
    );
    const auth = { authorization: `Bearer ${chat.token}` };
    await call(env, undefined, 'POST', '/api/chat/messages', { text: '我刚收到的验证码是' }, 201, auth);
    await call(env, undefined, 'POST', '/api/chat/messages', { text: '５８１７３２' }, 201, auth);
    const stored = await turnsOf(chat.contactId);
    assert.ok(!stored.some((t) => /581732|５８１７３２/.test(t.text)), JSON.stringify(stored));
    assert.equal(stored.at(-1)?.speaker, 'system');
    const audited = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'contact.auth_data_redacted')
      .where('contact_id', '=', chat.contactId)
      .executeTakeFirst();
    assert.deepEqual(JSON.parse(audited?.details ?? '{}').kinds, ['otp']);
  });
});
