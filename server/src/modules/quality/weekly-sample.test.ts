import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import type { Ctx } from '../../platform/context.ts';
import { type InspectionView, reviewQueue } from './inspection.service.ts';
import { actorOf, inspectedCall } from './quality.fixtures.ts';
import { DEFAULT_SAMPLING, setSamplingRules } from './sampling.ts';
import { topUpWeeklySample, WEEKLY_SAMPLE_JOB, weekOverAt } from './weekly-sample.service.ts';

const CLEAN = ['您好,8001号客服很高兴为您服务', '好的,已经为您查询到了', '请问还有其他问题吗', '感谢您的来电,再见'];

describe('quality: the random share per agent per week', () => {
  let env: TestEnv;
  let qa: Ctx;
  before(async () => {
    env = await createTestEnv();
    qa = await actorOf(env, 'qa');
  });
  after(() => env.close());

  it('ends a week on the next Monday, 01:00 Beijing time', () => {
    assert.equal(weekOverAt('2026-11-02').toISOString(), '2026-11-08T17:00:00.000Z'); // a Monday
    assert.equal(weekOverAt('2026-11-08').toISOString(), '2026-11-08T17:00:00.000Z'); // its Sunday
    assert.equal(weekOverAt('2026-12-31').toISOString(), '2027-01-03T17:00:00.000Z');
  });

  it('tops the week up to the share when it is over, at random among unsampled results, once', async () => {
    // Nothing sampled while the week runs.
    await setSamplingRules(qa, { fatal: false, critical: false, scoreBelow: 0, complaint: false, randomShare: 0 });
    const calls: InspectionView[] = [];
    for (let i = 0; i < 4; i++) calls.push(await inspectedCall(env, CLEAN));
    assert.ok(calls.every((c) => c.status === 'auto' && c.sampleReasons.length === 0));
    const agentId = calls[0]?.agentId;
    assert.ok(agentId);
    const week = calls[0]?.week ?? '';
    assert.ok(calls.every((c) => c.week === week && c.agentId === agentId));

    // One job for the agent's week, due when the week is over.
    const jobs = await env.system.db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('kind', '=', WEEKLY_SAMPLE_JOB)
      .where('dedupe_key', '=', `qa-week:${agentId}:${week}`)
      .execute();
    assert.equal(jobs.length, 1);
    const due = new Date(jobs[0]?.run_at ?? '');
    assert.ok(due > env.clock.now());
    assert.equal(due.getUTCDay(), 0, 'Sunday 17:00 UTC is Monday 01:00 in Beijing');
    assert.equal(due.getUTCHours(), 17);

    // The lead raises the share before the week is over; the job queues ceil(50 % × 4) = 2.
    await setSamplingRules(qa, { ...DEFAULT_SAMPLING, randomShare: 0.5 });
    await env.runtime.worker.runDue();
    assert.equal((await reviewQueue(qa)).length, 0, 'not before the week is over');
    env.clock.set(due);
    await env.runtime.worker.runDue();
    const queued = (await reviewQueue(qa)).filter((i) => i.agentId === agentId);
    assert.equal(queued.length, 2);
    assert.ok(queued.every((i) => i.sampleReasons.includes('random') && calls.some((c) => c.id === i.id)));
    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'qa.sample_week')
      .execute();
    assert.equal(audited.length, 1);
    assert.deepEqual(JSON.parse(String(audited[0]?.details)).queued.sort(), queued.map((i) => i.id).sort());

    // Again: nothing more. A small share still means at least one a week, which is there already.
    assert.deepEqual(await topUpWeeklySample(env.system, agentId, week), []);
    await setSamplingRules(qa, { ...DEFAULT_SAMPLING, randomShare: 0.05 });
    assert.deepEqual(await topUpWeeklySample(env.system, agentId, week), []);
    // With every result of the week looked at, a share of 100 % queues the rest.
    await setSamplingRules(qa, { ...DEFAULT_SAMPLING, randomShare: 1 });
    assert.equal((await topUpWeeklySample(env.system, agentId, week)).length, 2);
    assert.equal((await reviewQueue(qa)).filter((i) => i.agentId === agentId).length, 4);
  });
});
