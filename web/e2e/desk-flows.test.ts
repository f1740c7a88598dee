import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  after,
  apiAs,
  before,
  chromiumMissing,
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

/** Whether the whole element is inside the window (nothing to scroll to reach it). */
async function inView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const size = page.viewportSize();
  return !!box && !!size && box.y >= 0 && box.y + box.height <= size.height;
}

/**
 * The desk as agents work it (issue 21 §2–3): a chat-first centre pane where Enter sends, canned replies
 * and "插入回复", and agent states that decide who is offered the next customer.
 */
describe('desk flows: chat first, canned replies, agent states', { skip: chromiumMissing }, () => {
  let e2e: E2E;
  let customer: Page;
  let agent: Page;
  let seen: ReturnType<typeof watchPage>;
  before(async () => {
    e2e = await startE2E({ chatFirst: 'person' });
    agent = await e2e.signIn('agent');
    seen = watchPage(agent);
  });
  after(async () => {
    await e2e?.close();
  });

  it('agent state gates 接入下一位: not ready → disabled; ready → takes the next customer', async () => {
    await agent.getByTestId('agent-state').and(agent.locator('[data-state="ready"]')).waitFor();
    await agent.getByTestId('agent-state-select').click();
    await agent.locator('.ant-select-item-option').filter({ hasText: '示忙·会议' }).click();
    await agent.getByTestId('agent-state').and(agent.locator('[data-state="not_ready"]')).waitFor();
    const next = agent.getByTestId('queue-take-next');
    await next.and(agent.locator('[disabled]')).waitFor();
    const live = await apiAs<{
      agents: Array<{ displayName: string; presence: string; presenceSince: string | null }>;
    }>(e2e, 'supervisor', '/api/supervisor/live');
    const me = live.agents.find((a) => a.presence === 'not_ready');
    assert.ok(me?.presenceSince, 'the supervisor sees the agent not ready, and since when');

    await agent.getByTestId('agent-state-select').click();
    await agent
      .locator('.ant-select-item-option')
      .filter({ hasText: /^示闲$/ })
      .click();
    await agent.getByTestId('agent-state').and(agent.locator('[data-state="ready"]')).waitFor();
    await next.and(agent.locator(':not([disabled])')).waitFor();
    await next.click();
    await agent.getByTestId('contact-panel').waitFor();
    await agent.getByTestId('chat-first').waitFor();
    assert.deepEqual(seen.errors, []);
  });

  it('chat first: transcript and reply in view; Enter sends, Shift+Enter adds a line', async () => {
    // The customer's own chat, taken from the queue.
    customer = await (await e2e.context({ mobile: true })).newPage();
    await customer.goto('/chat');
    await customer.getByTestId('chat-phone').fill(LI_NA);
    await customer.getByTestId('chat-send-code').click();
    await customer.getByTestId('chat-code').waitFor();
    await customer.getByTestId('chat-code').fill(await demoCodeFor(e2e, LI_NA));
    await customer.getByTestId('chat-first').fill('我想问一下信用卡怎么还款');
    await customer.getByTestId('chat-start').click();
    await customer.getByTestId('chat-status').getByText('正在为您接通').waitFor();
    await takeFromQueue(agent, '怎么还款');
    await turnSaying(agent, '怎么还款').waitFor();
    assert.ok(await inView(agent, 'transcript'), 'the transcript is in view');
    assert.ok(await inView(agent, 'agent-reply'), 'the reply box is in view');

    const reply = agent.getByTestId('agent-reply');
    await reply.fill('您好');
    await reply.press('Shift+Enter');
    await reply.pressSequentially('请问您想用哪种方式还款?');
    assert.equal(await reply.inputValue(), '您好\n请问您想用哪种方式还款?', 'Shift+Enter adds a line, sends nothing');
    await reply.press('Enter');
    await customer.getByTestId('chat-log').getByText('请问您想用哪种方式还款').waitFor();
    // The sent reply leaves the box (its placeholder shows again; no string evaluated under the page's CSP).
    await agent.locator('[data-testid="agent-reply"]:placeholder-shown').waitFor();
    assert.equal(await reply.inputValue(), '');
  });

  it('a canned reply (常用语) goes into the reply and is sent with Enter', async () => {
    await agent.getByTestId('canned-open').click();
    await agent.getByTestId('canned-reply').filter({ hasText: '还款方式' }).click();
    const reply = agent.getByTestId('agent-reply');
    assert.match(await reply.inputValue(), /手机银行/);
    await reply.press('Enter');
    await customer.getByTestId('chat-log').getByText('手机银行', { exact: false }).waitFor();
  });

  it('typing shows on the other side, both ways', async () => {
    await customer.getByTestId('chat-input').fill('我用手机银');
    await agent.getByTestId('customer-typing').waitFor();
    await agent.getByTestId('agent-reply').fill('好的');
    await customer.getByTestId('agent-typing').waitFor();
    await agent.getByTestId('agent-reply').fill('');
  });

  it('"插入回复" puts the assist answer into the reply', async () => {
    const words = agent.getByLabel('客户原话');
    await words.fill('我这张卡的年费是多少钱一年?');
    await words.press('Enter');
    await agent.getByTestId('assist-answer').filter({ hasText: '年费' }).waitFor();
    await agent.getByTestId('assist-insert-reply').click();
    assert.match(await agent.getByTestId('agent-reply').inputValue(), /年费/);
    await screenshot(agent, 'workstation-chat');
    assert.deepEqual(seen.errors, []);
  });

  it('wallboard: today’s service figures, and each figure drills down to the list behind it', async () => {
    const supervisor = await e2e.signIn('supervisor');
    const sup = watchPage(supervisor);
    await supervisor.waitForURL('**/supervisor');
    const sl = supervisor.getByTestId('wallboard-service-level');
    await sl.waitFor();
    assert.match(await text(sl), /服务水平\(20秒接通\)/);
    await supervisor.getByTestId('wallboard-longest-wait').click();
    await supervisor.getByTestId('drill-waiting').locator('.ant-table-row').first().waitFor();
    await supervisor.keyboard.press('Escape');

    // Each service figure opens the contacts behind it, listed by the server with the figure's own rule.
    const answered = await apiAs<{ total: number }>(
      e2e,
      'supervisor',
      '/api/supervisor/contacts?basis=queued&answered=true',
    );
    assert.ok(answered.total > 0, 'the chat taken above was answered today');
    await supervisor.getByTestId('wallboard-answer-rate').click();
    const contactRows = supervisor.getByTestId('drill-contacts').locator('.ant-table-row');
    await contactRows.first().waitFor();
    assert.equal(await contactRows.count(), Math.min(answered.total, 20));
    assert.match(
      await text(supervisor.getByTestId('drill-contacts').locator('.ant-table-row').first()),
      /在线会话|电话/,
    );
    await supervisor.keyboard.press('Escape');
    await supervisor.getByTestId('drill-contacts').waitFor({ state: 'detached' });
    await supervisor.getByTestId('wallboard-service-level').click();
    await supervisor.getByTestId('drill-contacts').waitFor();
    await supervisor.getByText('今日未在20秒内接通').waitFor();
    await supervisor.keyboard.press('Escape');
    await supervisor.getByTestId('drill-contacts').waitFor({ state: 'detached' });
    // The period's volume: every contact it counts, a page at a time.
    const kpi = Number(await text(supervisor.getByTestId('kpi-联络量').locator('.ant-statistic-content')));
    assert.ok(kpi > 20, 'the seeded period has more than a page of contacts');
    await supervisor.getByTestId('kpi-联络量').click();
    await contactRows.first().waitFor();
    assert.equal(await contactRows.count(), 20);
    await supervisor.getByText(`共 ${kpi} 条`).waitFor();
    await supervisor.keyboard.press('Escape');
    await supervisor.getByTestId('drill-contacts').waitFor({ state: 'detached' });
    // A bar of the daily chart: the busiest day's bottom segment opens that day's contacts of that type.
    const to0 = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from0 = new Date(Date.now() + 8 * 3600_000 - 29 * 86_400_000).toISOString().slice(0, 10);
    const stats = await apiAs<{ byDay: Array<{ date: string; total: number }> }>(
      e2e,
      'supervisor',
      `/api/contacts/stats?from=${from0}&to=${to0}`,
    );
    const busiest = stats.byDay.reduce((best, d, i) => (d.total > (stats.byDay[best]?.total ?? 0) ? i : best), 0);
    const chart = supervisor.getByTestId('chart-by-type');
    const box = await chart.boundingBox();
    assert.ok(box);
    // The grid: 40 px left, 16 px right, 28 px bottom (charts.tsx); the click lands just above the axis.
    const slot = (box.width - 56) / stats.byDay.length;
    await chart.click({ position: { x: 40 + slot * (busiest + 0.5), y: box.height - 30 } });
    await contactRows.first().waitFor();
    await supervisor
      .locator('.ant-drawer-title')
      .filter({ hasText: stats.byDay[busiest]?.date ?? '-' })
      .waitFor();
    await supervisor.keyboard.press('Escape');
    await supervisor.getByTestId('drill-contacts').waitFor({ state: 'detached' });

    const to = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() + 8 * 3600_000 - 29 * 86_400_000).toISOString().slice(0, 10);
    const analysis = await apiAs<{ totals: { total: number } }>(
      e2e,
      'supervisor',
      `/api/cases/analysis?from=${from}&to=${to}`,
    );
    assert.ok(analysis.totals.total > 0);
    await supervisor.getByTestId('kpi-投诉量').click();
    const rows = supervisor.getByTestId('drill-cases').locator('.ant-table-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), Math.min(analysis.totals.total, 15), 'the complaints the figure counts');
    await rows.first().click();
    await supervisor.getByTestId('access-reason-form').waitFor();
    assert.deepEqual(sup.errors, []);
  });

  it('screen pop: the care note from the first second; the one-screen figures once verified', async () => {
    // 王秀英 (docs/demo-data.md): elderly, hard of hearing.
    const desk = await e2e.signIn('agent');
    await desk.getByTestId('simulate-call').click();
    await desk.getByTestId('caller-number').fill('13700137000');
    await desk.getByTestId('call-answer').click();
    await desk.getByTestId('customer-locked').waitFor();
    await desk.getByTestId('care-note').getByText('请放慢语速', { exact: false }).waitFor();
    assert.equal(await desk.getByTestId('summary-figures').count(), 0, 'no figure before verification');
    await desk.getByTestId('verify-name').fill('王秀英');
    await desk.getByTestId('verify-id6').fill('080049');
    await desk.getByTestId('verify-submit').click();
    const figures = desk.getByTestId('summary-figures');
    await figures.waitFor();
    assert.match(await text(figures), /额度 \/ 可用.*¥8,000\.00/);
    assert.match(await text(figures), /到期还款日/);
    await desk.getByTestId('care-note').waitFor();
  });
});
