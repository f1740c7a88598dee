import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { INTENT_CODES } from '@carddesk/contracts';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv, createCustomer } from './contacts.fixtures.ts';

describe('intent suggestions from the customer’s latest turns', () => {
  let env: TestEnv;
  let contactId: string;
  before(async () => {
    env = await contactsTestEnv();
    const customer = await createCustomer(env.system);
    const body = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
      201,
    );
    contactId = body.contact.id;
  });
  after(() => env.close());

  it('has nothing to suggest before the customer said anything', async () => {
    const s = await call<{ intents: unknown[]; basedOnTurns: number[] }>(
      env,
      'agent',
      'GET',
      `/api/contacts/${contactId}/suggestions`,
    );
    assert.deepEqual([s.intents, s.basedOnTurns], [[], []]);
  });

  it('suggests vocabulary intents for what the customer said, and the agent accepts them as the NLU’s', async () => {
    await call(
      env,
      'agent',
      'POST',
      `/api/contacts/${contactId}/turns`,
      { speaker: 'customer', text: '我的信用卡丢了,赶紧帮我挂失' },
      201,
    );
    const s = await call<{ intents: Array<{ intent: string; zh: string }>; type: string; basedOnTurns: number[] }>(
      env,
      'agent',
      'GET',
      `/api/contacts/${contactId}/suggestions`,
    );
    assert.deepEqual(s.basedOnTurns, [1]);
    assert.ok(s.intents.length > 0);
    for (const i of s.intents) assert.ok((INTENT_CODES as string[]).includes(i.intent));
    assert.equal(s.intents[0]?.intent, 'card_loss_report');
    assert.equal(s.type, 'emergency');
    const accepted = await call<{ intents: string[]; type: string }>(
      env,
      'agent',
      'PUT',
      `/api/contacts/${contactId}/classification`,
      {
        intents: [s.intents[0]?.intent],
        source: 'nlu',
      },
    );
    assert.deepEqual([accepted.intents, accepted.type], [['card_loss_report'], 'emergency']);
    const other = await env.request({
      method: 'GET',
      url: `/api/contacts/${contactId}/suggestions`,
      as: 'senior_agent',
    });
    assert.equal(other.json().error.code, 'CONTACT_NOT_HANDLED_BY_YOU');
  });
});
