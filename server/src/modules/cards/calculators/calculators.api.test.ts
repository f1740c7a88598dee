import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../../test/context.ts';
import { bankDate } from '../../../platform/clock.ts';
import { cardsModule } from '../index.ts';

describe('calculators: minimum payment and interest-free period', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ modules: [cardsModule], seed: { customers: 2, months: 1, seed: 3 } });
  });
  after(() => env.close());

  const productId = async (code: string) =>
    (await env.request({ method: 'GET', url: '/api/products', as: 'agent' }))
      .json()
      .find((p: { code: string }) => p.code === code).id as string;
  const minimum = (payload: Record<string, unknown>) =>
    env.request({ method: 'POST', url: '/api/calculators/minimum-payment', as: 'agent', payload });
  const base = {
    creditLimitFen: 1_000_000,
    purchaseFen: 0,
    cashFen: 0,
    feeFen: 0,
    interestFen: 0,
    installmentDueFen: 0,
    previousUnpaidMinimumFen: 0,
  };

  it('minimum payment: RMB 12,000 of purchases on a RMB 10,000 limit → 10% of 10,000 + 100% of 2,000 = RMB 3,000', async () => {
    const res = await minimum({ ...base, purchaseFen: 1_200_000 });
    assert.equal(res.statusCode, 200);
    // 10% × 1,000,000 = 100,000 within the limit; 1,200,000 − 1,000,000 = 200,000 over it, in full.
    assert.equal(res.json().minimumFen, 100_000 + 200_000);
    assert.deepEqual(
      res.json().lines.filter((l: { fen: number }) => l.fen !== 0),
      [
        { label: 'purchase_within_limit', fen: 100_000 },
        { label: 'over_limit', fen: 200_000 },
      ],
    );
  });

  it('minimum payment adds fees, interest, installments due and the earlier unpaid minimum in full, each once', async () => {
    const res = await minimum({
      ...base,
      purchaseFen: 500_000,
      cashFen: 100_000,
      feeFen: 2_000,
      interestFen: 3_000,
      installmentDueFen: 40_000,
      previousUnpaidMinimumFen: 15_000,
    });
    // 10% × 500,000 + 10% × 100,000 + 2,000 + 3,000 + 40,000 + 15,000 = 50,000 + 10,000 + 60,000 = 120,000.
    assert.equal(res.json().minimumFen, 120_000);
  });

  it('minimum payment uses the product’s shares when a product is named (a product with 5% of purchases, 100% of cash)', async () => {
    const gold = await productId('GOLD');
    const products = (await env.request({ method: 'GET', url: '/api/products', as: 'admin' })).json();
    const goldTerms = products.find((p: { id: string }) => p.id === gold).current.terms;
    const version = await env.request({
      method: 'POST',
      url: `/api/products/${gold}/versions`,
      as: 'admin',
      payload: {
        effectiveFrom: bankDate(env.clock.now()),
        terms: { ...goldTerms, minimumPayment: { principalRate: '0.05', cashRate: '1', floorFen: 0 } },
      },
    });
    assert.equal(version.statusCode, 201);
    const res = await minimum({ ...base, purchaseFen: 200_000, cashFen: 50_000, productId: gold });
    // 5% × 200,000 + 100% × 50,000 = 10,000 + 50,000 = 60,000.
    assert.equal(res.json().minimumFen, 60_000);
    const unknown = await minimum({ ...base, purchaseFen: 1, productId: 'nope' });
    assert.equal(unknown.json().error.code, 'PRODUCT_NOT_FOUND');
  });

  it('interest-free period: a purchase the day after the statement day waits a whole cycle plus the days to due (20–50 days)', async () => {
    const std = await productId('STD');
    const calc = (payload: Record<string, unknown>) =>
      env.request({ method: 'POST', url: '/api/calculators/interest-free-period', as: 'agent', payload });
    // Statement day 5, 20 days to due: bought 6 Jan → statement 5 Feb → due 25 Feb = 25 + 25 = 50 days.
    const longest = await calc({ productId: std, purchaseDate: '2027-01-06', statementDay: 5 });
    assert.equal(longest.statusCode, 200);
    assert.deepEqual(longest.json(), { statementDate: '2027-02-05', dueDate: '2027-02-25', days: 50 });
    // Bought on the statement day itself: on that statement, due 20 days later.
    const shortest = await calc({ productId: std, purchaseDate: '2027-01-05', statementDay: 5 });
    assert.deepEqual(shortest.json(), { statementDate: '2027-01-05', dueDate: '2027-01-25', days: 20 });
    const notOffered = await calc({ productId: std, purchaseDate: '2027-01-05', statementDay: 7 });
    assert.equal(notOffered.json().error.code, 'STATEMENT_DAY_NOT_OFFERED');
  });

  it('refuses a purchase date that is not a calendar date instead of answering an interest-free period for it', async () => {
    // 30 February and month 13 do not exist: a period counted from them is no period of the product.
    for (const purchaseDate of ['2027-02-30', '2027-13-01', '2027-00-10']) {
      const res = await env.request({
        method: 'POST',
        url: '/api/calculators/interest-free-period',
        as: 'agent',
        payload: { purchaseDate },
      });
      assert.equal(res.statusCode, 400, `${purchaseDate}: ${res.body}`);
      assert.equal(res.json().error.code, 'VALIDATION_FAILED');
    }
  });

  it('lists both calculators in the OpenAPI document with their answers', async () => {
    const doc = (await env.request({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const path of ['/api/calculators/minimum-payment', '/api/calculators/interest-free-period']) {
      const schema = doc.paths[path]?.post?.responses?.['200']?.content?.['application/json']?.schema;
      assert.ok(schema, path);
    }
  });
});
