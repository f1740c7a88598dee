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

  it('refuses a new product whose first version starts on a date that does not exist', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/products',
      as: 'admin',
      payload: {
        code: 'BADDATE',
        nameZh: '日期测试卡',
        nameEn: 'Date test card',
        tier: 'standard',
        bin: '622999',
        effectiveFrom: '2027-02-30',
        terms: { limit: { minFen: 100_000, maxFen: 1_000_000, defaultFen: 500_000 } },
      },
    });
    assert.equal(res.statusCode, 400, res.body);
    const stored = await env.system.db.selectFrom('products').select('id').where('code', '=', 'BADDATE').execute();
    assert.equal(stored.length, 0);
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

describe('product terms: regulatory floors, caps and notice of price rises', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule] });
  });
  after(() => env.close());

  const stdProduct = async () =>
    (await env.request({ method: 'GET', url: '/api/products', as: 'admin' }))
      .json()
      .find((p: { code: string }) => p.code === 'STD');
  const addVersion = async (id: string, effectiveFrom: string, terms: unknown) =>
    env.request({
      method: 'POST',
      url: `/api/products/${id}/versions`,
      as: 'admin',
      payload: { effectiveFrom, terms },
    });

  it('refuses grace days below 3 and a repayment tolerance below RMB 10 (1,000 fen) — self-discipline convention Art. 14', async () => {
    const std = await stdProduct();
    const later = addDays(bankDate(env.clock.now()), 60);
    const grace = await addVersion(std.id, later, { ...std.current.terms, graceDays: 2 });
    assert.equal(grace.json().error.code, 'PRODUCT_GRACE_DAYS_TOO_SHORT');
    const tolerance = await addVersion(std.id, later, { ...std.current.terms, toleranceFen: 999 });
    assert.equal(tolerance.json().error.code, 'PRODUCT_TOLERANCE_TOO_LOW');
    assert.equal((await stdProduct()).upcoming.length, 0);
  });

  it('lets a product lower the cash-installment caps (RMB 50,000, 24 periods) but never raise them', async () => {
    const std = await stdProduct();
    const later = addDays(bankDate(env.clock.now()), 60);
    const inst = std.current.terms.installments;
    const principal = await addVersion(std.id, later, {
      ...std.current.terms,
      installments: { ...inst, cashMaxPrincipalFen: 5_000_001 },
    });
    assert.equal(principal.json().error.code, 'PRODUCT_CASH_INSTALLMENT_CAP');
    const periods = await addVersion(std.id, later, {
      ...std.current.terms,
      installments: { ...inst, cashMaxPeriods: 36 },
    });
    assert.equal(periods.json().error.code, 'PRODUCT_CASH_INSTALLMENT_CAP');
    const tooLongTerm = await addVersion(std.id, later, {
      ...std.current.terms,
      installments: { ...inst, cashMaxPeriods: 12, cash: [{ periods: 24, feeRatePerPeriod: '0.006' }] },
    });
    assert.equal(tooLongTerm.json().error.code, 'PRODUCT_CASH_INSTALLMENT_CAP');
  });

  it('《111号》: cash is at most RMB 10,000 per card per day, so a product may lower the daily cash cap but never raise it', async () => {
    const std = await stdProduct();
    const later = addDays(bankDate(env.clock.now()), 60);
    // RMB 10,000 = 1,000,000 fen: one fen more is above the rule.
    const raised = await addVersion(std.id, later, {
      ...std.current.terms,
      cashAdvance: { ...std.current.terms.cashAdvance, dailyCapFen: 1_000_001 },
    });
    assert.equal(raised.statusCode, 400, raised.body);
    assert.equal(raised.json().error.code, 'PRODUCT_CASH_DAILY_CAP');
    assert.equal((await stdProduct()).upcoming.length, 0);
  });

  it('45 days’ notice (《111号》, 《2011办法》): a harder annual-fee waiver or a new early-repayment charge is a price rise', async () => {
    const std = await stdProduct();
    const today = bankDate(env.clock.now());
    const t = std.current.terms;
    // 6 purchases waived the RMB 100 fee; with 12, a holder making 6 now pays RMB 100 a year more.
    const harderWaiver = await addVersion(std.id, addDays(today, 30), {
      ...t,
      annualFee: { ...t.annualFee, waivePurchases: (t.annualFee.waivePurchases ?? 0) + 6 },
    });
    assert.equal(harderWaiver.json().error.code, 'PRODUCT_PRICE_RISE_TOO_SOON');
    assert.equal(harderWaiver.json().error.details.earliest, addDays(today, 45));
    // No waiver at all: the same.
    const noWaiver = await addVersion(std.id, addDays(today, 30), {
      ...t,
      annualFee: { ...t.annualFee, waivePurchases: null, waiveSpendFen: null },
    });
    assert.equal(noWaiver.json().error.code, 'PRODUCT_PRICE_RISE_TOO_SOON');
    // Paying an installment off early used to cost nothing; now the unbilled fees would be charged.
    assert.equal(t.installments.prepayFee, 'none');
    const prepayCharged = await addVersion(std.id, addDays(today, 30), {
      ...t,
      installments: { ...t.installments, prepayFee: 'remaining' },
    });
    assert.equal(prepayCharged.json().error.code, 'PRODUCT_PRICE_RISE_TOO_SOON');
    assert.equal((await stdProduct()).upcoming.length, 0);
  });

  it('puts a price rise into effect no earlier than 45 days after it is recorded and writes one notice per holder', async () => {
    const std = await stdProduct();
    const today = bankDate(env.clock.now());
    const dearer = { ...std.current.terms, dailyRate: '0.0006' };
    const soon = await addVersion(std.id, addDays(today, 44), dearer);
    assert.equal(soon.json().error.code, 'PRODUCT_PRICE_RISE_TOO_SOON');
    assert.equal(soon.json().error.details.earliest, addDays(today, 45));
    // Cheaper terms need no notice period.
    const cheaper = await addVersion(std.id, addDays(today, 1), { ...std.current.terms, dailyRate: '0.0004' });
    assert.equal(cheaper.statusCode, 201);
    const ok = await addVersion(std.id, addDays(today, 45), dearer);
    assert.equal(ok.statusCode, 201);
    const holders = await env.system.db
      .selectFrom('accounts')
      .select('id')
      .where('product_id', '=', std.id)
      .where('status', '=', 'active')
      .execute();
    assert.ok(holders.length > 0);
    const notices = await env.system.db
      .selectFrom('holder_notices')
      .selectAll()
      .where('product_id', '=', std.id)
      .where('product_version', '=', ok.json().version)
      .execute();
    assert.equal(notices.length, holders.length);
    assert.match(notices[0]?.body ?? '', /透支利率/);
    const cheaperNotices = await env.system.db
      .selectFrom('holder_notices')
      .select('id')
      .where('product_version', '=', cheaper.json().version)
      .where('product_id', '=', std.id)
      .execute();
    assert.equal(cheaperNotices.length, 0);
  });
});
