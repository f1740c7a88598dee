import assert from 'node:assert/strict';
import type { TestEnv } from '../../../../test/context.ts';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { idCheckChar } from '../../../platform/pii/validators.ts';
// Test arrangement only: the card engine has no public customer factory yet, so the row is written with
// its own encryption and blind-index contexts.
import { bidx, ENC } from '../../cards/customers/pii-fields.ts';

export interface TestCustomer {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
}

let counter = 0;

/** A customer with known personal data (so tests can verify against it), stored as the card engine stores it. */
export async function createCustomer(
  ctx: Ctx,
  overrides: Partial<Omit<TestCustomer, 'id'>> = {},
): Promise<TestCustomer> {
  counter++;
  const first17 = `11010519850${String(101 + counter).padStart(3, '0')}${String(100 + counter).slice(-3)}`.slice(0, 17);
  const idNumber = overrides.idNumber ?? `${first17}${idCheckChar(first17)}`;
  const phone = overrides.phone ?? `1390000${String(1000 + counter)}`;
  const name = overrides.name ?? '张晓明';
  const id = newId(ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  const k = ctx.keyring;
  await ctx.db
    .insertInto('customers')
    .values({
      id,
      name_enc: k.encrypt(name, ENC.name),
      name_bidx: bidx.name(k, name),
      id_number_enc: k.encrypt(idNumber, ENC.idNumber),
      id_number_bidx: bidx.idNumber(k, idNumber),
      phone_enc: k.encrypt(phone, ENC.phone),
      phone_bidx: bidx.phone(k, phone),
      gender: 'M',
      address_enc: k.encrypt('北京市朝阳区建国路88号', ENC.address),
      email_enc: null,
      flags: '{}',
      preferences: '{}',
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name, idNumber, phone };
}

/** `env.request` with a JSON body, asserting the status; returns the parsed body. */
export async function call<T = Record<string, unknown>>(
  env: TestEnv,
  as: string | undefined,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  expectStatus = 200,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await env.request({
    method,
    url,
    ...(as ? { as } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    headers,
  });
  assert.equal(res.statusCode, expectStatus, `${method} ${url} → ${res.statusCode} ${res.body}`);
  return (res.body ? res.json() : {}) as T;
}

/** The one-time code the demo sender wrote to the server log for the newest message. */
export function lastLoggedOtp(env: TestEnv): string {
  for (let i = env.logs.length - 1; i >= 0; i--) {
    const m = /"demoOtp":"(\d{6})"/.exec(env.logs[i] ?? '');
    if (m?.[1]) return m[1];
  }
  throw new Error('no one-time code in the log');
}

/**
 * The modules these tests need, in dependency order: the card engine (customers, cards), contacts and
 * chat — so the suite does not depend on modules after them.
 */
export async function contactsTestModules() {
  const { cardsModule } = await import('../../cards/index.ts');
  const { contactsModule } = await import('../index.ts');
  const { chatModule } = await import('../../chat/index.ts');
  return [cardsModule, contactsModule, chatModule];
}

/**
 * A probe route standing in for any module's customer-data read: it asks the platform for access to
 * `need` on the customer exactly as the card engine's routes do, and reports the grant.
 */
export async function accessProbeModule() {
  const { z } = await import('zod');
  const probe: import('../../module.ts').ModuleDef = {
    name: 'probe',
    routes: async (app) => {
      app.get(
        '/api/probe/customers/:customerId/:need',
        { schema: { params: z.object({ customerId: z.string(), need: z.string() }) } },
        async (request) =>
          request.ctx.access.require(request.ctx, {
            customerId: request.params.customerId,
            need: request.params.need as import('../../../platform/auth/customer-access.ts').AccessNeed,
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
  const { createTestEnv } = await import('../../../../test/context.ts');
  const { DEFAULT_BOT_ROUTING, setBotRouting } = await import('../../bot/index.ts');
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
