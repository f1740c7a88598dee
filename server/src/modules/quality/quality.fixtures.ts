/** Test arrangement shared by the quality module's tests (never imported by the module's code). */
import assert from 'node:assert/strict';
import type { TestEnv } from '../../../test/context.ts';
import type { Ctx } from '../../platform/context.ts';
import { FIXED_CUSTOMERS, findCustomerIdByPhone } from '../cards/index.ts';

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

/** A documented demo customer's id (the test database is seeded with them). */
export async function demoCustomerId(ctx: Ctx): Promise<string> {
  const first = FIXED_CUSTOMERS[0];
  assert.ok(first);
  const id = await findCustomerIdByPhone(ctx, first.phone);
  assert.ok(id, 'the demo customer is seeded');
  return id;
}
