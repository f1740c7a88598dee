import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import {
  after,
  before,
  demoCodeFor,
  describe,
  type E2E,
  it,
  startE2E,
  takeFromQueue,
  text,
  watchPage,
} from './harness.ts';

// The documented demo customer 李娜 (docs/demo-data.md) chats.
const LI_NA = '13900139000';

/** Clicks "刷新" in the QA queue until a row for the contact shows (the inspection job runs after the close). */
async function queueRow(page: Page): Promise<void> {
  const rows = page.getByTestId('qa-queue').locator('tbody tr[data-contact]:not([data-contact=""])');
  for (let i = 0; i < 50 && (await rows.count()) === 0; i++) {
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await page.waitForTimeout(200);
  }
  await rows.first().waitFor();
}

describe('quality inspection: a forbidden phrase in a closed chat, reviewed, appealed and ruled; the real-time guard', () => {
  let e2e: E2E;
  let agent: Page;
  let qa: Page;
  let supervisor: Page;
  let seen: ReturnType<typeof watchPage>[];
  before(async () => {
    e2e = await startE2E({ chatFirst: 'person' });
    agent = await e2e.signIn('agent');
    seen = [watchPage(agent)];
  });
  after(async () => {
    await e2e?.close();
  });

  it('warns on a draft that asks for the CVV2 and blocks the send until rephrased; a forbidden phrase is named', async () => {
    const customer = await (await e2e.context({ mobile: true })).newPage();
    await customer.goto('/chat');
    await customer.getByTestId('chat-phone').fill(LI_NA);
    await customer.getByTestId('chat-send-code').click();
    await customer.getByTestId('chat-code').waitFor();
    await customer.getByTestId('chat-code').fill(await demoCodeFor(e2e, LI_NA));
    await customer.getByTestId('chat-first').fill('我想问一下账单的事');
    await customer.getByTestId('chat-start').click();
    await customer.getByTestId('chat-status').getByText('正在为您接通').waitFor();

    await takeFromQueue(agent, '账单的事');
    await agent.getByTestId('transcript').getByText('账单的事').waitFor();

    const reply = agent.getByTestId('agent-reply');
    await reply.fill('为了核实身份,请把卡背面的三位安全码告诉我');
    const fatal = agent.getByTestId('qa-guard-no_sensitive_request');
    await fatal.waitFor();
    assert.match(await text(fatal), /质检红线/);
    assert.ok(await agent.getByTestId('agent-send').isDisabled(), 'a fatal rule blocks the send');

    await reply.fill('这个我也不知道');
    await agent.getByTestId('qa-guard-forbidden_words').waitFor();
    await fatal.waitFor({ state: 'detached' });
    assert.ok(await agent.getByTestId('agent-send').isEnabled(), 'a warning does not block');
    await agent.getByTestId('agent-send').click();
    await customer.getByTestId('chat-log').getByText('这个我也不知道').waitFor();
    await reply.fill('请问还有其他问题吗?感谢您的咨询,再见');
    await agent.getByTestId('agent-send').click();
    await customer.getByTestId('chat-log').getByText('再见').waitFor();
  });

  it('the closed chat appears in the QA queue with the forbidden phrase highlighted; the inspector confirms and releases', async () => {
    // Classify (a contact cannot be closed unclassified) and end it.
    await agent.getByTestId('intent-select').click();
    await agent.locator('.ant-select-item-option:not(.ant-select-item-option-selected)').first().click();
    await agent.getByRole('button', { name: '保存分类' }).click();
    await agent.waitForFunction(() =>
      [...document.querySelectorAll('button')].some((b) => b.textContent === '保存分类' && b.disabled),
    );
    await agent.getByTestId('close-contact').click();
    const dialog = agent.locator('.ant-modal').filter({ hasText: '结束联络' });
    const reason = dialog.getByPlaceholder('例如:客户挂断');
    if (await reason.count()) await reason.fill('测试结束');
    await dialog.getByRole('button', { name: /结\s*束/ }).click();
    await agent.getByTestId('contact-panel').waitFor({ state: 'detached' });

    qa = await e2e.signIn('qa');
    seen.push(watchPage(qa));
    await qa.getByTestId('qa-portal').waitFor();
    await queueRow(qa);
    await qa.getByTestId('qa-queue').locator('tbody tr[data-contact]').first().click();
    const detail = qa.getByTestId('qa-inspection');
    const evidence = detail.getByTestId('qa-evidence').first();
    await evidence.waitFor();
    assert.match(await text(evidence), /不知道/);
    // The highlighted turn is the agent's.
    assert.equal(
      await detail
        .locator('[data-turn]', { has: qa.getByTestId('qa-evidence') })
        .first()
        .getAttribute('data-speaker'),
      'agent',
    );
    assert.equal(await text(detail.getByTestId('qa-result-forbidden_words')), 'fail');
    await detail.getByTestId('qa-confirm-forbidden_words').click();
    await detail.getByText('已确认').first().waitFor();
    await detail.getByTestId('qa-release').click();
    await detail.getByTestId('qa-release').waitFor({ state: 'detached' });
  });

  it('the agent sees the released result and appeals the finding', async () => {
    await agent.getByTestId('my-qa').click();
    const list = agent.getByTestId('my-qa-list');
    await list.locator('tbody tr.ant-table-row').first().click();
    const detail = agent.getByTestId('qa-inspection');
    await detail.getByTestId('qa-evidence').first().waitFor();
    await detail.getByTestId('qa-appeal-forbidden_words').click();
    await agent.getByTestId('qa-appeal-comment').fill('我是在复述客户的原话,并非对客户说');
    await agent.locator('.ant-modal').filter({ hasText: '提交申诉' }).getByRole('button', { name: '提交申诉' }).click();
    await detail.getByTestId('qa-appeal-status-forbidden_words').filter({ hasText: '待复核' }).waitFor();
  });

  it('the inspector re-inspects and the supervisor rules finally; the agent sees the ruling', async () => {
    await qa.locator('.ant-drawer-close').click();
    await qa.getByTestId('qa-inspection').waitFor({ state: 'detached' });
    await qa.getByRole('tab', { name: '申诉' }).click();
    const inbox = qa.getByTestId('qa-appeals');
    await inbox.getByText('复述客户的原话').waitFor();
    await inbox.locator('input[data-testid^="qa-appeal-note-"]').first().fill('语境为复述,建议推翻');
    await inbox.locator('button[data-testid^="qa-appeal-overturned-"]').first().click();
    await inbox.getByText('复述客户的原话').waitFor({ state: 'detached' });

    supervisor = await e2e.signIn('supervisor', '/qa');
    seen.push(watchPage(supervisor));
    await supervisor.getByTestId('qa-portal').waitFor();
    await supervisor.getByRole('tab', { name: '申诉' }).click();
    const toRule = supervisor.getByTestId('qa-appeals');
    await toRule.getByText('建议推翻').waitFor();
    await toRule.locator('input[data-testid^="qa-appeal-note-"]').first().fill('同意复核意见');
    await toRule.locator('button[data-testid^="qa-appeal-overturned-"]').first().click();
    await toRule.getByText('建议推翻').waitFor({ state: 'detached' });

    await agent.getByRole('button', { name: /返回列表/ }).click();
    await agent.getByTestId('my-qa-list').locator('tbody tr.ant-table-row').first().click();
    const detail = agent.getByTestId('qa-inspection');
    await detail.getByTestId('qa-appeal-status-forbidden_words').filter({ hasText: '已裁定' }).waitFor();
    assert.equal(await text(detail.getByTestId('qa-result-forbidden_words')), 'pass');
    assert.equal(await detail.getByTestId('qa-appeal-forbidden_words').count(), 0, 'no appeal after the ruling');
    for (const s of seen) assert.deepEqual(s.errors, []);
  });

  it('the supervisor sees the figures as bar charts and downloads the results in Excel', async () => {
    await supervisor.getByRole('tab', { name: '质检统计' }).click();
    const items = supervisor.getByTestId('qa-chart-items');
    await items.waitFor();
    assert.equal(await items.getAttribute('data-series'), '未通过率');
    assert.equal(await supervisor.getByTestId('qa-chart-agents').getAttribute('data-series'), '平均分');
    await supervisor.getByTestId('qa-chart-teams').waitFor();
    assert.ok((await items.locator('canvas').count()) >= 1, 'drawn by ECharts');
    const [file] = await Promise.all([
      supervisor.waitForEvent('download'),
      supervisor.getByRole('button', { name: /导出质检结果/ }).click(),
    ]);
    assert.equal(file.suggestedFilename(), 'qa-results.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(String(await file.path()));
    const sheet = wb.getWorksheet('质检结果');
    assert.ok(sheet, 'the results sheet');
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    assert.equal(header[0], '质检时间(北京时间 UTC+8)');
    assert.ok(sheet.rowCount >= 2, 'the inspected chat has a row');
    for (const s of seen) assert.deepEqual(s.errors, []);
  });
});
