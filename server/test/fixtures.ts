import assert from 'node:assert/strict';
import { registerCustomer } from '../src/modules/cards/index.ts';
import type { Ctx } from '../src/platform/context.ts';
import { idCheckChar } from '../src/platform/pii/validators.ts';
import type { TestEnv } from './context.ts';

/** Test helpers any module's tests share: HTTP calls, the demo one-time code, customers with known data. */

export interface TestCustomer {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
}

let counter = 0;

/** A customer with known personal data (so tests can verify against it), stored by the card engine. */
export async function createCustomer(
  ctx: Ctx,
  overrides: Partial<Omit<TestCustomer, 'id'>> = {},
): Promise<TestCustomer> {
  counter++;
  const first17 = `11010519850${String(101 + counter).padStart(3, '0')}${String(100 + counter).slice(-3)}`.slice(0, 17);
  const idNumber = overrides.idNumber ?? `${first17}${idCheckChar(first17)}`;
  const phone = overrides.phone ?? `1390000${String(1000 + counter)}`;
  const name = overrides.name ?? '张晓明';
  const id = await registerCustomer(ctx, { name, idNumber, phone });
  return { id, name, idNumber, phone };
}

/** `env.request` with a JSON body, asserting the status; returns the parsed body. */
export async function call<T = Record<string, unknown>>(
  env: TestEnv,
  as: string | undefined,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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
