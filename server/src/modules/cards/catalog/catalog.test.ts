import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../../test/context.ts';
import { addDays, bankDate } from '../../../platform/clock.ts';
import { cycleCli } from '../billing/cycle.service.ts';
import { cardsModule } from '../index.ts';

describe('product catalogue and the billing cycle command', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule] });
  });
  after(() => env.close());

  it('lists the four demo products with their terms to any staff member', async () => {
    const res = await env.request({ method: 'GET', url: '/api/products', as: 'qa' });
    assert.equal(res.statusCode, 200);
    const codes = res.json().map((p: { code: string }) => p.code);
    assert.deepEqual(codes.sort(), ['AIR', 'GOLD', 'PLAT', 'STD']);
  });

  it('lets only an admin schedule a new version, never in the past, with validated terms', async () => {
    const std = (await env.request({ method: 'GET', url: '/api/products', as: 'admin' }))
      .json()
      .find((p: { code: string }) => p.code === 'STD');
    const today = bankDate(env.clock.now());
    const terms = { ...std.current.terms, daysToDue: 18 };
    const agent = await env.request({
      method: 'POST',
      url: `/api/products/${std.id}/versions`,
      as: 'agent',
      payload: { effectiveFrom: addDays(today, 10), terms },
    });
    assert.equal(agent.statusCode, 403);
    const past = await env.request({
      method: 'POST',
      url: `/api/products/${std.id}/versions`,
      as: 'admin',
      payload: { effectiveFrom: addDays(today, -1), terms },
    });
    assert.equal(past.json().error.code, 'PRODUCT_VERSION_DATE');
    const invalid = await env.request({
      method: 'POST',
      url: `/api/products/${std.id}/versions`,
      as: 'admin',
      payload: { effectiveFrom: addDays(today, 10), terms: { ...terms, daysToDue: 26 } },
    });
    assert.equal(invalid.json().error.code, 'PRODUCT_TERMS_INVALID');
    const ok = await env.request({
      method: 'POST',
      url: `/api/products/${std.id}/versions`,
      as: 'admin',
      payload: { effectiveFrom: addDays(today, 10), terms },
    });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().version, 2);
    const listed = (await env.request({ method: 'GET', url: '/api/products', as: 'admin' }))
      .json()
      .find((p: { code: string }) => p.code === 'STD');
    assert.equal(listed.current.terms.daysToDue, 20);
    assert.equal(listed.upcoming[0].terms.daysToDue, 18);
  });

  it('`carddesk cycle run --until` bills statements after the new version with its terms', async () => {
    const effective = addDays(bankDate(env.clock.now()), 10);
    env.clock.advanceDays(46);
    const until = addDays(bankDate(env.clock.now()), -1);
    // The command prints a one-line summary; its effect is checked in the database below.
    const printed: string[] = [];
    const io = { out: (s: string) => printed.push(s), err: (s: string) => printed.push(s) };
    const code = await cycleCli(['run', '--until', until], env.runtime.deps, io);
    assert.equal(code, 0);
    const late = await env.system.db
      .selectFrom('statements')
      .innerJoin('accounts', 'accounts.id', 'statements.account_id')
      .innerJoin('products', 'products.id', 'accounts.product_id')
      .select(['statements.statement_date', 'statements.due_date'])
      .where('products.code', '=', 'STD')
      .where('statements.statement_date', '>=', effective)
      .execute();
    assert.ok(late.length > 0);
    for (const s of late) assert.equal(s.due_date, addDays(s.statement_date, 18));
    assert.match(printed.join(''), new RegExp(`^books moved to ${until}: `));
    assert.equal(await cycleCli(['run', '--until', 'tomorrow'], env.runtime.deps, io), 1);
  });
});
