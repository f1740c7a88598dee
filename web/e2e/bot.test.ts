import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  after,
  apiAs,
  before,
  demoCodeFor,
  demoCustomer,
  describe,
  type E2E,
  it,
  screenshot,
  startE2E,
  takeFromQueue,
  text,
  turnSaying,
  watchPage,
} from './harness.ts';

// The documented demo customer 张伟 (docs/demo-data.md), card ending 1234.
const ZHANG_WEI = demoCustomer('zhang_wei').phone;

/**
 * The chat assistant on the mobile chat page (issue 20): an answer with its source, a freeze with one
 * confirmation, and "帮我找个人工" handing the chat to a person who sees the assistant's summary — after
 * which the assistant says nothing more.
 */
describe('customer chat with the chat assistant', () => {
  let e2e: E2E;
  let customer: Page;
  let seen: ReturnType<typeof watchPage>;
  before(async () => {
    e2e = await startE2E();
    customer = await (await e2e.context({ mobile: true })).newPage();
    seen = watchPage(customer);
  });
  after(async () => {
    await e2e?.close();
  });

  const botTurns = () => customer.getByTestId('chat-log').locator('[data-speaker="bot"]');

  it('answers a question from the knowledge base and names its source', async () => {
    await customer.goto('/chat');
    await customer.getByTestId('chat-phone').fill(ZHANG_WEI);
    await customer.getByTestId('chat-send-code').click();
    await customer.getByTestId('chat-code').waitFor();
    await customer.getByTestId('chat-code').fill(await demoCodeFor(e2e, ZHANG_WEI));
    await customer.getByTestId('chat-first').fill('信用卡年费是多少?');
    await customer.getByTestId('chat-start').click();
    const source = customer.getByTestId('chat-source').first();
    await source.waitFor();
    assert.match(await text(source), /^来自:.*年费/);
    await customer.getByTestId('chat-status').getByText('智能助手').waitFor();
    // The customer thinks the answer is wrong: one tap, stored once and counted for the supervisor.
    await customer.getByTestId('chat-report-wrong').first().click();
    await customer.getByTestId('chat-report-wrong').first().getByText('已反馈').waitFor();
    await waitFor(async () => {
      const rows = await e2e.runtime.deps.db.selectFrom('bot_answer_reports').select('seq').execute();
      return rows.length === 1;
    }, 'the report is stored');
  });

  it('freezes the card at the customer’s request with one confirmation', async () => {
    await customer.getByTestId('chat-input').fill('帮我把卡临时冻结一下');
    await customer.keyboard.press('Enter');
    await customer.getByTestId('chat-log').getByText('确认临时冻结您尾号 1234').waitFor();
    await customer.getByTestId('chat-input').fill('确认');
    await customer.keyboard.press('Enter');
    await customer.getByTestId('chat-log').getByText('已为您临时冻结尾号 1234').waitFor();
    const card = await e2e.runtime.deps.db
      .selectFrom('cards')
      .select('status')
      .where('last4', '=', '1234')
      .executeTakeFirstOrThrow();
    assert.equal(card.status, 'frozen');
    await screenshot(customer, 'customer-chat-assistant');
  });

  it('"帮我找个人工" hands over: the agent sees the summary and the assistant says nothing more', async () => {
    await customer.getByTestId('chat-input').fill('帮我找个人工');
    await customer.keyboard.press('Enter');
    await customer.getByTestId('chat-log').getByText('正在为您转接人工客服').waitFor();
    await customer.getByTestId('chat-status').getByText('正在为您接通').waitFor();
    const botCount = await botTurns().count();

    const agent = await e2e.signIn('agent');
    await takeFromQueue(agent, '年费是多少');
    const summary = agent.getByTestId('bot-summary');
    await summary.waitFor();
    assert.match(await text(summary.getByTestId('bot-summary-reason')), /客户要求人工/);
    assert.match(await text(summary), /临时冻结/);
    await customer.getByTestId('chat-status').getByText('8001').waitFor();

    await customer.getByTestId('chat-input').fill('我的卡什么时候能解冻?');
    await customer.keyboard.press('Enter');
    await turnSaying(agent, '什么时候能解冻').waitFor();
    await customer.getByTestId('chat-log').getByText('什么时候能解冻').waitFor();
    assert.equal(await botTurns().count(), botCount, 'no assistant message after the hand-over');

    // Agent assist in the same stream: under the customer's message, its intent and the operation it calls
    // for; under a question the knowledge base answers, the answer, sent to the customer with one click.
    const unfreeze = agent.getByTestId('turn-assist').last();
    await unfreeze.getByTestId('turn-assist-operation').waitFor();
    assert.match(await text(unfreeze.getByTestId('turn-assist-intent')), /解冻/);
    assert.match(await text(unfreeze.getByTestId('turn-assist-operation')), /解冻卡片/);
    // The chat's first question was about the fee too: wait for the assist under this new message.
    const assistsBefore = await agent.getByTestId('turn-assist').count();
    await customer.getByTestId('chat-input').fill('信用卡年费是多少?');
    await customer.keyboard.press('Enter');
    await waitFor(
      async () => (await agent.getByTestId('turn-assist').count()) === assistsBefore + 1,
      'the assist under the new question',
    );
    const fee = agent.getByTestId('turn-assist').last();
    await fee.getByTestId('turn-assist-title').waitFor();
    assert.match(await text(fee.getByTestId('turn-assist-intent')), /年费/);
    const title = await text(fee.getByTestId('turn-assist-title'));
    assert.match(title, /年费/);
    const agentTurns = customer.getByTestId('chat-log').locator('[data-speaker="agent"]');
    const before = await agentTurns.count();
    await fee.getByTestId('turn-assist-send').click();
    await waitFor(async () => (await agentTurns.count()) === before + 1, 'the answer reaches the customer');
    assert.equal(await botTurns().count(), botCount, 'sent by the agent, not the assistant');
    await screenshot(agent, 'agent-assist-in-chat');
    assert.deepEqual(seen.errors, []);
  });

  it('shows the supervisor the assistant’s figures: hand-overs by reason, wrong-answer reports', async () => {
    const page = await e2e.signIn('supervisor');
    await page.waitForURL('**/supervisor');
    const card = page.getByTestId('bot-metrics');
    await card.waitFor();
    // This file's chat: one hand-over (the customer asked), one answer reported wrong (the seeded chats may add more).
    await waitFor(async () => /转人工\s*[1-9]/.test(await text(card.getByTestId('bot-handed-over'))), 'hand-overs');
    assert.match(await text(card.getByTestId('bot-wrong-reports')), /答错反馈\s*[1-9]\d* · \d/);
    assert.match(await text(card.getByTestId('bot-containment')), /自助解决率/);
    await card.getByTestId('bot-handover-chart').locator('canvas').waitFor();
    assert.match((await card.getByTestId('bot-handover-chart').getAttribute('data-series')) ?? '', /转人工次数/);
  });

  it('lets the admin set who answers first per channel and time of day, audited', async () => {
    const page = await e2e.signIn('admin');
    await page.waitForURL('**/admin');
    await page.getByRole('tab', { name: '规则设置' }).click();
    const card = page.getByTestId('bot-routing');
    const chat = card.getByTestId('bot-routing-chat');
    await chat.getByRole('radio', { name: '智能助手先接待' }).waitFor({ state: 'attached' });
    assert.ok(await chat.getByRole('radio', { name: '智能助手先接待' }).isChecked(), 'chat starts with the assistant');
    await card.getByTestId('bot-routing-chat-add').click();
    await chat.getByTestId('bot-routing-chat-window').waitFor();
    await card.getByTestId('bot-routing-save').click();
    await waitFor(async () => {
      const rows = await e2e.runtime.deps.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'bot.routing_update')
        .execute();
      return rows.length === 1;
    }, 'the change is audited');
    const stored = await apiAs<{ chat: { windows: Array<{ from: string; to: string; mode: string }> } }>(
      e2e,
      'admin',
      '/api/bot/settings',
    );
    assert.deepEqual(stored.chat.windows, [{ from: '22:00', to: '08:00', mode: 'person' }]);
  });
});

async function waitFor(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out: ${what}`);
}
