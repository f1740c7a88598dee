import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ChatState, ContactView } from '@carddesk/contracts';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';
import { call, lastLoggedOtp } from '../../../test/fixtures.ts';
import { cardFacts, fixedCustomer, installmentConsents, latestStatementFacts } from '../cards/index.ts';
import { requireContactFacts } from '../contacts/index.ts';
import { getArticle } from '../knowledge/index.ts';
import { checkReply } from './safety.ts';
import { DEFAULT_BOT_ROUTING, firstResponder, setBotRouting } from './settings.ts';

const phoneOf = fixedCustomer;

/** A new chat; by default a day later, so no earlier hand-over of the same customer counts as reopened. */
async function startChat(env: TestEnv, phone: string, message?: string, options: { sameDay?: boolean } = {}) {
  env.clock.advance(options.sameDay ? 61_000 : 25 * 3_600_000);
  await call(env, undefined, 'POST', '/api/chat/otp', { phone });
  const code = lastLoggedOtp(env);
  return call<{ token: string; contactId: string }>(
    env,
    undefined,
    'POST',
    '/api/chat/sessions',
    { phone, code, ...(message ? { message } : {}) },
    201,
  );
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function say(env: TestEnv, token: string, text: string): Promise<ChatState> {
  await call(env, undefined, 'POST', '/api/chat/messages', { text }, 201, auth(token));
  return call<ChatState>(env, undefined, 'GET', '/api/chat/messages', undefined, 200, auth(token));
}

const lastTurn = (s: ChatState) => s.turns[s.turns.length - 1];

/** The contact as the contacts module tells it. */
const contactOf = (env: TestEnv, id: string) => requireContactFacts(env.runtime.deps.db, id);

async function cardStatus(env: TestEnv, last4: string) {
  const [card] = await cardFacts(env.runtime.deps.db, { last4 });
  assert.ok(card, `a card ending ${last4}`);
  return card.status;
}

describe('chat assistant', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('answers a question from the published FAQs with its source, in the same request, outside any queue', async () => {
    const zhang = phoneOf('zhang_wei');
    const session = await startChat(env, zhang.phone);
    const greeted = await call<ChatState>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      auth(session.token),
    );
    assert.equal(greeted.turns[0]?.speaker, 'bot', 'the assistant greets first');
    assert.equal(greeted.assistant, true);
    const state = await say(env, session.token, '信用卡的年费是怎么收的?');
    const reply = lastTurn(state);
    assert.equal(reply?.speaker, 'bot');
    assert.equal(reply?.source?.kind, 'faq');
    // Throws KB_ARTICLE_NOT_FOUND unless the source names a published article customers may read.
    const article = await getArticle(env.system, reply?.source?.id ?? '', { audiences: ['public'] });
    assert.ok(article, 'the source names a stored article');
    await env.login('agent');
    const waiting = await call<Array<{ contactId: string }>>(env, 'agent', 'GET', '/api/queues/general/contacts');
    assert.ok(!waiting.some((w) => w.contactId === session.contactId), 'a chat the assistant serves waits in no queue');
    await call(env, undefined, 'POST', '/api/chat/end', { resolved: true }, 200, auth(session.token));
    const row = await contactOf(env, session.contactId);
    assert.equal(row.status, 'closed');
    assert.equal(row.outcome, null, 'ended with the assistant: not abandoned in a queue');
  });

  it('asks which of two close FAQs is meant and answers the one picked', async () => {
    // Found on the shipped FAQs: two sibling FAQs nearly equally likely for this wording.
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone);
    const state = await say(env, session.token, '积分');
    const reply = lastTurn(state);
    if (reply?.text.startsWith('您想问的是')) {
      assert.match(reply.text, /1\. .+ \/ 2\. .+/);
      const picked = await say(env, session.token, '1');
      assert.equal(lastTurn(picked)?.source?.kind, 'faq');
    } else {
      // The matcher chose one FAQ outright (or the holder's points): still answered with a source.
      assert.ok(reply?.source, `answered with a source: ${reply?.text}`);
    }
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('says honestly when it does not know and offers a person', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone);
    const state = await say(env, session.token, '今天北京天气怎么样,适合去爬山吗');
    const reply = lastTurn(state);
    assert.equal(reply?.speaker, 'bot');
    assert.equal(reply?.source, undefined);
    assert.match(reply?.text ?? '', /没有可靠的答案|转接人工/);
    const handed = await say(env, session.token, '是');
    assert.equal((await contactOf(env, session.contactId)).botState, 'handed_over');
    assert.match(lastTurn(handed)?.text ?? '', /转接人工/);
    const view = await takeAndView(env, session.contactId);
    assert.equal(view.botSummary?.reason, 'unanswered');
    await closeAsAgent(env, session.contactId);
  });

  it('freezes the holder’s card after one confirmation, audited with the customer as actor', async () => {
    const zhang = phoneOf('zhang_wei');
    const session = await startChat(env, zhang.phone);
    const asked = await say(env, session.token, '帮我把信用卡临时冻结一下');
    assert.match(lastTurn(asked)?.text ?? '', new RegExp(`尾号 ${zhang.last4}.*确认`));
    assert.equal(await cardStatus(env, zhang.last4), 'active', 'nothing changes before the yes');
    const done = await say(env, session.token, '确认');
    assert.equal(await cardStatus(env, zhang.last4), 'frozen');
    assert.deepEqual(lastTurn(done)?.source, { kind: 'operation', id: 'card.freeze', title: '临时冻结' });
    const audits = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'actor_role', 'contact_id'])
      .where('action', 'in', ['card.freeze', 'bot.operation'])
      .where('customer_id', '=', (await contactOf(env, session.contactId)).customerId)
      .execute();
    const customerId = (await contactOf(env, session.contactId)).customerId;
    assert.ok(
      audits.some((a) => a.action === 'card.freeze' && a.actor_id === customerId && a.actor_role === 'customer'),
    );
    assert.ok(audits.some((a) => a.action === 'bot.operation' && a.contact_id === session.contactId));
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('answers the holder’s statement with figures from the engine', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone);
    const state = await say(env, session.token, '我这个月的账单要还多少钱?');
    const reply = lastTurn(state);
    assert.equal(reply?.source?.kind, 'operation');
    assert.equal(reply?.source?.id, 'account.statement');
    const customerId = (await contactOf(env, session.contactId)).customerId ?? '';
    const statement = await latestStatementFacts(env.runtime.deps.db, customerId);
    assert.ok(statement, 'the holder has a statement');
    assert.ok(reply?.text.includes(statement.dueDate), reply?.text);
    const min = statement.minimumPaymentFen;
    assert.ok(
      reply?.text.includes(`${Math.trunc(min / 100).toLocaleString('en-US')}.${String(min % 100).padStart(2, '0')}`),
    );
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('tells the holder whether more limit is possible, from the engine’s eligibility rules, requesting nothing', async () => {
    const zhang = phoneOf('zhang_wei');
    const session = await startChat(env, zhang.phone);
    const state = await say(env, session.token, '我的信用卡能提额吗');
    const reply = lastTurn(state);
    assert.deepEqual(reply?.source, { kind: 'operation', id: 'account.limit_eligibility', title: '您的提额资格' });
    assert.match(reply?.text ?? '', /永久提额/);
    assert.match(reply?.text ?? '', /临时额度/);
    const customerId = (await contactOf(env, session.contactId)).customerId;
    const reads = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select(['actor_role'])
      .where('action', '=', 'limit.eligibility_read')
      .where('customer_id', '=', customerId)
      .execute();
    assert.ok(
      reads.some((r) => r.actor_role === 'customer'),
      'read as the customer, audited',
    );
    const changes = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('customer_id', '=', customerId)
      .where('action', 'like', 'limit.%')
      .where('action', '!=', 'limit.eligibility_read')
      .execute();
    assert.deepEqual(changes, [], 'nothing requested');
    // A person for the request: the offer stands.
    await say(env, session.token, '是');
    assert.equal((await contactOf(env, session.contactId)).botSummary?.reason, 'operation_needs_person');
  });

  it('quotes a bill installment with the annualised rate first and takes it only after an explicit yes', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone);
    const asked = await say(env, session.token, '我想把这期账单分期');
    assert.match(lastTurn(asked)?.text ?? '', /分几期/);
    const quoted = await say(env, session.token, '6期');
    const text = lastTurn(quoted)?.text ?? '';
    const memory = await env.runtime.deps.db
      .selectFrom('bot_conversations')
      .select('memory')
      .where('contact_id', '=', session.contactId)
      .executeTakeFirstOrThrow();
    assert.match(text, /年化/, `${text} ${memory.memory}`);
    const customerId = (await contactOf(env, session.contactId)).customerId ?? '';
    const consents = () => installmentConsents(env.runtime.deps.db, { customerId });
    const before = (await consents()).length;
    assert.ok(text.indexOf('年化') < text.indexOf('确认'), 'the rate comes before the question');
    // 嗯 is a filler said while listening, not the explicit yes a credit product needs: asked again.
    const mumbled = await say(env, session.token, '嗯');
    assert.match(lastTurn(mumbled)?.text ?? '', /明确同意/);
    assert.equal((await consents()).length, before, 'no plan on a filler');
    const done = await say(env, session.token, '确认');
    assert.equal(lastTurn(done)?.source?.id, 'installment.bill', lastTurn(done)?.text);
    const after = await consents();
    assert.equal(after.length, before + 1, 'the consent is stored with the plan');
    const consent = after[after.length - 1];
    assert.equal(consent?.contactId, session.contactId, 'given in this chat');
    assert.deepEqual(
      (await installmentConsents(env.runtime.deps.db, { planId: consent?.planId ?? '' })).length,
      1,
      'one consent for the plan',
    );
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('hands over on "帮我找个人工": the customer is told, the contact queues with the summary, the bot says nothing more', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone, '信用卡的年费是怎么收的?');
    const state = await say(env, session.token, '帮我找个人工');
    assert.match(lastTurn(state)?.text ?? '', /转接人工/);
    const row = await contactOf(env, session.contactId);
    assert.equal(row.queueCode, 'general');
    assert.equal(row.botState, 'handed_over');
    await env.login('agent');
    const waiting = await call<Array<{ contactId: string }>>(env, 'agent', 'GET', '/api/queues/general/contacts');
    assert.ok(waiting.some((w) => w.contactId === session.contactId));
    const before = (await say(env, session.token, '你好?还在吗')).turns.length;
    const after = await call<ChatState>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      auth(session.token),
    );
    assert.equal(after.turns.length, before);
    assert.equal(lastTurn(after)?.speaker, 'customer', 'no bot turn after the hand-over');
    const view = await takeAndView(env, session.contactId);
    assert.equal(view.botSummary?.reason, 'customer_request');
    assert.ok(
      view.botSummary?.answers.some((a) => a.source?.kind === 'faq'),
      'what the bot answered, with sources',
    );
    assert.ok(view.botSummary?.intents.some((i) => i.intent === 'human_agent'));
    assert.equal(view.botSummary?.verification.method, 'otp');
    const more = await say(env, session.token, '我的问题是年费');
    assert.ok(
      !more.turns.slice(before).some((t) => t.speaker === 'bot'),
      'the bot stays silent while a person works it',
    );
    await closeAsAgent(env, session.contactId);
  });

  it('sends a chat reopened after a hand-over straight to a person (no hand-over loop)', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone, undefined, { sameDay: true });
    const row = await contactOf(env, session.contactId);
    assert.equal(row.botState, 'handed_over');
    assert.equal(row.botSummary?.reason, 'reopened');
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('acts on a lost or stolen card in a reopened chat: freeze first, then the emergency queue', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone, '我的卡被偷了,快帮我冻结', { sameDay: true });
    const asked = await call<ChatState>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      auth(session.token),
    );
    assert.match(lastTurn(asked)?.text ?? '', new RegExp(`尾号 ${liu.last4}.*冻结.*确认`), JSON.stringify(asked.turns));
    await say(env, session.token, '确认');
    assert.equal(await cardStatus(env, liu.last4), 'frozen');
    const row = await contactOf(env, session.contactId);
    assert.equal(row.type, 'emergency');
    assert.equal(row.queueCode, 'fraud_risk');
    assert.equal(row.botSummary?.reason, 'emergency');
  });

  it('takes only a number of periods as the answer to how many periods, not digits in another question', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone);
    const asked = await say(env, session.token, '我想把这期账单分期');
    assert.match(lastTurn(asked)?.text ?? '', /分几期/);
    const other = await say(env, session.token, '先等等,我的额度还有20000吗');
    // Not a quote for 20 periods (nor a refusal of one): the question about the limit is answered.
    assert.doesNotMatch(lastTurn(other)?.text ?? '', /年化|期数/, 'no quote for 20 periods');
    const again = await say(env, session.token, '我想把这期账单分期');
    assert.match(lastTurn(again)?.text ?? '', /分几期/);
    // The bill was split in an earlier test: quoted or refused, the 6 was taken as the number of periods.
    const quoted = await say(env, session.token, '分6期吧');
    assert.match(lastTurn(quoted)?.text ?? '', /年化|期数/);
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('hands over after two rejected answers', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone, '信用卡的年费是怎么收的?');
    await say(env, session.token, '没用');
    await say(env, session.token, '信用卡的年费是怎么收的?');
    await say(env, session.token, '答非所问');
    const row = await contactOf(env, session.contactId);
    const turns = await call<ChatState>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      auth(session.token),
    );
    assert.equal(row.botSummary?.reason, 'rejected_answers', JSON.stringify(turns.turns));
    await call(env, undefined, 'POST', '/api/chat/end', {}, 200, auth(session.token));
  });

  it('on a lost card freezes first, then hands over to the emergency queue', async () => {
    const chen = phoneOf('li_na');
    const session = await startChat(env, chen.phone);
    const asked = await say(env, session.token, '我的信用卡丢了,怎么办');
    assert.match(lastTurn(asked)?.text ?? '', /冻结/);
    await say(env, session.token, '确认');
    assert.equal(await cardStatus(env, chen.last4), 'frozen');
    const row = await contactOf(env, session.contactId);
    assert.equal(row.type, 'emergency');
    assert.equal(row.queueCode, 'fraud_risk');
    const summary = row.botSummary;
    assert.equal(summary?.reason, 'emergency');
    assert.ok(summary?.actions.some((a) => a.operation === 'emergency.freeze' && a.status === 'done'));
  });

  it('hands a vulnerable customer to a person at once, with priority', async () => {
    const wang = phoneOf('wang_xiuying');
    const session = await startChat(env, wang.phone, '我想问下账单');
    const row = await contactOf(env, session.contactId);
    assert.equal(row.botState, 'handed_over');
    assert.equal(row.priority, 1);
    assert.equal(row.botSummary?.reason, 'priority_customer');
  });

  it('follows the routing setting per time of day', async () => {
    const routing = {
      ...DEFAULT_BOT_ROUTING,
      chat: { default: 'bot' as const, windows: [{ from: '09:00', to: '18:00', mode: 'person' as const }] },
    };
    assert.equal(firstResponder(routing, 'chat', new Date('2026-11-02T02:00:00Z')), 'person', '10:00 Beijing');
    assert.equal(firstResponder(routing, 'chat', new Date('2026-11-02T12:00:00Z')), 'bot', '20:00 Beijing');
    await setBotRouting(env.system, { ...DEFAULT_BOT_ROUTING, chat: { default: 'person', windows: [] } });
    const zhang = phoneOf('liu_yang');
    const session = await startChat(env, zhang.phone, '你好');
    const row = await contactOf(env, session.contactId);
    assert.equal(row.botState, null);
    assert.equal(row.queueCode, 'general');
    await setBotRouting(env.system, DEFAULT_BOT_ROUTING);
  });

  it('checks replies with the quality guard agents’ replies pass, and its own figure check', async () => {
    const check = (text: string, allowed: string[] = []) => checkReply(env.system, text, allowed);
    assert.deepEqual(await check('请提供您卡背面的三位安全码。'), ['asks_auth_data']);
    assert.deepEqual(await check('工作人员不会向您索要密码或验证码。'), []);
    assert.deepEqual(await check('您的本期账单为 1,234.56 元。', ['1,234.56']), []);
    assert.deepEqual(await check('您的本期账单为 999.00 元。', ['1,234.56']), ['invented_figure']);
    assert.deepEqual(await check('我们保证您明天到账。'), ['promise']);
    // The same verdict the desk's guard gives an agent's draft (POST /api/qa/guard).
    await env.login('agent');
    const guard = await call<{ warnings: Array<{ item: string }> }>(env, 'agent', 'POST', '/api/qa/guard', {
      channel: 'chat',
      text: '请提供您卡背面的三位安全码。',
    });
    assert.ok(guard.warnings.some((w) => w.item === 'no_sensitive_request'));
  });
});

async function takeAndView(env: TestEnv, contactId: string): Promise<ContactView> {
  await env.login('agent');
  await call(env, 'agent', 'PUT', '/api/me/state', { state: 'ready' });
  await call(env, 'agent', 'POST', `/api/contacts/${contactId}/accept`);
  return call<ContactView>(env, 'agent', 'GET', `/api/contacts/${contactId}`);
}

async function closeAsAgent(env: TestEnv, contactId: string): Promise<void> {
  for (const stage of ['need', 'handle', 'confirm']) {
    await call(env, 'agent', 'POST', `/api/contacts/${contactId}/stage`, { stage });
  }
  await call(env, 'agent', 'PUT', `/api/contacts/${contactId}/classification`, { intents: ['annual_fee'] });
  await call(env, 'agent', 'POST', `/api/contacts/${contactId}/close`, { outcome: 'resolved_first_contact' });
}

describe('chat assistant: one confirmation sent twice at once (a double tap, a retried request)', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('runs the operation once: the pending confirmation is read under the contact lock', async () => {
    const liu = phoneOf('liu_yang');
    const session = await startChat(env, liu.phone);
    const asked = await say(env, session.token, '帮我把信用卡临时冻结一下');
    assert.match(lastTurn(asked)?.text ?? '', new RegExp(`尾号 ${liu.last4}.*确认`));
    const confirm = () =>
      env.request({
        method: 'POST',
        url: '/api/chat/messages',
        payload: { text: '确认' },
        headers: auth(session.token),
      });
    for (const r of await Promise.all([confirm(), confirm()])) assert.equal(r.statusCode, 201, r.body);
    assert.equal(await cardStatus(env, liu.last4), 'frozen');
    const state = await call<ChatState>(
      env,
      undefined,
      'GET',
      '/api/chat/messages',
      undefined,
      200,
      auth(session.token),
    );
    const done = state.turns.filter((t) => t.source?.id === 'card.freeze');
    assert.equal(done.length, 1, state.turns.map((t) => `${t.speaker}: ${t.text}`).join('\n'));
    const operations = await env.runtime.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'bot.operation')
      .where('contact_id', '=', session.contactId)
      .execute();
    assert.equal(operations.length, 1, JSON.stringify(operations));
    assert.equal((await contactOf(env, session.contactId)).botState, 'bot', 'no hand-over for a failed second freeze');
  });
});
