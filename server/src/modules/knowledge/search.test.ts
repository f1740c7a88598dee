import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';

interface Result {
  id: string;
  kind: string;
  title: string;
  snippet: string;
  highlights: Array<[number, number]>;
}
interface Response {
  mode: string;
  terms: string[];
  results: Result[];
}

describe('knowledge search', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  async function search(q: string, extra = ''): Promise<Response> {
    const res = await env.request({
      method: 'GET',
      url: `/api/kb/search?q=${encodeURIComponent(q)}${extra}`,
      as: 'agent',
    });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Response;
  }
  const ids = (r: Response) => r.results.map((x) => x.id);

  for (const [q, expected] of [
    ['挂失', 'process-loss-report'],
    ['分期', 'process-installment'],
    ['年费', 'faq-annual-fee-amount'],
  ] as const) {
    it(`finds articles for the two-character query ${q}, with the word highlighted`, async () => {
      const r = await search(q);
      assert.equal(r.mode, 'all');
      assert.ok(ids(r).includes(expected), `${expected} not in ${ids(r).join(', ')}`);
      const hit = r.results.find((x) => x.highlights.length > 0);
      assert.ok(hit, 'no result has a highlight');
      const [s, e] = hit.highlights[0] as [number, number];
      assert.equal(hit.snippet.slice(s, e), q);
    });
  }

  it('understands how customers talk: 卡丢了怎么办 finds the loss report', async () => {
    const r = await search('卡丢了怎么办');
    assert.ok(r.terms.includes('挂失'), r.terms.join(','));
    assert.ok(ids(r).slice(0, 5).includes('faq-card-loss-report'), ids(r).join(', '));
  });

  it('maps 刷爆了 to 额度', async () => {
    const r = await search('刷爆了');
    assert.ok(r.results.length > 0);
    // The best hits are about 额度 by title or answer; lower ones may match only a phrasing (还款后额度没恢复).
    assert.ok(
      r.results.slice(0, 5).every((x) => x.title.includes('额度') || x.snippet.includes('额度')),
      r.results.map((x) => `${x.title}: ${x.snippet}`).join('\n'),
    );
  });

  it('folds traditional characters and full-width letters', async () => {
    const simplified = ids(await search('信用卡挂失'));
    assert.deepEqual(ids(await search('信用卡掛失')), simplified);
    assert.ok(ids(await search('ＡＴＭ取现')).length > 0);
  });

  it('finds 挂失 by its pinyin initials gs', async () => {
    const r = await search('gs');
    assert.ok(
      r.results.some((x) => x.title.includes('挂失')),
      r.results.map((x) => x.title).join(', '),
    );
  });

  it('filters by kind, product and tag', async () => {
    const faqs = await search('年费', '&kind=faq');
    assert.ok(faqs.results.length > 0 && faqs.results.every((x) => x.kind === 'faq'));
    const gold = await search('年费', '&product=GOLD');
    assert.deepEqual(ids(gold), ['product-gold']);
    const tagged = await search('挂失', '&tag=紧急');
    assert.ok(tagged.results.length > 0);
    for (const id of ids(tagged)) {
      const a = await env.request({ method: 'GET', url: `/api/kb/articles/${id}`, as: 'agent' });
      assert.ok((a.json() as { tags: string[] }).tags.includes('紧急'), id);
    }
  });

  it('falls back to any word when no article has every word', async () => {
    const r = await search('挂失 火星');
    assert.equal(r.mode, 'any');
    assert.ok(ids(r).includes('process-loss-report'));
  });

  it('refuses an empty query', async () => {
    const res = await env.request({ method: 'GET', url: '/api/kb/search?q=', as: 'agent' });
    assert.equal(res.statusCode, 400);
  });

  it('needs a staff session', async () => {
    const res = await env.request({ method: 'GET', url: '/api/kb/search?q=挂失' });
    assert.equal(res.statusCode, 401);
  });
});
