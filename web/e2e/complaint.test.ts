import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { after, before, demoCustomer, describe, type E2E, it, startE2E, text, watchPage } from './harness.ts';

const ZHANG = demoCustomer('zhang_wei');

/** The bank date a few days from now, for the time promised to the customer. */
function inDays(n: number): string {
  return new Date(Date.now() + 8 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);
}

describe('a complaint: opened, referred, answered and closed with the customer’s feedback', () => {
  let e2e: E2E;
  let agent: Page;
  let handler: Page;
  let caseNumber = '';
  before(async () => {
    e2e = await startE2E();
    agent = await e2e.signIn('agent');
  });
  after(async () => {
    await e2e?.close();
  });

  it('the agent opens a complaint inside a verified call', async () => {
    const seen = watchPage(agent);
    await agent.getByTestId('simulate-call').click();
    await agent.getByTestId('caller-number').fill(ZHANG.phone);
    await agent.getByTestId('call-answer').click();
    await agent.getByTestId('verify-name').fill(ZHANG.name);
    await agent.getByTestId('verify-id6').fill(ZHANG.idLast6);
    await agent.getByTestId('verify-submit').click();
    await agent.getByTestId('verification-level').filter({ hasText: '基础核身' }).waitFor();

    await agent.keyboard.press('Alt+C');
    await agent.getByTestId('complaint-summary').fill('分期手续费与办理时告知的不一致,多收了 120 元');
    await agent.getByTestId('complaint-demand').fill('退还多收的费用并书面说明');
    await agent.getByTestId('complaint-submit').click();
    const created = agent.getByTestId('complaint-created');
    await created.waitFor();
    caseNumber = /TS\d{8}-\d{4,}/.exec(await text(created))?.[0] ?? '';
    assert.ok(caseNumber, 'a quotable case number');
    await agent.getByTestId('complaint-submit').click();
    assert.deepEqual(seen.errors, []);
  });

  it('the agent refers it to the disputes department with a promised date and a hand-over', async () => {
    await agent.getByTestId(`case-${caseNumber}`).click();
    const detail = agent.getByTestId('case-detail');
    await detail.getByTestId('case-state').and(agent.locator('[data-state="received"]')).waitFor();
    const date = detail.getByTestId('refer-date');
    await date.click();
    await agent.keyboard.type(inDays(5));
    await agent.keyboard.press('Enter');
    await detail.getByTestId('case-refer').click();
    await detail.getByTestId('case-state').and(agent.locator('[data-state="referred"]')).waitFor();
  });

  it('the disputes handler accepts, answers, tells the customer and closes with their feedback', async () => {
    handler = await e2e.signIn('dept_handler');
    await handler.getByTestId(`case-${caseNumber}`).click();
    const detail = handler.getByTestId('case-detail');
    const state = (s: string) =>
      detail
        .getByTestId('case-state')
        .and(handler.locator(`[data-state="${s}"]`))
        .waitFor();
    await detail.getByTestId('case-accept').click();
    await state('in_progress');
    await detail.getByTestId('case-resolution').fill('经核实系分期费率配置错误,已退还多收的 120 元');
    await detail.getByTestId('case-resolve').click();
    await state('resolved');
    await detail.getByTestId('case-notify').click();
    await state('notified');
    await detail.getByTestId('case-feedback').click();
    await detail.getByTestId('close-root-cause').click();
    await handler.locator('.ant-select-item-option').filter({ hasText: '收费定价' }).click();
    await detail.getByTestId('close-remediation').fill('修正分期费率配置并复核同类账户');
    await detail.getByTestId('case-close').click();
    await state('closed');
    await detail.getByText('满意', { exact: true }).first().waitFor();
  });
});
