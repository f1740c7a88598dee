import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { GuardVerdictView, QaAppeal, QaInspection, QaInspectionDetail, QaStats } from '@carddesk/contracts';
import ExcelJS from 'exceljs';
import { createTestEnv, DEMO_PASSWORD, type TestEnv } from '../../../test/context.ts';
import { createUser } from '../../platform/auth/auth.service.ts';
import { listStaff } from '../../platform/auth/staff.ts';
import { call } from './quality.fixtures.ts';
import { publishedScorecard } from './scorecard.service.ts';

/** The quality module over HTTP: queue → review → release → appeal → re-inspect → ruling; scorecards; guard. */
describe('quality over HTTP', () => {
  let env: TestEnv;
  let contactId: string;
  let inspection: QaInspectionDetail;
  before(async () => {
    env = await createTestEnv();
    await createUser(
      env.system,
      {
        username: 'qa2',
        role: 'qa',
        displayName: '质检二',
        password: DEMO_PASSWORD,
        agentNo: null,
        departmentId: null,
      },
      { skipStrength: true },
    );
    const { contact } = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound' },
      201,
    );
    contactId = contact.id;
    for (const text of ['您好,8001号客服为您服务', '这个我也不知道', '请问还有其他问题吗', '感谢您的来电,再见']) {
      await call(env, 'agent', 'POST', `/api/contacts/${contactId}/turns`, { text }, 201);
    }
    await call(env, 'agent', 'PUT', `/api/contacts/${contactId}/classification`, { intents: ['statement_query'] });
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/close`, {
      outcome: 'resolved_first_contact',
      skipConfirmationReason: '客户来电后直接挂断电话',
    });
    await env.runtime.worker.runDue();
  });
  after(() => env.close());

  it('queues the closed contact for review with the transcript and the evidence of the forbidden phrase', async () => {
    const queue = await call<QaInspection[]>(env, 'qa', 'GET', '/api/qa/queue');
    const queued = queue.find((i) => i.contactId === contactId);
    assert.ok(queued, 'the sampled inspection is in the queue');
    inspection = await call<QaInspectionDetail>(env, 'qa', 'GET', `/api/qa/inspections/${queued.id}`);
    const forbidden = inspection.findings.find((f) => f.item === 'forbidden_words');
    assert.equal(forbidden?.result, 'fail');
    assert.equal(forbidden?.turn, 1);
    assert.equal(inspection.turns[1]?.speaker, 'agent');
    assert.ok(forbidden?.evidence && inspection.turns[1]?.text.includes(forbidden.evidence), forbidden?.evidence);
    assert.ok(inspection.items.some((i) => i.code === 'forbidden_words' && i.title.length > 0));
    // Not the agent's until released, nor another desk's role at all.
    await call(env, 'agent', 'GET', `/api/qa/inspections/${queued.id}`, undefined, 404);
    await call(env, 'kb_editor', 'GET', `/api/qa/inspections/${queued.id}`, undefined, 403);
    await call(env, 'agent', 'GET', '/api/qa/queue', undefined, 403);
  });

  it('confirms, releases; the agent sees it, appeals once; the inspector re-inspects; the supervisor rules', async () => {
    const forbidden = inspection.findings.find((f) => f.item === 'forbidden_words');
    assert.ok(forbidden);
    const reviewed = await call<QaInspection>(env, 'qa', 'POST', `/api/qa/findings/${forbidden.id}/review`, {
      decision: 'confirm',
    });
    assert.equal(reviewed.status, 'reviewed');
    assert.equal(reviewed.findings.find((f) => f.item === 'forbidden_words')?.review, 'confirmed');
    await call(env, 'agent', 'POST', `/api/qa/findings/${forbidden.id}/appeal`, { comment: '客户先说的' }, 409);
    await call(env, 'qa', 'POST', `/api/qa/inspections/${inspection.id}/release`);

    const mine = await call<{ inspections: QaInspection[]; trend: { week: string; count: number }[] }>(
      env,
      'agent',
      'GET',
      '/api/qa/me/results',
    );
    assert.ok(mine.inspections.some((i) => i.id === inspection.id));
    assert.ok(mine.trend.length >= 1);
    const seen = await call<QaInspectionDetail>(env, 'agent', 'GET', `/api/qa/inspections/${inspection.id}`);
    assert.equal(seen.turns.length, 4);

    const appeal = await call<QaAppeal>(
      env,
      'agent',
      'POST',
      `/api/qa/findings/${forbidden.id}/appeal`,
      { comment: '我是在复述客户的话,不是对客户说的' },
      201,
    );
    assert.equal(appeal.status, 'open');
    await call(env, 'agent', 'POST', `/api/qa/findings/${forbidden.id}/appeal`, { comment: '再申诉一次' }, 409);
    const inbox = await call<QaAppeal[]>(env, 'qa', 'GET', '/api/qa/appeals?status=open');
    assert.ok(inbox.some((a) => a.id === appeal.id));
    await call(
      env,
      'supervisor',
      'POST',
      `/api/qa/appeals/${appeal.id}/ruling`,
      { decision: 'upheld', note: '先复核' },
      409,
    );
    const re = await call<QaAppeal>(env, 'qa2', 'POST', `/api/qa/appeals/${appeal.id}/reinspect`, {
      decision: 'overturned',
      note: '语境为复述客户原话',
    });
    assert.equal(re.status, 'reinspected');
    const final = await call<QaAppeal>(env, 'supervisor', 'POST', `/api/qa/appeals/${appeal.id}/ruling`, {
      decision: 'overturned',
      note: '同意复核意见',
    });
    assert.equal(final.status, 'final');
    const after = await call<QaInspectionDetail>(env, 'agent', 'GET', `/api/qa/inspections/${inspection.id}`);
    assert.equal(after.findings.find((f) => f.item === 'forbidden_words')?.result, 'pass');
    assert.ok(after.score > inspection.score);
    assert.equal(after.appeals[0]?.finalDecision, 'overturned');
    await call(env, 'agent', 'POST', `/api/qa/findings/${forbidden.id}/appeal`, { comment: '再申诉一次' }, 409);
    const own = await call<QaAppeal[]>(env, 'agent', 'GET', '/api/qa/appeals');
    assert.deepEqual(
      own.map((a) => a.id),
      [appeal.id],
    );
  });

  it('drafts a scorecard version and has it published by a second inspector only', async () => {
    const cards = await call<{ code: string; versions: { id: string; status: string; definition: unknown }[] }[]>(
      env,
      'qa',
      'GET',
      '/api/qa/scorecards',
    );
    const card = cards[0];
    assert.ok(card);
    const published = card.versions.find((v) => v.status === 'published');
    assert.ok(published);
    const definition = published.definition as { passScore: number };
    await call(env, 'qa', 'POST', `/api/qa/scorecards/${card.code}/versions`, { definition: { passScore: 80 } }, 400);
    const draft = await call<{ id: string; version: number; status: string }>(
      env,
      'qa',
      'POST',
      `/api/qa/scorecards/${card.code}/versions`,
      { definition: { ...definition, passScore: 85 } },
      201,
    );
    assert.equal(draft.status, 'draft');
    await call(env, 'qa', 'POST', `/api/qa/scorecard-versions/${draft.id}/publish`, undefined, 403);
    const pub = await call<{ status: string }>(env, 'qa2', 'POST', `/api/qa/scorecard-versions/${draft.id}/publish`);
    assert.equal(pub.status, 'published');
    await call(env, 'supervisor', 'POST', `/api/qa/scorecard-versions/${draft.id}/publish`, undefined, 403);
  });

  it('runs a blind calibration round and reports the deviation from the lead', async () => {
    const { id } = await call<{ id: string }>(
      env,
      'qa',
      'POST',
      '/api/qa/calibrations',
      { inspectionId: inspection.id },
      201,
    );
    await call(env, 'qa', 'PUT', `/api/qa/calibrations/${id}/results`, { results: { forbidden_words: 'fail' } }, 204);
    await call(env, 'qa2', 'PUT', `/api/qa/calibrations/${id}/results`, { results: { forbidden_words: 'pass' } }, 204);
    const rounds = await call<{ id: string; submitted: boolean }[]>(env, 'qa2', 'GET', '/api/qa/calibrations');
    assert.equal(rounds.find((r) => r.id === id)?.submitted, true);
    const report = await call<{
      leadName: string;
      inspectors: { name: string; deviation: number }[];
      items: { item: string; title: string; deviation: number }[];
    }>(env, 'qa', 'POST', `/api/qa/calibrations/${id}/close`);
    assert.equal(report.items.find((i) => i.item === 'forbidden_words')?.deviation, 1);
    assert.equal(report.items.find((i) => i.item === 'forbidden_words')?.title, '未使用服务禁语');
    assert.deepEqual(
      report.inspectors.map((i) => [i.name, i.deviation]),
      [['质检二', 1]],
    );
  });

  it('the QA lead sets the sampling rules (audited); supervisors read them; a share over 100 % is refused', async () => {
    const initial = await call<{ randomShare: number; fatal: boolean }>(
      env,
      'supervisor',
      'GET',
      '/api/qa/sampling-rules',
    );
    assert.equal(initial.fatal, true);
    const rules = { fatal: true, critical: true, scoreBelow: 70, complaint: false, randomShare: 0.1 };
    assert.deepEqual(await call(env, 'qa', 'PUT', '/api/qa/sampling-rules', rules), rules);
    assert.deepEqual(await call(env, 'supervisor', 'GET', '/api/qa/sampling-rules'), rules);
    await call(env, 'qa', 'PUT', '/api/qa/sampling-rules', { ...rules, randomShare: 1.5 }, 400);
    await call(env, 'supervisor', 'PUT', '/api/qa/sampling-rules', rules, 403);
    const trail = await env.system.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'qa.sampling_set')
      .execute();
    assert.equal(trail.length, 1);
    assert.equal(JSON.parse(String(trail[0]?.details)).randomShare, 0.1);
  });

  it('guards a draft that asks for the CVV2 (blocking) and names a forbidden phrase (warning)', async () => {
    const cvv = await call<GuardVerdictView>(env, 'agent', 'POST', '/api/qa/guard', {
      channel: 'chat',
      text: '请把卡背面的三位安全码告诉我',
    });
    assert.equal(cvv.blocked, true);
    assert.ok(cvv.warnings.some((w) => w.item === 'no_sensitive_request' && w.blocking && w.title.length > 0));
    const rude = await call<GuardVerdictView>(env, 'agent', 'POST', '/api/qa/guard', {
      channel: 'chat',
      text: '这个不归我管',
    });
    assert.equal(rude.blocked, false);
    assert.deepEqual(
      rude.warnings.map((w) => w.item),
      ['forbidden_words'],
    );
    const fine = await call<GuardVerdictView>(env, 'agent', 'POST', '/api/qa/guard', {
      channel: 'chat',
      text: '好的,我来帮您查询账单',
    });
    assert.deepEqual(fine, { warnings: [], blocked: false });
    await call(env, 'qa', 'POST', '/api/qa/guard', { channel: 'chat', text: '你好' }, 403);
  });

  it('gives the supervisor per item, agent and team figures', async () => {
    const stats = await call<QaStats>(env, 'supervisor', 'GET', '/api/qa/stats');
    const item = stats.items.find((i) => i.item === 'forbidden_words');
    assert.ok(item && item.applicable >= 1);
    assert.ok(item.appealsOverturned >= 1);
    assert.ok(stats.agents.some((a) => a.agentNo === '8001' && a.inspections >= 1));
    assert.ok(stats.teams.reduce((n, t) => n + t.inspections, 0) >= 1);
    await call(env, 'agent', 'GET', '/api/qa/stats', undefined, 403);
  });

  it('exports the results per contact to Excel: Chinese headings, Beijing time, every item', async () => {
    const res = await env.request({ method: 'GET', url: '/api/qa/results.xlsx', as: 'supervisor' });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="qa-results\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('质检结果');
    assert.ok(ws);
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    assert.equal(headers[0], '质检时间(北京时间 UTC+8)');
    for (const h of ['联络编号', '坐席工号', '渠道', '得分', '是否合格', '致命项']) assert.ok(headers.includes(h), h);
    const col = (h: string) => headers.indexOf(h) + 1;
    const detail = await call<QaInspectionDetail>(env, 'qa', 'GET', `/api/qa/inspections/${inspection.id}`);
    const forbidden = detail.items.find((i) => i.code === 'forbidden_words');
    assert.ok(forbidden && headers.includes(forbidden.title), 'item columns are titled in words');
    const rows = ws.getRows(2, ws.rowCount - 1) ?? [];
    const row = rows.find((r) => r.getCell(col('联络编号')).value === contactId);
    assert.ok(row, 'the inspected contact has a row');
    assert.match(String(row.getCell(1).value), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.equal(row.getCell(col('坐席工号')).value, '8001');
    assert.equal(row.getCell(col('渠道')).value, '电话');
    assert.equal(row.getCell(col('得分')).value, detail.score);
    assert.equal(row.getCell(col('是否合格')).value, detail.passed ? '合格' : '不合格');
    assert.equal(row.getCell(col('致命项')).value, detail.fatal ? '是' : '否');
    const finding = detail.findings.find((f) => f.item === 'forbidden_words');
    const label = { pass: '通过', fail: '不通过', 'n/a': '不适用' }[finding?.result ?? 'n/a'];
    assert.equal(row.getCell(col(forbidden.title)).value, label);
    assert.ok(wb.getWorksheet('说明'));
    const agent = await env.request({ method: 'GET', url: '/api/qa/results.xlsx', as: 'agent' });
    assert.equal(agent.statusCode, 403);
  });
});

/** A busy centre inspects every contact: tens of thousands of inspections in one period. */
describe('quality statistics over a busy period', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('counts more inspections than a database takes query parameters (SQLite 32,766; PostgreSQL 65,535)', async () => {
    const { versionId } = await publishedScorecard(env.system);
    const [agent] = await listStaff(env.system.db, { usernames: ['agent'] });
    assert.ok(agent);
    const count = 66_000;
    const at = env.clock.now().toISOString();
    for (let start = 0; start < count; start += 1000) {
      const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => ({
        id: `bulk-${String(start + k).padStart(6, '0')}`,
        contact_id: null,
        external_id: `bulk-${start + k}`,
        scorecard_version_id: versionId,
        agent_id: agent.id,
        agent_no: agent.agentNo,
        channel: 'phone',
        week: '2026-W45',
        complaint: 0,
        auto_score_tenths: 900,
        score_tenths: 900,
        passed: 1,
        fatal: 0,
        status: 'auto',
        sample_reasons: '[]',
        reviewed_by: null,
        reviewed_at: null,
        released_at: null,
        created_at: at,
      }));
      await env.system.db.insertInto('qa_inspections').values(rows).execute();
    }
    const stats = await call<QaStats>(env, 'qa', 'GET', '/api/qa/stats');
    assert.equal(stats.agents.find((a) => a.agentId === agent.id)?.inspections, count);
  });
});
