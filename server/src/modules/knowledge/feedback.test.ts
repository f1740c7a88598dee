import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { kbCommand } from './knowledge.cli.ts';

describe('learning from the desk: FAQ suggestions and what the agent did', () => {
  let env: TestEnv;
  let dir: string;
  before(async () => {
    env = await createTestEnv();
    dir = mkdtempSync(join(tmpdir(), 'carddesk-kb-feedback-'));
  });
  after(async () => {
    await env.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shown = async (question: string, faqId: string, as = 'agent') => {
    const res = await env.request({
      method: 'POST',
      url: '/api/kb/suggestions',
      payload: { question, faqId },
      as,
    });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };
  const outcome = (id: string, payload: Record<string, string>, as = 'agent') =>
    env.request({ method: 'POST', url: `/api/kb/suggestions/${id}/outcome`, payload, as });

  it('stores the question with personal data masked before it is kept', async () => {
    await shown('我的卡6222021234567890123丢了,手机13812345678,邮箱zhang.san@example.com', 'faq-card-loss-report');
    const rows = await env.system.db.selectFrom('kb_suggestions').select('question').execute();
    const stored = rows.map((r) => r.question).join('\n');
    assert.doesNotMatch(stored, /6222021234567890123|13812345678|zhang\.san@example\.com/);
    assert.match(stored, /7890123|0123/);
    assert.match(stored, /138\*\*\*\*5678/);
  });

  it('records used, chose another and searched; a retry is a no-op, a different second outcome is refused', async () => {
    const used = await shown('卡丢了怎么办', 'faq-card-loss-report');
    assert.equal((await outcome(used, { outcome: 'used' })).statusCode, 204);
    assert.equal((await outcome(used, { outcome: 'used' })).statusCode, 204, 'the same outcome again is a retry');
    const twice = await outcome(used, { outcome: 'searched' });
    assert.equal(twice.statusCode, 409);
    assert.equal((twice.json() as { error: { code: string } }).error.code, 'KB_SUGGESTION_DECIDED');

    const other = await shown('年费能不能免', 'faq-annual-fee-amount');
    const missing = await outcome(other, { outcome: 'chose_other' });
    assert.equal(missing.statusCode, 400, 'chose_other names the FAQ used instead');
    assert.equal((await outcome(other, { outcome: 'chose_other', faqId: 'faq-annual-fee-waiver' })).statusCode, 204);

    const searched = await shown('境外刷卡', 'faq-overseas-fee');
    assert.equal((await outcome(searched, { outcome: 'searched' })).statusCode, 204);

    // Another agent cannot decide this agent's suggestion.
    const notTheirs = await shown('积分怎么查', 'faq-points-balance');
    const foreign = await outcome(notTheirs, { outcome: 'used' }, 'supervisor');
    assert.equal(foreign.statusCode, 404);
    const rows = await env.system.db.selectFrom('kb_suggestions').select(['id', 'outcome']).execute();
    assert.equal(rows.find((r) => r.id === notTheirs)?.outcome, 'shown');
  });

  it('exports question,faq_id,outcome rows with `carddesk kb feedback export --out`', async () => {
    const file = join(dir, 'feedback.csv');
    const out: string[] = [];
    const code = await kbCommand(['feedback', 'export', '--out', file], env.runtime.deps, {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    assert.equal(code, 0, out.join(''));
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines[0], 'question,faq_id,outcome');
    assert.ok(lines.includes('卡丢了怎么办,faq-card-loss-report,used'));
    assert.ok(lines.includes('年费能不能免,faq-annual-fee-amount,chose_other'));
    assert.ok(lines.includes('年费能不能免,faq-annual-fee-waiver,chosen'));
    assert.ok(lines.includes('境外刷卡,faq-overseas-fee,searched'));
    assert.ok(lines.includes('积分怎么查,faq-points-balance,shown'));
    // The masked question is quoted (it holds commas) and holds no full number.
    const masked = lines.find((l) => l.includes('faq-card-loss-report') && l.startsWith('"'));
    assert.ok(masked);
    assert.doesNotMatch(masked, /13812345678/);
    assert.match(out.join(''), /wrote 6 feedback rows/);
  });
});
