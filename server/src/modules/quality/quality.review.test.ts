import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { QaInspectionDetail } from '@carddesk/contracts';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { createUser } from '../../platform/auth/auth.service.ts';
import { listStaff } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { calibrationReport, closeCalibration, startCalibration, submitCalibration } from './calibration.service.ts';
import { getInspection, type InspectionView, reviewQueue } from './inspection.service.ts';
import { qaStats } from './portal.service.ts';
import { actorOf, call, inspectedCall, rejects } from './quality.fixtures.ts';
import {
  fileAppeal,
  overturnRates,
  reinspectAppeal,
  releaseInspection,
  reviewFinding,
  ruleAppeal,
} from './review.service.ts';

/** A phone contact by the demo agent with the given agent lines, closed and inspected. */
describe('quality: review, release, appeals and calibration', () => {
  let env: TestEnv;
  let qa: Ctx;
  let qa2: Ctx;
  let agent: Ctx;
  let supervisor: Ctx;
  let inspection: InspectionView;
  before(async () => {
    env = await createTestEnv();
    await createUser(
      env.system,
      {
        username: 'qa2',
        role: 'qa',
        displayName: '质检二',
        password: 'Qa-second-1234!',
        agentNo: null,
        departmentId: null,
      },
      { skipStrength: true },
    );
    qa = await actorOf(env, 'qa');
    qa2 = await actorOf(env, 'qa2');
    agent = await actorOf(env, 'agent');
    supervisor = await actorOf(env, 'supervisor');
    inspection = await inspectedCall(env, [
      // No agent ID in the greeting: a failed finding for the agent to appeal.
      '您好,很高兴为您服务',
      '这个我也不知道',
      '请问还有其他问题吗',
      '感谢您的来电,再见',
    ]);
  });
  after(() => env.close());

  it('queues a result with a forbidden phrase; the agent cannot see it before release', async () => {
    assert.equal(inspection.status, 'queued');
    assert.ok((await reviewQueue(qa)).some((i) => i.id === inspection.id));
    await assert.rejects(getInspection(agent, inspection.id), rejects('QA_INSPECTION_NOT_FOUND'));
    await assert.rejects(reviewQueue(agent), rejects('FORBIDDEN'));
  });

  it('the inspector overturns a finding and the score follows; confirming keeps it', async () => {
    const forbidden = inspection.findings.find((f) => f.item === 'forbidden_words');
    const greeting = inspection.findings.find((f) => f.item === 'greeting_agent_id');
    assert.equal(forbidden?.result, 'fail');
    assert.equal(inspection.passed, false);
    const confirmed = await reviewFinding(qa, greeting?.id ?? '', { decision: 'confirm' });
    assert.equal(confirmed.score, inspection.score);
    const after = await reviewFinding(qa, forbidden?.id ?? '', {
      decision: 'overturn',
      note: '客户原话引用,非坐席禁语',
    });
    assert.equal(after.findings.find((f) => f.item === 'forbidden_words')?.result, 'pass');
    assert.equal(after.findings.find((f) => f.item === 'forbidden_words')?.autoResult, 'fail');
    assert.ok(after.score > inspection.score);
    assert.equal(after.status, 'reviewed');
    assert.equal(after.passed, true);
  });

  it('releases to the agent, who appeals once; inspector re-inspects, supervisor rules finally', async () => {
    await releaseInspection(qa, inspection.id);
    await assert.rejects(
      reviewFinding(qa, inspection.findings[0]?.id ?? '', { decision: 'confirm' }),
      rejects('QA_ALREADY_RELEASED'),
    );
    const mine = await getInspection(agent, inspection.id);
    assert.equal(mine.status, 'released');
    // Only a failed finding is appealed: overturning a pass could only lower the score, an n/a changes nothing.
    const passed = mine.findings.find((f) => f.item === 'confirm_satisfaction');
    const notApplicable = mine.findings.find((f) => f.result === 'n/a');
    assert.equal(passed?.result, 'pass');
    assert.ok(notApplicable);
    await assert.rejects(fileAppeal(agent, passed.id, '这一项我也想申诉一下'), rejects('QA_APPEAL_NOT_FAILED'));
    await assert.rejects(fileAppeal(agent, notApplicable.id, '这一项我也想申诉一下'), rejects('QA_APPEAL_NOT_FAILED'));
    const closing = mine.findings.find((f) => f.item === 'greeting_agent_id');
    assert.equal(closing?.result, 'fail');
    assert.ok(closing);
    const appealed = await fileAppeal(agent, closing.id, '我在开场时报过工号,录音可查');
    assert.equal(appealed.status, 'open');
    await assert.rejects(fileAppeal(agent, closing.id, '再申诉一次'), rejects('QA_APPEAL_EXISTS'));
    await assert.rejects(fileAppeal(supervisor, closing.id, '不是本人'), rejects('FORBIDDEN'));
    await assert.rejects(
      ruleAppeal(supervisor, appealed.id, { decision: 'overturned', note: '跳步' }),
      rejects('QA_APPEAL_WRONG_STEP'),
    );
    await reinspectAppeal(qa2, appealed.id, { decision: 'overturned', note: '复核录音,确有确认' });
    await assert.rejects(
      ruleAppeal(qa, appealed.id, { decision: 'overturned', note: '质检不能终审' }),
      rejects('FORBIDDEN'),
    );
    const before = (await getInspection(qa, inspection.id)).findings.find((f) => f.id === closing.id)?.result;
    const final = await ruleAppeal(supervisor, appealed.id, { decision: 'overturned', note: '同意复核意见' });
    assert.equal(final.status, 'final');
    const now = await getInspection(qa, inspection.id);
    assert.notEqual(now.findings.find((f) => f.id === closing.id)?.result, before);
    await assert.rejects(fileAppeal(agent, closing.id, '终审后再申诉'), rejects('QA_APPEAL_FINAL'));
    await assert.rejects(
      reinspectAppeal(qa, appealed.id, { decision: 'upheld', note: 'x' }),
      rejects('QA_APPEAL_FINAL'),
    );
    const trail = await env.system.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'qa.%')
      .orderBy('seq')
      .execute();
    const actions = trail.map((t) => t.action);
    for (const a of [
      'qa.inspect',
      'qa.review',
      'qa.release',
      'qa.appeal_file',
      'qa.appeal_reinspect',
      'qa.appeal_rule',
    ]) {
      assert.ok(actions.includes(a), a);
    }
    const rates = await overturnRates(qa);
    const forbidden = rates.find((r) => r.item === 'forbidden_words');
    assert.equal(forbidden?.reviewOverturned, 1);
    assert.equal(forbidden?.reviewed, 1);
    assert.equal(forbidden?.reviewOverturnRate, 1);
    // The greeting was reviewed and confirmed: reviewed, none overturned.
    const greeting = rates.find((r) => r.item === 'greeting_agent_id');
    assert.deepEqual([greeting?.reviewed, greeting?.reviewOverturned, greeting?.reviewOverturnRate], [1, 0, 0]);
    const appealedItem = rates.find((r) => r.item === closing.item);
    assert.deepEqual(
      [appealedItem?.appeals, appealedItem?.appealsOverturned, appealedItem?.appealOverturnRate],
      [1, 1, 1],
    );
    // The QA lead's figures carry the rates per item (an empty period has none).
    const stats = await qaStats(qa, {});
    const row = stats.items.find((i) => i.item === 'forbidden_words');
    assert.deepEqual([row?.reviewed, row?.reviewOverturned, row?.reviewOverturnRate], [1, 1, 1]);
    assert.deepEqual(await overturnRates(qa, { from: '2000-01-01', to: '2000-01-02' }), []);
    const empty = await qaStats(qa, { from: '2000-01-01', to: '2000-01-02' });
    assert.deepEqual(empty.items, []);
  });

  it('keeps no full number read out in Chinese digits or said in parts, in the transcript or the evidence', async () => {
    const spoken = '六二二五 八八零零 零零零零 一二三四';
    const view = await inspectedCall(env, [
      '您好,8001号客服为您服务',
      `您的卡号是${spoken}对吧`,
      '卡号前八位是62258800,后八位是00001234',
      '您预留的手机号是幺三八零零一三八零零零吗',
      '请问还有其他问题吗',
      '感谢您的来电,再见',
    ]);
    const detail = await call<QaInspectionDetail>(env, 'qa', 'GET', `/api/qa/inspections/${view.id}`);
    const finding = detail.findings.find((f) => f.item === 'no_full_number');
    assert.equal(finding?.result, 'fail', 'the agent is still held to account');
    const shown = [...detail.turns.map((t) => t.text), ...detail.findings.map((f) => f.evidence)].join('\n');
    for (const full of [spoken, '六二二五', '62258800', '幺三八零零一三八零零零']) {
      assert.ok(!shown.includes(full), `${full} in ${shown}`);
    }
    assert.ok(
      detail.turns.some((t) => t.text.includes('一二三四')),
      'the last four stay',
    );
  });

  it('masks card, ID and mobile numbers typed into appeal comments and review, re-inspection and ruling notes', async () => {
    const numbers = '卡号6225880000001234,身份证110105198503150019,手机13800138000';
    const view = await inspectedCall(env, ['您好,很高兴为您服务', '请问还有其他问题吗', '感谢您的来电,再见']);
    const greeting = view.findings.find((f) => f.item === 'greeting_agent_id');
    assert.equal(greeting?.result, 'fail');
    assert.ok(greeting);
    const reviewed = await reviewFinding(qa, greeting.id, { decision: 'confirm', note: `复核:${numbers}` });
    await releaseInspection(qa, view.id);
    const appeal = await fileAppeal(agent, greeting.id, `客户说的:${numbers}`);
    const re = await reinspectAppeal(qa2, appeal.id, { decision: 'upheld', note: `复核:${numbers}` });
    const final = await ruleAppeal(supervisor, appeal.id, { decision: 'upheld', note: `终审:${numbers}` });
    const stored = [
      reviewed.findings.find((f) => f.id === greeting.id)?.reviewNote,
      appeal.comment,
      re.inspectorNote,
      final.finalNote,
    ].join('\n');
    for (const full of ['6225880000001234', '110105198503150019', '13800138000']) {
      assert.ok(!stored.includes(full), `${full} in ${stored}`);
    }
  });

  it('calibration is blind until the lead closes it, and leaves the result alone', async () => {
    const before = await getInspection(qa, inspection.id);
    const { id } = await startCalibration(qa, inspection.id);
    await submitCalibration(qa, id, { forbidden_words: 'fail', greeting_agent_id: 'pass' });
    await submitCalibration(qa2, id, { forbidden_words: 'pass', greeting_agent_id: 'pass' });
    await assert.rejects(calibrationReport(qa2, id), rejects('QA_CALIBRATION_CLOSED'));
    await assert.rejects(closeCalibration(qa2, id), rejects('QA_CALIBRATION_LEAD_ONLY'));
    await assert.rejects(submitCalibration(qa2, id, { nope: 'pass' }), rejects('VALIDATION_FAILED'));
    // Without the lead's own scores there is no reference: the round stays open.
    const second = await startCalibration(qa, inspection.id);
    await submitCalibration(qa2, second.id, { forbidden_words: 'pass' });
    await assert.rejects(closeCalibration(qa, second.id), rejects('QA_CALIBRATION_NO_REFERENCE'));
    await assert.rejects(calibrationReport(qa, second.id), rejects('QA_CALIBRATION_CLOSED'));
    const report = await closeCalibration(qa, id);
    // Inspectors and the lead by their display names from the staff directory, items by their titles.
    const [lead] = await listStaff(env.system.db, { usernames: ['qa'] });
    assert.equal(report.leadId, qa.actor.userId);
    assert.equal(report.leadName, lead?.displayName);
    assert.deepEqual(report.inspectors, [
      { inspectorId: qa2.actor.userId, name: '质检二', compared: 2, differ: 1, deviation: 0.5 },
    ]);
    assert.deepEqual(
      report.items.map((i) => [i.item, i.title, i.deviation]),
      [
        ['forbidden_words', '未使用服务禁语', 1],
        ['greeting_agent_id', '开场问候并报工号', 0],
      ],
    );
    await assert.rejects(submitCalibration(qa2, id, { forbidden_words: 'fail' }), rejects('QA_CALIBRATION_CLOSED'));
    const after = await getInspection(qa, inspection.id);
    assert.deepEqual(after.findings, before.findings);
    assert.equal(after.score, before.score);
  });
});
