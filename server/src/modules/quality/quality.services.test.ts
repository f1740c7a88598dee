import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { createUser } from '../../platform/auth/auth.service.ts';
import { luhnCheckDigit } from '../../platform/pii/validators.ts';
import { listTurns, startChatContact } from '../contacts/index.ts';
import { defaultScorecard } from './engine/default-scorecard.ts';
import { INSPECT_CONTACT_JOB, inspectionOfContact } from './inspection.service.ts';
import { actorOf, call, demoCustomerId, rejects } from './quality.fixtures.ts';
import {
  createScorecard,
  draftScorecardVersion,
  listScorecardVersions,
  publishedScorecard,
  publishScorecardVersion,
} from './scorecard.service.ts';

describe('quality: scorecards, the inspection of every closed contact, the guard in the chat send path', () => {
  let env: TestEnv;
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
  });
  after(() => env.close());

  it('has the guide’s default scorecard published as version 1 at start', async () => {
    const { version, scorecard } = await publishedScorecard(env.system);
    assert.equal(version, 1);
    assert.deepEqual(
      scorecard.definition.items.map((i) => i.code),
      defaultScorecard().items.map((i) => i.code),
    );
  });

  it('inspects a closed phone contact in a job the close scheduled, and queues it for review', async () => {
    const { contact } = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound' },
      201,
    );
    const id = contact.id;
    const turn = (text: string, speaker: 'agent' | 'customer' = 'agent') =>
      call(env, 'agent', 'POST', `/api/contacts/${id}/turns`, { text, speaker }, 201);
    await turn('您好,8001号客服很高兴为您服务');
    await turn('我的年费怎么又扣了', 'customer');
    await call(env, 'agent', 'POST', `/api/contacts/${id}/stage`, { stage: 'need' });
    await call(env, 'agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['statement_query'] });
    await call(env, 'agent', 'POST', `/api/contacts/${id}/stage`, { stage: 'handle' });
    await turn('这个不归我管,你自己去查');
    await call(env, 'agent', 'POST', `/api/contacts/${id}/stage`, { stage: 'confirm' });
    await turn('请问还有其他问题吗');
    await call(env, 'agent', 'POST', `/api/contacts/${id}/close`, { outcome: 'resolved_first_contact' });

    const job = await env.system.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', INSPECT_CONTACT_JOB)
      .where('dedupe_key', '=', `qa-inspect:${id}`)
      .executeTakeFirst();
    assert.ok(job, 'the close scheduled the inspection');
    assert.ok(Date.parse(job.run_at) <= env.clock.now().getTime(), 'due at once');
    await env.runtime.worker.runDue();

    const qa = await actorOf(env, 'qa');
    const inspection = await inspectionOfContact(qa, id);
    assert.ok(inspection);
    const forbidden = inspection.findings.find((f) => f.item === 'forbidden_words');
    assert.equal(forbidden?.result, 'fail');
    assert.match(forbidden?.evidence ?? '', /不归我管/);
    assert.equal(
      inspection.findings.find((f) => f.item === 'closing_phrase')?.result,
      'fail',
      'a call has no closing script',
    );
    assert.equal(inspection.findings.find((f) => f.item === 'timely_reply')?.result, 'n/a');
    assert.equal(inspection.passed, false);
    assert.equal(inspection.status, 'queued');
    assert.ok(inspection.sampleReasons.includes('critical'));
    assert.equal(inspection.agentNo, '8001');
    const audited = await env.system.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'qa.inspect')
      .where('entity_id', '=', inspection.id)
      .executeTakeFirst();
    assert.ok(audited);

    // A job that runs again finds the inspection there.
    const { inspectContact } = await import('./inspection.service.ts');
    const again = await inspectContact(env.system, id);
    assert.equal(again.id, inspection.id);
  });

  it('blocks a chat reply that asks for the CVV2, and lets a warned but not fatal one through', async () => {
    const chat = await startChatContact(env.system, { customerId: await demoCustomerId(env.system), level: 'basic' });
    await call(env, 'agent', 'POST', `/api/contacts/${chat.id}/accept`);
    const res = await env.request({
      method: 'POST',
      url: `/api/contacts/${chat.id}/turns`,
      as: 'agent',
      payload: { text: '为了核实身份,请把卡背面的三位数字告诉我' },
    });
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json() as { error: { code: string; details: Array<{ item: string }> } };
    assert.equal(body.error.code, 'QA_GUARD_BLOCKED');
    assert.deepEqual(
      body.error.details.map((d) => d.item),
      ['no_sensitive_request'],
    );
    const turns = await listTurns(env.system.db, chat.id, 0, 500);
    assert.ok(!turns.some((t) => t.text.includes('三位数字')), 'the blocked reply was not stored');
    await call(env, 'agent', 'POST', `/api/contacts/${chat.id}/turns`, { text: '好的,我来帮您查询' }, 201);
  });

  it('blocks the second half of a card number split over two chat replies', async () => {
    const chat = await startChatContact(env.system, { customerId: await demoCustomerId(env.system), level: 'basic' });
    await call(env, 'agent', 'POST', `/api/contacts/${chat.id}/accept`);
    await call(env, 'agent', 'POST', `/api/contacts/${chat.id}/turns`, { text: '您的卡号前八位是62258800' }, 201);
    const res = await env.request({
      method: 'POST',
      url: `/api/contacts/${chat.id}/turns`,
      as: 'agent',
      payload: { text: '后八位是00001234' },
    });
    assert.equal(res.statusCode, 422, res.body);
    const body = res.json() as { error: { code: string; details: Array<{ item: string }> } };
    assert.deepEqual(
      body.error.details.map((d) => d.item),
      ['no_full_number'],
    );
    const turns = await listTurns(env.system.db, chat.id, 0, 500);
    assert.ok(!turns.some((t) => t.text.includes('00001234')), 'the second half was not sent');
    // Eight digits of something else after it are no card number.
    await call(env, 'agent', 'POST', `/api/contacts/${chat.id}/turns`, { text: '您的受理编号是20261207' }, 201);
  });

  it('marks an agent turn that held a full card number when it is stored, so the inspection fails it after the close', async () => {
    const { contact } = await call<{ contact: { id: string } }>(
      env,
      'agent',
      'POST',
      '/api/contacts',
      { channel: 'phone', direction: 'inbound' },
      201,
    );
    const id = contact.id;
    const turn = (text: string, speaker: 'agent' | 'customer' = 'agent') =>
      call(env, 'agent', 'POST', `/api/contacts/${id}/turns`, { text, speaker }, 201);
    const pan = `622588123456781${luhnCheckDigit('622588123456781')}`;
    await turn('您好,8001号客服很高兴为您服务');
    await turn(`我的卡号是${pan}`, 'customer');
    await call(env, 'agent', 'POST', `/api/contacts/${id}/stage`, { stage: 'need' });
    await call(env, 'agent', 'PUT', `/api/contacts/${id}/classification`, { intents: ['statement_query'] });
    await call(env, 'agent', 'POST', `/api/contacts/${id}/stage`, { stage: 'handle' });
    await turn(`好的,您尾号${pan.slice(-4)}的卡已经查到了`);
    await turn(`核对一下,您的卡号是${pan.slice(0, 4)} ${pan.slice(4, 8)} ${pan.slice(8, 12)} ${pan.slice(12)}`);
    await call(env, 'agent', 'POST', `/api/contacts/${id}/stage`, { stage: 'confirm' });
    await turn('请问还有其他问题吗');
    await turn('感谢您的来电,再见');
    await call(env, 'agent', 'POST', `/api/contacts/${id}/close`, { outcome: 'resolved_first_contact' });

    const stored = await listTurns(env.system.db, id, 0, 500);
    assert.ok(!stored.some((t) => t.text.replace(/\s/g, '').includes(pan)), 'no full number is stored');
    assert.deepEqual(
      stored.filter((t) => t.marks).map((t) => [t.speaker, t.marks]),
      [['agent', '["card"]']],
      'only the agent turn with the full number is marked (not the customer saying it, not the last four)',
    );

    await env.runtime.worker.runDue();
    const inspection = await inspectionOfContact(await actorOf(env, 'qa'), id);
    const f = inspection?.findings.find((x) => x.item === 'no_full_number');
    assert.equal(f?.result, 'fail');
    assert.equal(
      f?.turn,
      stored.findIndex((t) => t.marks),
    );
    assert.match(f?.evidence ?? '', /完整卡号/);
    assert.equal(inspection?.fatal, true);
    assert.equal(inspection?.score, 0);
  });

  it('publishes a scorecard version only by a second person, retiring the one in force', async () => {
    const qa = await actorOf(env, 'qa');
    const qa2 = await actorOf(env, 'qa2');
    const agent = await actorOf(env, 'agent');
    const def = defaultScorecard();
    def.passScore = 85;
    await assert.rejects(draftScorecardVersion(agent, 'default', def), rejects('FORBIDDEN'));
    await assert.rejects(draftScorecardVersion(qa, 'default', { ...def, items: [] }), rejects('QA_SCORECARD_INVALID'));
    const draft = await draftScorecardVersion(qa, 'default', def);
    assert.equal(draft.version, 2);
    assert.equal(draft.status, 'draft');
    await assert.rejects(publishScorecardVersion(qa, draft.id), rejects('QA_SCORECARD_SAME_PERSON'));
    const published = await publishScorecardVersion(qa2, draft.id);
    assert.equal(published.status, 'published');
    await assert.rejects(publishScorecardVersion(qa2, draft.id), rejects('QA_SCORECARD_VERSION_NOT_DRAFT'));
    const versions = await listScorecardVersions(qa, 'default');
    assert.deepEqual(
      versions.map((v) => [v.version, v.status]),
      [
        [2, 'published'],
        [1, 'retired'],
      ],
    );
    const now = await publishedScorecard(env.system);
    assert.equal(now.version, 2);
    assert.equal(now.scorecard.definition.passScore, 85);
  });

  it('keeps one version in force when two drafts are published at the same moment', async () => {
    const qa = await actorOf(env, 'qa');
    const qa2 = await actorOf(env, 'qa2');
    const first = await createScorecard(qa, { code: 'race_card', name: '并发发布', definition: defaultScorecard() });
    const second = await draftScorecardVersion(qa, 'race_card', defaultScorecard());
    const third = await draftScorecardVersion(qa, 'race_card', defaultScorecard());
    await Promise.allSettled([first, second, third].map((v) => publishScorecardVersion(qa2, v.id)));
    const versions = await listScorecardVersions(qa, 'race_card');
    const inForce = versions.filter((v) => v.status === 'published');
    assert.equal(inForce.length, 1, JSON.stringify(versions.map((v) => [v.version, v.status])));
  });

  it('refuses to publish a draft older than the version in force (it would roll the scorecard back)', async () => {
    const qa = await actorOf(env, 'qa');
    const qa2 = await actorOf(env, 'qa2');
    await createScorecard(qa, { code: 'stale_card', name: '旧草稿', definition: defaultScorecard() });
    const older = await draftScorecardVersion(qa, 'stale_card', { ...defaultScorecard(), passScore: 70 });
    const newer = await draftScorecardVersion(qa, 'stale_card', { ...defaultScorecard(), passScore: 90 });
    await publishScorecardVersion(qa2, newer.id);
    await assert.rejects(publishScorecardVersion(qa2, older.id), rejects('QA_SCORECARD_DRAFT_STALE'));
    const versions = await listScorecardVersions(qa, 'stale_card');
    assert.deepEqual(
      versions.filter((v) => v.status === 'published').map((v) => v.version),
      [newer.version],
    );
  });
});
