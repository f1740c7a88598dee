import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { createUser } from '../../server/src/platform/auth/auth.service.ts';
import {
  after,
  apiAs,
  before,
  DEMO_PASSWORD,
  demoCodeFor,
  demoCustomer,
  describe,
  type E2E,
  it,
  startE2E,
  takeFromQueue,
  text,
  turnSaying,
  watchPage,
} from './harness.ts';

// The documented demo customer 李娜 (docs/demo-data.md) chats.
const LI_NA = demoCustomer('li_na').phone;

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
    await turnSaying(agent, '账单的事').waitFor();

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

    // The lead also opens a calibration round on this contact while it is in the queue (scored blind later).
    await qa.locator('.ant-drawer-close').click();
    await detail.waitFor({ state: 'detached' });
    await qa.getByRole('tab', { name: '校准' }).click();
    await qa.getByTestId('qa-calibration-pick').click();
    await qa.locator('.ant-select-item-option').first().click();
    await qa.getByTestId('qa-calibration-start').click();
    await qa.getByTestId('qa-calibration').locator('button[data-testid^="qa-calibration-score-"]').first().waitFor();
    await qa.getByRole('tab', { name: '抽检队列' }).click();
    await qa.getByTestId('qa-queue').locator('tbody tr[data-contact]').first().click();
    await detail.getByTestId('qa-evidence').first().waitFor();
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

  it('calibration: two inspectors score the contact blind, the lead is the reference, deviations show by name and item, the agent’s result is untouched', async () => {
    // The agent's released result as it stands: the list row (score) and the findings.
    const mine = agent.getByTestId('qa-inspection');
    const agentView = async () => {
      await agent.getByRole('button', { name: /返回列表/ }).click();
      const row = agent.getByTestId('my-qa-list').locator('tbody tr.ant-table-row').first();
      const score = await text(row);
      await row.click();
      await mine.getByTestId('qa-result-forbidden_words').waitFor();
      return { score, results: await mine.locator('[data-testid^="qa-result-"]').allTextContents() };
    };
    const before = await agentView();

    // Two more inspectors on the QA team.
    const admin = { ...e2e.runtime.deps, actor: systemActor('e2e') };
    for (const [username, displayName] of [
      ['qa_zhou', '周敏'],
      ['qa_wu', '吴婷'],
    ] as const) {
      await createUser(
        admin,
        { username, displayName, role: 'qa', password: DEMO_PASSWORD, agentNo: null, departmentId: null },
        { skipStrength: true },
      );
    }

    /** Scores every item of the open round blind; `differ` gets the opposite of the lead's choice. */
    const scoreBlind = async (page: Page, choices: Record<string, '通过' | '不通过' | '不适用'>) => {
      await page.getByRole('tab', { name: '校准' }).click();
      const round = page.getByTestId('qa-calibration').locator('button[data-testid^="qa-calibration-score-"]').first();
      await round.click();
      const form = page.getByTestId('qa-calibration-form');
      await form.waitFor();
      // Blind: the transcript only, nothing the machine found.
      await form.getByText('这个我也不知道').first().waitFor();
      assert.equal(await form.getByTestId('qa-evidence').count(), 0, 'no machine evidence in the blind form');
      assert.equal(
        await form.locator('[data-testid^="qa-result-"]').count(),
        0,
        'no machine results in the blind form',
      );
      const groups = form.locator('[data-testid^="qa-calibration-item-"]');
      const n = await groups.count();
      assert.ok(n >= 9, `${n} items to score`);
      for (let i = 0; i < n; i++) {
        const group = groups.nth(i);
        const code = String(await group.getAttribute('data-testid')).replace('qa-calibration-item-', '');
        await group.getByText(choices[code] ?? '通过', { exact: true }).click();
      }
      await form.getByTestId('qa-calibration-submit').click();
      await page.locator('.ant-message').getByText('评分已提交').waitFor();
      await form.waitFor({ state: 'hidden' });
    };
    const lead = {
      forbidden_words: '不通过',
      apology_empathy: '不适用',
      timely_reply: '不适用',
    } as const;

    const zhou = await e2e.signIn('qa_zhou', '/qa');
    const wu = await e2e.signIn('qa_wu', '/qa');
    seen.push(watchPage(zhou), watchPage(wu));
    await scoreBlind(zhou, { ...lead, forbidden_words: '通过' });
    await scoreBlind(wu, { ...lead, forbidden_words: '通过', closing_phrase: '不通过' });
    // Still open: nobody but the lead may close it, and no one sees the others' scores.
    const zhouRounds = zhou.getByTestId('qa-calibration');
    assert.equal(await zhouRounds.locator('button[data-testid^="qa-calibration-close-"]').count(), 0);
    assert.equal(await zhouRounds.locator('button[data-testid^="qa-calibration-report-"]').count(), 0);
    assert.equal(await zhou.getByTestId('qa-calibration-report').count(), 0);

    await qa.getByRole('tab', { name: '校准' }).click();
    await scoreBlind(qa, lead);
    await qa.getByTestId('qa-calibration').locator('button[data-testid^="qa-calibration-close-"]').first().click();
    const report = qa.getByTestId('qa-calibration-report');
    await report.waitFor();
    assert.match(await text(report.getByTestId('qa-calibration-lead')), /赵质检/);
    const inspectorRow = (name: string) => report.locator(`tr[data-inspector="${name}"]`);
    // 周敏 differs from the lead on one item of nine, 吴婷 on two.
    assert.match(await text(inspectorRow('周敏')), /^周敏\s*9\s*1\s*11\.1%$/);
    assert.match(await text(inspectorRow('吴婷')), /^吴婷\s*9\s*2\s*22\.2%$/);
    assert.equal(await report.getByText(/^01[0-9A-Z]{24}$/).count(), 0, 'no user ids shown');
    const itemRow = (code: string) => report.locator(`tr[data-item="${code}"]`);
    assert.match(await text(itemRow('forbidden_words')), /^未使用服务禁语\s*2\s*2\s*100\.0%$/);
    assert.match(await text(itemRow('closing_phrase')), /^结束语\(感谢\/道别\)\s*2\s*1\s*50\.0%$/);
    assert.match(await text(itemRow('greeting_agent_id')), /0\.0%$/);

    // The other inspectors see the deviations once the round is closed.
    await zhou.reload();
    await zhou.getByRole('tab', { name: '校准' }).click();
    await zhou.getByTestId('qa-calibration').locator('button[data-testid^="qa-calibration-report-"]').first().click();
    await zhou.getByTestId('qa-calibration-report').locator('tr[data-inspector="吴婷"]').waitFor();

    // Kept out of the agent's results: the same findings and score, and no way to the calibration rounds.
    assert.deepEqual(await agentView(), before);
    assert.equal(await mine.getByText('校准').count(), 0);
    await assert.rejects(apiAs(e2e, 'agent', '/api/qa/calibrations'), /403/);
    for (const s of seen) assert.deepEqual(s.errors, []);
  });

  it('the QA lead sets the random share per agent per week; the supervisor reads the rules', async () => {
    await qa.getByRole('tab', { name: '抽检规则' }).click();
    // antd puts the test id on the input itself.
    const share = qa.locator('input[data-testid="qa-sampling-random-share"]');
    await share.fill('10');
    await qa.getByTestId('qa-sampling-save').click();
    await qa.locator('.ant-message').getByText('抽检规则已保存').waitFor();
    assert.equal((await apiAs<{ randomShare: number }>(e2e, 'supervisor', '/api/qa/sampling-rules')).randomShare, 0.1);

    await supervisor.reload();
    await supervisor.getByRole('tab', { name: '抽检规则' }).click();
    const read = supervisor.locator('input[data-testid="qa-sampling-random-share"]');
    await read.waitFor();
    for (let i = 0; i < 50 && (await read.inputValue()) !== '10'; i++) await supervisor.waitForTimeout(100);
    assert.equal(await read.inputValue(), '10');
    assert.ok(await read.isDisabled(), 'read-only for the supervisor');
    assert.equal(await supervisor.getByTestId('qa-sampling-save').count(), 0);
    for (const s of seen) assert.deepEqual(s.errors, []);
  });
});
