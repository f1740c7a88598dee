import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestEnv } from '../../../test/context.ts';
import { call, contactsTestEnv } from './contacts.fixtures.ts';

interface Canned {
  id: string;
  title: string;
  text: string;
}

/** 常用语 (issue 21 §2): editable per team by its leads, read by everyone on the team, nobody else's. */
describe('canned replies per team', () => {
  let env: TestEnv;
  before(async () => {
    env = await contactsTestEnv();
  });
  after(() => env.close());

  it('a supervisor adds and edits the team’s replies; agents of the team read them', async () => {
    const made = await call<Canned>(env, 'supervisor', 'POST', '/api/canned-replies', {
      title: '稍等',
      text: '请您稍等,马上为您查询。',
    });
    const edited = await call<Canned>(env, 'supervisor', 'PUT', `/api/canned-replies/${made.id}`, {
      title: '稍等',
      text: '好的,请您稍等,我马上为您查询。',
    });
    assert.equal(edited.text, '好的,请您稍等,我马上为您查询。');
    const list = await call<Canned[]>(env, 'agent', 'GET', '/api/canned-replies');
    assert.equal(list.find((c) => c.id === made.id)?.text, '好的,请您稍等,我马上为您查询。');
    const audit = await env.system.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', made.id)
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['canned_reply.create', 'canned_reply.update']);
  });

  it('an agent may not edit them, and another department does not see them', async () => {
    const res = await env.request({
      method: 'POST',
      url: '/api/canned-replies',
      as: 'agent',
      payload: { title: 'x', text: 'y' },
    });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await call<Canned[]>(env, 'dept_handler', 'GET', '/api/canned-replies'), []);
  });

  it('stores card numbers typed into a reply masked', async () => {
    const made = await call<Canned>(env, 'supervisor', 'POST', '/api/canned-replies', {
      title: '示例',
      text: '卡号 6222600200001234 已冻结',
    });
    assert.doesNotMatch(made.text, /6222600200001234/);
  });
});
