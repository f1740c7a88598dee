import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  after,
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

// The documented demo customer 李娜 (docs/demo-data.md).
const LI_NA = demoCustomer('li_na').phone;
const XSS = '<img src=x onerror=alert(1)>';

describe('customer chat with an agent, handed over to disputes', () => {
  let e2e: E2E;
  let customer: Page;
  let agent: Page;
  let customerSeen: ReturnType<typeof watchPage>;
  let agentSeen: ReturnType<typeof watchPage>;
  before(async () => {
    e2e = await startE2E({ chatFirst: 'person' });
    customer = await (await e2e.context({ mobile: true })).newPage();
    customerSeen = watchPage(customer);
    agent = await e2e.signIn('agent');
    agentSeen = watchPage(agent);
  });
  after(async () => {
    await e2e?.close();
  });

  it('lets the card holder sign in with phone and one-time code and wait for an agent', async () => {
    await customer.goto('/chat');
    await customer.getByTestId('chat-phone').fill(LI_NA);
    await customer.getByTestId('chat-send-code').click();
    await customer.getByTestId('chat-code').waitFor();
    // Demo mode has no SMS gateway: staff read the code the demo "sent".
    const code = await demoCodeFor(e2e, LI_NA);
    await customer.getByTestId('chat-code').fill(code);
    await customer.getByTestId('chat-first').fill('上周有一笔 388 元的消费被扣了两次');
    await customer.getByTestId('chat-start').click();
    await customer.getByTestId('chat-log').getByText('被扣了两次').waitFor();
    await customer.getByTestId('chat-status').getByText('正在为您接通').waitFor();
  });

  it('the agent takes the chat from the queue and greets with the agent ID; messages flow live both ways', async () => {
    // The queue is oldest first; this customer's chat is the newest.
    await takeFromQueue(agent, '388 元');
    await turnSaying(agent, '被扣了两次').waitFor();
    // The scripted greeting with the agent's ID reaches the customer without a reload.
    await customer.getByTestId('chat-log').getByText('8001号客服').waitFor();
    await customer.getByTestId('chat-status').getByText('8001').waitFor();

    await agent.getByTestId('agent-reply').fill('您好,请问是哪一天的交易?');
    await agent.keyboard.press('Control+Enter');
    await customer.getByTestId('chat-log').getByText('请问是哪一天的交易').waitFor();

    await customer.getByTestId('chat-input').fill('11月20日,在超市');
    await customer.keyboard.press('Enter');
    await turnSaying(agent, '11月20日,在超市').waitFor();
  });

  it('shows a message with markup as text and runs nothing', async () => {
    await customer.getByTestId('chat-input').fill(XSS);
    await customer.keyboard.press('Enter');
    const transcript = agent.getByTestId('transcript');
    await turnSaying(agent, XSS).waitFor();
    await customer.getByTestId('chat-log').getByText(XSS, { exact: false }).waitFor();
    // Give an injected handler every chance to fire, then prove none did and no element was created.
    await agent.waitForTimeout(300);
    assert.equal(await transcript.locator('img').count(), 0);
    assert.equal(await customer.getByTestId('chat-log').locator('img').count(), 0);
    assert.deepEqual(agentSeen.dialogs, []);
    assert.deepEqual(customerSeen.dialogs, []);
    assert.deepEqual([...agentSeen.errors, ...customerSeen.errors], []);
  });

  it('transfers to disputes; the handler sees the hand-over packet and takes over', async () => {
    await agent.getByTestId('op-transfer').click();
    await agent.getByTestId('transfer-reason').fill('重复扣款,需争议处理中心核实');
    await agent.getByTestId('transfer-submit').click();
    await customer.getByTestId('chat-status').getByText('正在为您接通').waitFor();

    const handler = await e2e.signIn('dept_handler');
    const packet = handler.getByTestId('handover-packet');
    await packet.waitFor();
    assert.match(await text(packet.getByTestId('packet-note')), /重复扣款,需争议处理中心核实/);
    assert.match(await text(packet.getByTestId('packet-customer')), /李\*/);
    // What was done is worded, never the recorded action code.
    const done = await packet.getByTestId('packet-action').allTextContents();
    assert.ok(
      done.some((d) => d.includes('接入')),
      done.join(' | '),
    );
    assert.ok(!done.some((d) => /[a-z_]+\.[a-z_]+/.test(d)), done.join(' | '));
    await packet.getByTestId('packet-transcript').getByText('11月20日,在超市').waitFor();
    await handler.getByTestId('handover-ack').click();
    await turnSaying(handler, '11月20日,在超市').waitFor();
  });

  it('the customer ends the chat and rates the service', async () => {
    await customer.getByTestId('chat-status').getByText('为您服务').waitFor();
    await screenshot(customer, 'customer-chat');
    await customer.getByTestId('chat-end').click();
    await customer.getByTestId('chat-rating').waitFor();
    await customer.getByTestId('chat-rate-submit').click();
    await customer.getByText('感谢您的评价').waitFor();
  });
});
