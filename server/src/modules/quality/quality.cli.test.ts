import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { runCli } from '../../cli/main.ts';
import { generateKeySpec } from '../../platform/pii/keyring.ts';
import { DEFAULT_ITEM_CODES } from './engine/default-scorecard.ts';

async function carddesk(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('carddesk qa inspect', () => {
  let db: TestDatabase;
  let dir: string;
  const saved = { ...process.env };
  before(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'carddesk-qa-'));
    process.env.DATABASE_URL = db.url;
    process.env.CARDDESK_MASTER_KEY = generateKeySpec('c1');
    process.env.CARDDESK_DEMO = '0';
  });
  after(async () => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('prints one line per transcript with exactly the public fields', async () => {
    const file = join(dir, 't.jsonl');
    const lines = [
      {
        id: 'c1',
        channel: 'chat',
        agentNo: '8001',
        turns: [
          { role: 'agent', text: '您好,8001号客服很高兴为您服务', at: '2026-11-02T02:00:00Z' },
          { role: 'customer', text: '我想查账单', at: '2026-11-02T02:00:10Z' },
          { role: 'agent', text: '请提供一下您卡背面的三位数字', at: '2026-11-02T02:02:00Z' },
        ],
      },
      { id: 'p1', channel: 'phone', agentNo: '8002', turns: [{ role: 'agent', text: '您好,工号八零零二为您服务' }] },
      {
        id: 'p2',
        channel: 'phone',
        agentNo: '8003',
        turns: [{ role: 'agent', text: '您好,8003号为您服务,您的卡号是6225880000001234对吗' }],
      },
    ];
    writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`);
    const r = await carddesk('qa', 'inspect', '--transcripts', file, '--json');
    assert.equal(r.code, 0, r.err);
    const printed = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(printed.length, 3);
    // The failing evidence names the turn, but a full number in it is printed masked, as the desk shows it.
    const p2 = printed[2] as { findings: Array<{ item: string; result: string; evidence: string | null }> };
    const full = p2.findings.find((f) => f.item === 'no_full_number');
    assert.equal(full?.result, 'fail');
    assert.ok(!r.out.includes('6225880000001234'), r.out);
    assert.match(full?.evidence ?? '', /\*{12}1234/);
    const [chat, call] = printed as Array<{
      id: string;
      score: number;
      passed: boolean;
      fatal: boolean;
      findings: Array<Record<string, unknown>>;
    }>;
    assert.deepEqual(Object.keys(chat ?? {}), ['id', 'score', 'passed', 'fatal', 'findings']);
    assert.deepEqual(
      chat?.findings.map((f) => f.item),
      [...DEFAULT_ITEM_CODES],
    );
    for (const f of chat?.findings ?? []) assert.deepEqual(Object.keys(f), ['item', 'result', 'turn', 'evidence']);
    assert.equal(chat?.fatal, true);
    assert.equal(chat?.score, 0);
    assert.deepEqual(
      chat?.findings.find((f) => f.item === 'no_sensitive_request'),
      { item: 'no_sensitive_request', result: 'fail', turn: 2, evidence: '提供一下您卡背面的三位数字' },
    );
    assert.equal(chat?.findings.find((f) => f.item === 'timely_reply')?.result, 'fail');
    assert.equal(call?.id, 'p1');
    assert.equal(call?.findings.find((f) => f.item === 'greeting_agent_id')?.result, 'pass');
    assert.equal(call?.findings.find((f) => f.item === 'timely_reply')?.result, 'n/a');
  });

  it('reports a bad line and an unknown scorecard, with exit code 1', async () => {
    const file = join(dir, 'bad.jsonl');
    writeFileSync(file, '{"id":"x","channel":"fax","turns":[]}\nnot json\n');
    const r = await carddesk('qa', 'inspect', '--transcripts', file, '--json');
    assert.equal(r.code, 1);
    assert.deepEqual(
      r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
      [
        { id: 'x', error: 'invalid transcript' },
        { id: 'line 2', error: 'invalid JSON' },
      ],
    );
    const unknown = await carddesk('qa', 'inspect', '--transcripts', file, '--scorecard', 'nope', '--json');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /QA_SCORECARD_NOT_FOUND/);
  });
});
