import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  after,
  before,
  demoCodeFor,
  describe,
  type E2E,
  it,
  screenshot,
  startE2E,
  takeFromQueue,
  text,
  watchPage,
} from './harness.ts';

// The documented demo customer 张伟 (docs/demo-data.md), mobile 13800138000, card ending 1234.
const ZHANG_WEI = '13800138000';

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
    await agent.getByTestId('transcript').getByText('什么时候能解冻').waitFor();
    await customer.getByTestId('chat-log').getByText('什么时候能解冻').waitFor();
    assert.equal(await botTurns().count(), botCount, 'no assistant message after the hand-over');
    assert.deepEqual(seen.errors, []);
  });
});
