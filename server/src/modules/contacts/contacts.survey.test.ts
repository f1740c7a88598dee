import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer } from './contacts.fixtures.ts';

interface Started {
  contact: { id: string };
}

/**
 * Phone satisfaction is the customer's (issue 21 §6): the agent's score is not recorded; a survey link by
 * SMS carries the customer's rating and answer to "问题是否解决" onto the contact, once.
 */
describe('phone satisfaction survey', () => {
  let env: TestEnv;
  let contactId = '';
  let link = '';
  let phone = '';
  before(async () => {
    env = await contactsTestEnv();
    const c = await createCustomer(env.system, { name: '周敏' });
    phone = c.phone;
    const started = await call<Started>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: c.phone },
      201,
    );
    contactId = started.contact.id;
  });
  after(() => env.close());

  it('sends the survey to the caller (demo: the link comes back) and closing records no agent score', async () => {
    const sent = await call<{ sentTo: string; demoLink: string | null }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/survey`,
    );
    assert.match(sent.sentTo, /\*/);
    assert.ok(sent.demoLink?.startsWith('/survey/'));
    link = sent.demoLink ?? '';
    await call(env, 'agent', 'PUT', `/api/contacts/${contactId}/classification`, { intents: ['annual_fee'] });
    const closed = await call<{ satisfaction: number | null }>(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/close`,
      {
        outcome: 'resolved_first_contact',
        skipConfirmationReason: '客户挂断',
        satisfaction: 5,
      },
    );
    assert.equal(closed.satisfaction, null);
  });

  it('the customer answers once, without signing in; the contact carries their answer', async () => {
    const token = link.split('/')[2] ?? '';
    assert.deepEqual(await call(env, undefined, 'GET', `/api/surveys/${token}`), { status: 'open' });
    await call(env, undefined, 'POST', `/api/surveys/${token}`, { rating: 3, resolved: false });
    const row = await env.system.db
      .selectFrom('contacts')
      .select(['satisfaction', 'customer_resolved'])
      .where('id', '=', contactId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { satisfaction: 3, customer_resolved: 0 });
    const again = await env.request({
      method: 'POST',
      url: `/api/surveys/${token}`,
      payload: { rating: 5, resolved: true },
    });
    assert.equal(again.statusCode, 410);
    assert.equal(again.json().error.code, 'SURVEY_CLOSED');
  });

  it('public survey route: an unknown token is refused, and two answers sent at once are taken once', async () => {
    const unknown = await env.request({
      method: 'POST',
      url: `/api/surveys/${'x'.repeat(32)}`,
      payload: { rating: 5, resolved: true },
    });
    assert.equal(unknown.statusCode, 410);
    assert.equal(unknown.json().error.code, 'SURVEY_CLOSED');
    const started = await call<Started>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: phone },
      201,
    );
    const sent = await call<{ demoLink: string }>(env, 'agent', 'POST', `/api/contacts/${started.contact.id}/survey`);
    const url = `/api/surveys/${sent.demoLink.split('/')[2] ?? ''}`;
    const answers = await Promise.all([
      env.request({ method: 'POST', url, payload: { rating: 2, resolved: false } }),
      env.request({ method: 'POST', url, payload: { rating: 4, resolved: true } }),
    ]);
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [200, 410]);
    const taken = answers[0]?.statusCode === 200 ? 2 : 4;
    const row = await env.system.db
      .selectFrom('contacts')
      .select('satisfaction')
      .where('id', '=', started.contact.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.satisfaction, taken, 'the contact carries the answer that was taken, not the refused one');
  });

  it('is refused for an unknown caller, and expires after three days', async () => {
    const unknown = await call<Started>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: '13900001111' },
      201,
    );
    const refused = await env.request({
      method: 'POST',
      url: `/api/contacts/${unknown.contact.id}/survey`,
      as: 'agent',
    });
    assert.equal(refused.json().error.code, 'SURVEY_NOT_AVAILABLE');
    await call(env, 'agent', 'PUT', `/api/contacts/${unknown.contact.id}/classification`, { intents: ['annual_fee'] });
    await call(env, 'agent', 'POST', `/api/contacts/${unknown.contact.id}/close`, {
      outcome: 'abandoned',
      skipConfirmationReason: '客户挂断',
    });
    const again = await call<Started>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: phone },
      201,
    );
    const sent = await call<{ demoLink: string }>(env, 'agent', 'POST', `/api/contacts/${again.contact.id}/survey`);
    const token = sent.demoLink.split('/')[2] ?? '';
    env.clock.advance(3 * 24 * 3600_000);
    assert.deepEqual(await call(env, undefined, 'GET', `/api/surveys/${token}`), { status: 'expired' });
    const late = await env.request({
      method: 'POST',
      url: `/api/surveys/${token}`,
      payload: { rating: 1, resolved: false },
    });
    assert.equal(late.json().error.code, 'SURVEY_CLOSED');
    const row = await env.system.db
      .selectFrom('contacts')
      .select(['satisfaction', 'customer_resolved'])
      .where('id', '=', again.contact.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { satisfaction: null, customer_resolved: null });
  });
});
