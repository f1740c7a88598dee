import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { addProductVersion, productRefs, termsOn } from '../cards/index.ts';
import { type ProductCatalog, useProductCatalog } from './params/catalog.ts';
import { renderVersions } from './params/render-cache.ts';
import { makeBoundedSnippet } from './search/snippet.ts';

describe('cached renderings of live parameters', () => {
  // A catalogue that counts its reads, with a stamp the test moves.
  let fee = 30_000;
  let stamp = 's1';
  let reads = 0;
  const catalog: ProductCatalog = {
    async currentFacts(_ctx, code) {
      reads++;
      return code === 'GOLD' ? { annualFeeFen: fee } : undefined;
    },
    stamp: async () => stamp,
  };
  const ctx = (isTransaction = false) => ({ config: config, db: { isTransaction } }) as unknown as Ctx;
  const config = {};
  const published = { id: 'v1', status: 'published', body: '金卡年费{{product:GOLD.annualFeeFen|yuan}}元' };
  before(() => useProductCatalog(catalog));
  after(() => useProductCatalog(undefined));

  it('reads the catalogue once while its stamp stays, and again as soon as it moves', async () => {
    assert.equal((await renderVersions(ctx(), [published]))[0]?.text, '金卡年费300元');
    assert.equal((await renderVersions(ctx(), [published]))[0]?.text, '金卡年费300元');
    assert.equal(reads, 1);
    fee = 48_800;
    stamp = 's2';
    assert.equal((await renderVersions(ctx(), [published]))[0]?.text, '金卡年费488元');
    assert.equal(reads, 2);
  });

  it('never caches a version still being edited, nor what was rendered inside a transaction', async () => {
    reads = 0;
    const draft = { id: 'v2', status: 'draft', body: '金卡年费{{product:GOLD.annualFeeFen|yuan}}元' };
    await renderVersions(ctx(), [draft]);
    await renderVersions(ctx(), [draft]);
    assert.equal(reads, 2);
    const other = { ...published, id: 'v3' };
    await renderVersions(ctx(true), [other]);
    await renderVersions(ctx(), [other]);
    assert.equal(reads, 4);
  });

  it('keeps the cache of one runtime apart from another’s', async () => {
    reads = 0;
    await renderVersions({ config: {}, db: { isTransaction: false } } as unknown as Ctx, [published]);
    assert.equal(reads, 1);
  });
});

describe('bounded snippets', () => {
  it('cuts the window around the first hit of a long text and keeps the hit ranges exact', () => {
    const text = `${'开头的说明。'.repeat(2000)}办理挂失后可以申请补卡。${'结尾的说明。'.repeat(2000)}`;
    const s = makeBoundedSnippet(text, text.toLowerCase(), ['挂失', '补卡'], 40);
    assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
    assert.ok(s.text.length <= 44, String(s.text.length));
    assert.deepEqual(
      s.highlights.map(([a, b]) => s.text.slice(a, b)),
      ['挂失', '补卡'],
    );
  });

  it('shows the start of a long text with no hit', () => {
    const text = '第一句。'.repeat(500);
    const s = makeBoundedSnippet(text, text, ['火星'], 40);
    assert.ok(s.text.startsWith('第一句') && s.text.endsWith('…'));
    assert.deepEqual(s.highlights, []);
  });
});

describe('live parameters through search and matching after a product change', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const answer = async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/kb/match',
      payload: { question: '信用卡年费是多少钱' },
      as: 'agent',
    });
    const body = res.json() as { matches: Array<{ id: string; answer: string }> };
    return body.matches.find((m) => m.id === 'faq-annual-fee-amount')?.answer ?? '';
  };
  const snippet = async () => {
    const res = await env.request({
      method: 'GET',
      url: `/api/kb/search?q=${encodeURIComponent('金卡年费')}&kind=faq`,
      as: 'agent',
    });
    const body = res.json() as { results: Array<{ id: string; snippet: string }> };
    return body.results.find((r) => r.id === 'faq-annual-fee-amount')?.snippet ?? '';
  };

  it('shows the new annual fee the day the new product version takes effect, not before', async () => {
    assert.match(await answer(), /金卡300元\/年/);
    assert.match(await snippet(), /金卡300元\/年/);
    const [product] = await productRefs(env.system.db, { codes: ['GOLD'] });
    assert.ok(product);
    // A copy: the terms in force are shared (cached by version).
    const terms = structuredClone(await termsOn(env.system.db, product.id, bankDate(env.clock.now())));
    // A lower fee: a rise could only take effect 45 days after it is recorded.
    terms.annualFee.amountFen = 18_800;
    const tomorrow = new Date(env.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    await addProductVersion(
      { ...env.system, actor: systemActor('test') },
      { productId: product.id, effectiveFrom: tomorrow, terms },
    );
    assert.match(await answer(), /金卡300元\/年/, 'not in force yet');
    assert.match(await snippet(), /金卡300元\/年/);
    env.clock.advanceDays(1);
    await env.login('agent');
    assert.match(await answer(), /金卡188元\/年/);
    assert.match(await snippet(), /金卡188元\/年/);
  });
});
