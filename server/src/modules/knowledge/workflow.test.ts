import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { bankDate } from '../../platform/clock.ts';
import { addProductVersion, productRefs, termsOn } from '../cards/index.ts';
import { readArticleFiles, SEED_DIR } from './files.ts';
import { parseArticleFile } from './markdown/front-matter.ts';
import { exportArticles, importArticles } from './markdown/import-export.ts';
import { RANK_FEATURES } from './match/ranker.ts';

describe('knowledge workflow', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const searchIds = async (q: string) => {
    const res = await env.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent(q)}`, as: 'agent' });
    return (res.json() as { results: Array<{ id: string }> }).results.map((r) => r.id);
  };

  it('serves a draft to nobody, and a published version to search the moment it is approved', async () => {
    const created = await env.request({
      method: 'POST',
      url: '/api/kb/articles',
      as: 'kb_editor',
      payload: { id: 'process-zebra-test', kind: 'process', title: '斑马流程测试', body: '斑马卡专属的办理流程。' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const v1 = created.json() as { versionId: string; status: string };
    assert.equal(v1.status, 'draft');
    assert.deepEqual(await searchIds('斑马'), []);
    const read = await env.request({ method: 'GET', url: '/api/kb/articles/process-zebra-test', as: 'agent' });
    assert.equal(read.statusCode, 404);

    const submit = await env.request({
      method: 'POST',
      url: `/api/kb/versions/${v1.versionId}/submit`,
      as: 'kb_editor',
    });
    assert.equal((submit.json() as { status: string }).status, 'in_review');
    assert.deepEqual(await searchIds('斑马'), [], 'a version in review is not served');

    // The author may not approve their own work; a supervisor may.
    const self = await env.request({
      method: 'POST',
      url: `/api/kb/versions/${v1.versionId}/approve`,
      as: 'kb_editor',
      payload: {},
    });
    assert.equal(self.statusCode, 403);
    assert.equal((self.json() as { error: { code: string } }).error.code, 'KB_SELF_REVIEW');
    const agent = await env.request({
      method: 'POST',
      url: `/api/kb/versions/${v1.versionId}/approve`,
      as: 'agent',
      payload: {},
    });
    assert.equal(agent.statusCode, 403);
    const ok = await env.request({
      method: 'POST',
      url: `/api/kb/versions/${v1.versionId}/approve`,
      as: 'supervisor',
      payload: {},
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((ok.json() as { status: string }).status, 'published');
    assert.deepEqual(await searchIds('斑马'), ['process-zebra-test']);

    // A second version: edited as a draft, the first stays served; once approved, the change is found at once.
    const next = await env.request({
      method: 'POST',
      url: '/api/kb/articles/process-zebra-test/versions',
      as: 'kb_editor',
    });
    const v2 = next.json() as { versionId: string; version: number };
    assert.equal(v2.version, 2);
    const edit = await env.request({
      method: 'PATCH',
      url: `/api/kb/versions/${v2.versionId}`,
      as: 'kb_editor',
      payload: { body: '长颈鹿卡专属的办理流程。' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.deepEqual(await searchIds('长颈鹿'), []);
    await env.request({ method: 'POST', url: `/api/kb/versions/${v2.versionId}/submit`, as: 'kb_editor' });
    await env.request({
      method: 'POST',
      url: `/api/kb/versions/${v2.versionId}/approve`,
      as: 'supervisor',
      payload: {},
    });
    assert.deepEqual(await searchIds('长颈鹿'), ['process-zebra-test']);
    const served = await env.request({ method: 'GET', url: '/api/kb/articles/process-zebra-test', as: 'agent' });
    assert.equal((served.json() as { version: number }).version, 2);

    const audit = await env.system.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', 'process-zebra-test')
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'kb.article.create',
        'kb.version.submit',
        'kb.version.approve',
        'kb.version.create',
        'kb.version.update',
        'kb.version.submit',
        'kb.version.approve',
      ],
    );

    const retire = await env.request({
      method: 'POST',
      url: '/api/kb/articles/process-zebra-test/retire',
      as: 'supervisor',
      payload: { reason: '测试结束下线' },
    });
    assert.equal(retire.statusCode, 204);
    assert.deepEqual(await searchIds('长颈鹿'), []);
  });

  it('refuses an FAQ without phrasings and changes nothing', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/kb/articles',
      as: 'kb_editor',
      payload: { id: 'faq-empty-test', kind: 'faq', title: '空的', body: '答案' },
    });
    assert.equal((res.json() as { error: { code: string } }).error.code, 'KB_FAQ_NEEDS_QUESTIONS');
    const row = await env.system.db
      .selectFrom('kb_articles')
      .select('id')
      .where('id', '=', 'faq-empty-test')
      .executeTakeFirst();
    assert.equal(row, undefined);
  });

  it('renders live product parameters from the current product version', async () => {
    const read = async () => {
      const res = await env.request({ method: 'GET', url: '/api/kb/articles/product-gold', as: 'agent' });
      return res.json() as { rendered: string; unresolved: string[] };
    };
    const before = await read();
    assert.deepEqual(before.unresolved, []);
    assert.match(before.rendered, /年费 300 元\/年/);

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
    assert.match((await read()).rendered, /年费 300 元\/年/, 'the new terms are not in force yet');
    env.clock.advanceDays(1);
    // Sessions are shorter than a day: sign in again on the new day.
    for (const user of ['agent', 'kb_editor', 'supervisor']) await env.login(user);
    assert.match((await read()).rendered, /年费 188 元\/年/);
  });

  it('interest FAQs state the annualised rate before the daily rate (PBoC 2021 No. 3) and the product’s interest mode and interest-free range from the catalogue', async () => {
    const article = async (id: string) =>
      (await env.request({ method: 'GET', url: `/api/kb/articles/${id}`, as: 'agent' })).json() as {
        rendered: string;
        unresolved: string[];
      };
    const how = await article('faq-interest-how');
    assert.deepEqual(how.unresolved, []);
    // STD: 0.05% a day × 365 = 18.25% a year (simple), full-balance interest.
    const annual = how.rendered.indexOf('年化利率为18.25%');
    assert.ok(annual >= 0, how.rendered);
    assert.ok(annual < how.rendered.indexOf('0.05%'), 'the annual rate comes first');
    assert.match(how.rendered, /全额计息/);
    // AIR charges only the unpaid part: its product page says so, from the same catalogue field.
    assert.match((await article('product-airline')).rendered, /仅对未还部分从记账日起计息/);
    // 20 days from statement to due: shortest 20 days (bought on the statement day), longest 20 + 30 = 50.
    const free = await article('faq-interest-free');
    assert.match(free.rendered, /最短 20 天、最长 50 天/);
    for (const id of ['product-std', 'product-gold', 'product-platinum', 'product-airline', 'faq-min-payment']) {
      const a = await article(id);
      assert.deepEqual(a.unresolved, [], id);
      const yearly = a.rendered.indexOf('年化利率');
      const daily = a.rendered.indexOf('日利率');
      if (daily >= 0) assert.ok(yearly >= 0 && yearly < daily, `${id}: the annual rate comes first`);
    }
  });

  it('refuses to approve a version whose placeholders do not resolve', async () => {
    const created = await env.request({
      method: 'POST',
      url: '/api/kb/articles',
      as: 'kb_editor',
      payload: { kind: 'product', title: '错误参数', body: '年费 {{product:GOLD.noSuchField|yuan}} 元' },
    });
    const v = created.json() as { versionId: string; unresolved: string[] };
    assert.equal(v.unresolved.length, 1);
    await env.request({ method: 'POST', url: `/api/kb/versions/${v.versionId}/submit`, as: 'kb_editor' });
    const res = await env.request({
      method: 'POST',
      url: `/api/kb/versions/${v.versionId}/approve`,
      as: 'supervisor',
      payload: {},
    });
    assert.equal((res.json() as { error: { code: string } }).error.code, 'KB_UNKNOWN_PARAMETER');
  });

  it('exports and re-imports articles as Markdown with front matter, unchanged', async () => {
    const ctx = { ...env.system, actor: systemActor('test') };
    const files = await exportArticles(ctx);
    const faq = files.find((f) => f.path === 'faq/faq-card-loss-report.md');
    assert.ok(faq);
    assert.match(faq.text, /^---\nid: faq-card-loss-report\nkind: faq\n/);
    assert.match(faq.text, /questions:\n {2}- 我的卡丢了怎么办/);
    const dir = mkdtempSync(join(tmpdir(), 'kb-export-'));
    try {
      writeFileSync(join(dir, 'a.md'), faq.text);
      const again = await importArticles(ctx, readArticleFiles(dir), { publish: true });
      assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 1]);
      writeFileSync(join(dir, 'a.md'), faq.text.replace('请立即挂失', '请马上挂失'));
      const changed = await importArticles(ctx, readArticleFiles(dir), { publish: true });
      assert.deepEqual([changed.updated, changed.published], [1, 1]);
      const res = await env.request({ method: 'GET', url: '/api/kb/articles/faq-card-loss-report', as: 'agent' });
      assert.match((res.json() as { body: string }).body, /请马上挂失/);
      // A broken file: nothing is imported, and the error names the file.
      writeFileSync(join(dir, 'b.md'), '---\nid: faq-bad\nkind: faq\ntitle: 坏文件\n---\n答案\n');
      writeFileSync(join(dir, 'a.md'), readFileSync(join(dir, 'a.md'), 'utf8').replace('请马上挂失', '请再次挂失'));
      await assert.rejects(importArticles(ctx, readArticleFiles(dir)), /KB_IMPORT_INVALID|b\.md/);
      const after = await env.request({ method: 'GET', url: '/api/kb/articles/faq-card-loss-report', as: 'agent' });
      assert.match((after.json() as { body: string }).body, /请马上挂失/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('FAQ matching', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(async () => {
    await env.close();
  });

  const match = async (question: string, url = '/api/kb/match', as: string | undefined = 'agent') => {
    const res = await env.request({ method: 'POST', url, payload: { question }, ...(as ? { as } : {}) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { none: boolean; matches: Array<{ id: string; confidence: number; answer: string }> };
  };

  it('answers a colloquial question with the right FAQ and its article id', async () => {
    const r = await match('卡丢了怎么办啊');
    assert.equal(r.none, false);
    assert.equal(r.matches[0]?.id, 'faq-card-loss-report');
    assert.ok((r.matches[0]?.confidence ?? 0) > 0.5);
  });

  it('renders live parameters in the answer', async () => {
    const r = await match('信用卡年费是多少钱');
    const top = r.matches.find((m) => m.id === 'faq-annual-fee-amount');
    assert.ok(top, JSON.stringify(r));
    assert.match(top.answer, /金卡300元\/年/);
  });

  it('offers two sibling FAQs as a choice when the question fits both nearly equally', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/kb/match',
      payload: { question: '激活信用卡', limit: 1 },
      as: 'agent',
    });
    const r = res.json() as {
      matches: Array<{ id: string; title: string }>;
      clarify: { question: string; ids: string[] } | null;
    };
    assert.ok(r.clarify, JSON.stringify(r));
    assert.deepEqual([...r.clarify.ids].sort(), ['faq-card-activate-failed', 'faq-card-activate-how']);
    // Both are returned even though one was asked for, first the likelier, as the choice names them.
    assert.deepEqual(
      r.matches.slice(0, 2).map((m) => m.id),
      r.clarify.ids,
    );
    for (const m of r.matches.slice(0, 2)) assert.ok(r.clarify.question.includes(m.title.replace(/[\uFF1F?]$/u, '')));
  });

  it('answers without a choice when the question names what sets one sibling apart', async () => {
    const r = await match('激活信用卡一直提示失败怎么办');
    assert.equal(r.matches[0]?.id, 'faq-card-activate-failed');
    assert.equal((r as unknown as { clarify: unknown }).clarify, null);
  });

  it('says none to questions outside card service', async () => {
    for (const q of ['今天天气怎么样', '红烧肉怎么做好吃', '世界杯谁是冠军']) {
      const r = await match(q);
      assert.equal(r.none, true, `${q}: ${JSON.stringify(r.matches)}`);
      assert.deepEqual(r.matches, []);
    }
  });

  it('serves customers through the public endpoint without a session', async () => {
    const r = await match('我的卡丢了怎么办', '/api/public/kb/match', undefined);
    assert.equal(r.matches[0]?.id, 'faq-card-loss-report');
  });

  it('keeps the learnt threshold in the settings', async () => {
    const row = await env.system.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'kb.match.calibration')
      .executeTakeFirstOrThrow();
    const c = JSON.parse(row.value) as { threshold: number; positives: number; negatives: number; weights: number[] };
    assert.ok(c.threshold > 0 && c.threshold < 1);
    // Every phrasing of every seeded FAQ was asked once across the cross-validation folds.
    const phrasings = readArticleFiles(SEED_DIR)
      .map((f) => parseArticleFile(f.text))
      .filter((f) => f.kind === 'faq')
      .reduce((n, f) => n + f.content.questions.length, 0);
    assert.equal(c.positives, phrasings);
    assert.ok(c.negatives > 50);
    assert.equal(c.weights.length, RANK_FEATURES.length);
  });
});
