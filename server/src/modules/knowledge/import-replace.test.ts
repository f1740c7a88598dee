import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { kbCommand } from './knowledge.cli.ts';

/** A bank's own FAQ folder: one question per FAQ, words the demo content does not use. */
function bankFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carddesk-kb-replace-'));
  mkdirSync(join(dir, 'faq'));
  const faq = (id: string, title: string, body: string) =>
    writeFileSync(
      join(dir, 'faq', `${id}.md`),
      `---\nid: ${id}\nkind: faq\ntitle: "${title}"\nquestions:\n  - "${title}"\n---\n\n${body}\n`,
    );
  faq('bank-zebra-points', '斑马积分怎么兑换机票?', '斑马积分可在手机银行积分商城兑换机票。');
  faq('bank-zebra-card-lost', '斑马卡丢了怎么挂失?', '请拨打斑马银行客服电话挂失斑马卡。');
  return dir;
}

describe('kb import --publish --replace', () => {
  let env: TestEnv;
  let dir: string;
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
  before(async () => {
    env = await createTestEnv();
    dir = bankFolder();
  });
  after(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const served = async () =>
    (
      await env.system.db
        .selectFrom('kb_articles')
        .select('id')
        .where('status', '=', 'active')
        .where('current_version_id', 'is not', null)
        .orderBy('id')
        .execute()
    ).map((r) => r.id);

  it('refuses --replace without --publish and changes nothing', async () => {
    const before = await served();
    assert.ok(before.length > 20, 'the demo content is served');
    const code = await kbCommand(['import', dir, '--replace'], env.runtime.deps, io);
    assert.equal(code, 1);
    assert.match(out.join(''), /--replace needs --publish/);
    assert.deepEqual(await served(), before);
  });

  it('makes the folder the whole published knowledge base: the demo articles are retired, kept in history, audited', async () => {
    const demo = await served();
    out.length = 0;
    const code = await kbCommand(['import', dir, '--publish', '--replace'], env.runtime.deps, io);
    assert.equal(code, 0, out.join(''));
    assert.deepEqual(await served(), ['bank-zebra-card-lost', 'bank-zebra-points']);
    assert.match(out.join(''), new RegExp(`retired ${demo.length} articles not in`));

    // History stays: the retired articles and their versions are still there, withdrawn.
    const retired = await env.system.db
      .selectFrom('kb_articles')
      .select('id')
      .where('status', '=', 'retired')
      .execute();
    assert.equal(retired.length, demo.length);
    const versions = await env.system.db
      .selectFrom('kb_versions')
      .select(['article_id', 'status'])
      .where('article_id', '=', demo[0] as string)
      .execute();
    assert.ok(versions.length > 0);
    assert.ok(versions.every((v) => v.status !== 'published'));

    const audits = await env.system.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', 'in', ['kb.import', 'kb.article.retire'])
      .execute();
    assert.equal(audits.filter((a) => a.action === 'kb.article.retire').length, demo.length);
    const replaced = audits.filter((a) => a.action === 'kb.import' && /"replace":true/.test(String(a.details)));
    assert.equal(replaced.length, 1);
    assert.match(String(replaced[0]?.details), new RegExp(`"retired":\\["${demo[0]}"`));
  });

  it('serves only the imported articles to search and to the match API', async () => {
    const search = async (q: string) => {
      const res = await env.request({ method: 'GET', url: `/api/kb/search?q=${encodeURIComponent(q)}`, as: 'agent' });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as { results: Array<{ id: string }> }).results.map((r) => r.id);
    };
    // 挂失 and 年费 were answered by the demo content before; now only the bank's article, or nothing.
    assert.deepEqual(await search('挂失'), ['bank-zebra-card-lost']);
    assert.deepEqual(await search('年费'), []);
    const match = async (question: string) => {
      const res = await env.request({ method: 'POST', url: '/api/kb/match', payload: { question }, as: 'agent' });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { none: boolean; matches: Array<{ id: string }> };
    };
    const lost = await match('我的斑马卡丢了要怎么挂失');
    assert.equal(lost.matches[0]?.id, 'bank-zebra-card-lost');
    for (const m of lost.matches) assert.ok(m.id.startsWith('bank-'), `${m.id} is not an imported article`);
    const fee = await match('信用卡年费多少钱');
    for (const m of fee.matches) assert.ok(m.id.startsWith('bank-'), `${m.id} is not an imported article`);
  });

  it('calibrates on the imported list as the pair method, and matching keeps to the imported articles', async () => {
    out.length = 0;
    assert.equal(await kbCommand(['calibrate'], env.runtime.deps, io), 0, out.join(''));
    assert.match(out.join(''), /pair scorer/);
    const row = await env.system.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', 'kb.match.calibration')
      .executeTakeFirstOrThrow();
    assert.equal((JSON.parse(row.value) as { method: string }).method, 'pairs');
    const res = await env.request({
      method: 'POST',
      url: '/api/kb/match',
      payload: { question: '斑马积分能换机票吗' },
      as: 'agent',
    });
    const body = res.json() as { matches: Array<{ id: string }> };
    assert.equal(body.matches[0]?.id, 'bank-zebra-points');
  });

  it('without --replace adds and updates as before, retiring nothing', async () => {
    const extra = mkdtempSync(join(tmpdir(), 'carddesk-kb-add-'));
    writeFileSync(
      join(extra, 'zebra-hours.md'),
      '---\nid: bank-zebra-hours\nkind: faq\ntitle: "斑马客服几点上班?"\nquestions:\n  - "斑马客服几点上班?"\n---\n\n斑马客服全天服务。\n',
    );
    try {
      out.length = 0;
      assert.equal(await kbCommand(['import', extra, '--publish'], env.runtime.deps, io), 0, out.join(''));
      assert.deepEqual(await served(), ['bank-zebra-card-lost', 'bank-zebra-hours', 'bank-zebra-points']);
      assert.doesNotMatch(out.join(''), /retired/);
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });
});
