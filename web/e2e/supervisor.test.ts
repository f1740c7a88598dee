import assert from 'node:assert/strict';
import { CLOCK_RUNNING_STATES } from '../../server/src/modules/cases/case.ts';
import { markComplex, requestExtension } from '../../server/src/modules/cases/clock.service.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { after, before, describe, type E2E, it, screenshot, startE2E, text, watchPage } from './harness.ts';

describe('supervisor dashboard and knowledge editor', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  it('renders the live floor and every chart from the seeded data', async () => {
    const page = await e2e.signIn('supervisor');
    const seen = watchPage(page);
    await page.waitForURL('**/supervisor');
    await page.getByTestId('live-floor').getByText('李晓婷').waitFor();
    // The root-cause donut counts closed complaints only; a period without any says so instead.
    await page.getByTestId('chart-root-cause').or(page.getByTestId('root-cause-empty')).first().waitFor();
    const causes = (await page.getByTestId('chart-root-cause').count()) > 0 ? ['chart-root-cause'] : [];
    for (const chart of ['chart-by-type', 'chart-intents', ...causes, 'chart-product', 'chart-sla']) {
      const canvas = page.getByTestId(chart).locator('canvas');
      await canvas.waitFor();
      const box = await canvas.boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `${chart} has a drawing surface`);
    }
    // The seeded period has contacts and complaints: the figures are numbers, not dashes.
    const kpis = await text(
      page
        .getByTestId('supervisor-dashboard')
        .locator('.ant-statistic')
        .filter({ hasText: /^联络量/ })
        .locator('.ant-statistic-content'),
    );
    assert.match(kpis, /^\d+$/);
    assert.ok(Number(kpis) > 0, 'seeded contacts are counted');
    // Charts have drawn something: a canvas with non-blank pixels.
    const painted = await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid="chart-by-type"] canvas');
      const g = c.getContext('2d');
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    })()`);
    assert.ok(Number(painted) > 1000, 'the contacts chart is drawn');
    // Tall enough to show the complaint charts and the deadline list too.
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.getByTestId('deadline-cases').waitFor();
    await screenshot(page, 'supervisor-dashboard');
    assert.deepEqual(seen.errors, []);
  });

  it('an editor drafts and submits an article; a supervisor approves it and it is published', async () => {
    const editor = await e2e.signIn('kb_editor');
    const seen = watchPage(editor);
    await editor.waitForURL('**/kb');
    await editor.getByTestId('kb-new').click();
    await editor.getByTestId('kb-title').fill('境外用卡:外币交易如何入账');
    await editor.getByTestId('kb-body').fill('## 入账规则\n- 外币交易按交易日汇率折算入账\n- **境外取现**收取手续费');
    await editor.getByTestId('kb-questions').fill('境外刷卡怎么入账\n外币消费按什么汇率');
    await editor.getByTestId('kb-save').click();
    await editor.getByTestId('kb-status').and(editor.locator('[data-status="draft"]')).waitFor();
    await editor.locator('#main').evaluate((el) => el.scrollTo(0, 0));
    await editor.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await screenshot(editor, 'knowledge-editor');
    // No sideways scroll at the common desk widths: the preview goes below the form where both do not fit.
    for (const width of [1280, 1440]) {
      await editor.setViewportSize({ width, height: 900 });
      for (const box of [editor.locator('#main'), editor.getByTestId('kb-article')]) {
        const overflow = await box.evaluate((el) => el.scrollWidth - el.clientWidth);
        assert.ok(overflow <= 0, `${width} px: ${overflow} px sideways`);
      }
    }
    await editor.getByTestId('kb-submit').click();
    await editor.getByTestId('kb-status').and(editor.locator('[data-status="in_review"]')).waitFor();
    // The author may not approve their own version (four eyes): no button the server would refuse.
    assert.equal(await editor.getByTestId('kb-approve').count(), 0);
    assert.equal(await editor.getByTestId('kb-submit').count(), 0);
    assert.deepEqual(seen.errors, []);

    const reviewer = await e2e.signIn('supervisor', '/kb');
    // A supervisor reviews but does not write articles.
    await reviewer.getByTestId('kb-editor').waitFor();
    assert.equal(await reviewer.getByTestId('kb-new').count(), 0);
    await reviewer.getByText('境外用卡:外币交易如何入账').click();
    await reviewer.getByTestId('kb-approve').click();
    await reviewer.getByTestId('kb-status').and(reviewer.locator('[data-status="published"]')).waitFor();
  });

  it('the head office lands on the extensions asked of it and approves one with a note', async () => {
    // A branch asks for the 30 more days on a running complaint (what a supervisor does from the case).
    const { db } = e2e.runtime.deps;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const row = await db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('kind', '=', 'complaint')
      .where('state', 'in', [...CLOCK_RUNNING_STATES])
      .where('due_date', '>=', today)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const ctx = { ...e2e.runtime.deps, actor: systemActor('e2e-branch') };
    await markComplex(ctx, row.id, '涉及多家商户的交易核查');
    await requestExtension(ctx, row.id, '需等待收单机构提供调单材料');

    const head = await e2e.signIn('head_office');
    const seen = watchPage(head);
    await head.waitForURL('**/head-office');
    const rows = head.getByTestId('extension-cases').locator('.ant-table-row');
    await rows.filter({ hasText: row.number }).click();
    await head.getByTestId('extension-reason').getByText('需等待收单机构提供调单材料').waitFor();
    await head.getByTestId('extension-note').fill('情况特别复杂,同意延期');
    await head.getByTestId('extension-approve').click();
    await rows.filter({ hasText: row.number }).waitFor({ state: 'detached' });
    const approved = await db
      .selectFrom('cases')
      .select(['extension_status', 'extension_approver_position'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(approved, { extension_status: 'approved', extension_approver_position: '总行投诉管理岗' });
    assert.deepEqual(seen.errors, []);
  });
});
