import assert from 'node:assert/strict';
import type { TestEnv } from '../../../test/context.ts';

/** The shared helpers (customers through the card engine, HTTP calls, the demo code), for these tests' imports. */
export { call, createCustomer, lastLoggedOtp, type TestCustomer } from '../../../test/fixtures.ts';

/**
 * The modules these tests need, in dependency order: the card engine (customers, cards), contacts and
 * chat — so the suite does not depend on modules after them.
 */
export async function contactsTestModules() {
  const { cardsModule } = await import('../cards/index.ts');
  const { contactsModule } = await import('./index.ts');
  const { chatModule } = await import('../chat/index.ts');
  return [cardsModule, contactsModule, chatModule];
}

/**
 * A probe route standing in for any module's customer-data read: it asks the platform for access to
 * `need` on the customer exactly as the card engine's routes do, and reports the grant.
 */
export async function accessProbeModule() {
  const { z } = await import('zod');
  const probe: import('../module.ts').ModuleDef = {
    name: 'probe',
    routes: async (app) => {
      app.get(
        '/api/probe/customers/:customerId/:need',
        { schema: { params: z.object({ customerId: z.string(), need: z.string() }) } },
        async (request) =>
          request.ctx.access.require(request.ctx, {
            customerId: request.params.customerId,
            need: request.params.need as import('../../platform/auth/customer-access.ts').AccessNeed,
          }),
      );
    },
  };
  return probe;
}

/**
 * The test environment for contacts: real database, the modules above plus the access probe. These tests
 * are about the people's desk, so customer chats go straight to a person (the routing setting); the chat
 * assistant's own tests (modules/bot) run with its default, assistant first.
 */
export async function contactsTestEnv(): Promise<TestEnv> {
  const { createTestEnv } = await import('../../../test/context.ts');
  const { DEFAULT_BOT_ROUTING, setBotRouting } = await import('../bot/index.ts');
  const env = await createTestEnv({ modules: [...(await contactsTestModules()), await accessProbeModule()] });
  await setBotRouting(env.system, { ...DEFAULT_BOT_ROUTING, chat: { default: 'person', windows: [] } });
  return env;
}

/**
 * A phone contact with the customer handled by `as`, verified to basic with name and the last six ID digits
 * (factors the desk has not displayed); returns the contact id.
 */
export async function verifiedCall(
  env: TestEnv,
  as: string,
  customer: { phone: string; name: string; idNumber: string },
): Promise<string> {
  const started = await env.request({
    method: 'POST',
    url: '/api/contacts',
    as,
    payload: { channel: 'phone', direction: 'inbound', callerNumber: customer.phone },
  });
  assert.equal(started.statusCode, 201, started.body);
  const id = started.json().contact.id as string;
  const v = await env.request({
    method: 'POST',
    url: `/api/contacts/${id}/verify`,
    as,
    payload: { method: 'name_id_last6', name: customer.name, idLast6: customer.idNumber.slice(-6) },
  });
  assert.equal(v.json().level, 'basic', v.body);
  return id;
}
