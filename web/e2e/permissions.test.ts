import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { after, before, DEMO_PASSWORD, describe, type E2E, it, startE2E, watchPage } from './harness.ts';

/** The console's menu entries, in order. */
async function menu(page: Page): Promise<string[]> {
  await page.locator('.ant-menu').first().waitFor();
  return (await page.locator('.ant-menu-item').allTextContents()).map((s) => s.trim());
}

/**
 * The console shows and hides by the permissions the server's policy gives (the sign-in answer), not by a
 * role matrix of its own: each role lands where its permissions lead, and a changed permission list changes
 * what is shown for the same role.
 */
describe('console by permission', () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  it('lands each role where its permissions lead, with the menu entries it may use', async () => {
    const expected: Array<[string, string, string[] | null]> = [
      ['qa', '/qa', ['监控看板', '智能质检']],
      ['kb_editor', '/kb', ['知识库']],
      ['admin', '/admin', ['监控看板', '系统管理']],
      ['supervisor', '/supervisor', ['监控看板', '知识库', '智能质检']],
      ['senior_agent', '/desk', null],
    ];
    for (const [username, home, entries] of expected) {
      const page = await e2e.signIn(username);
      const seen = watchPage(page);
      await page.waitForURL(`**${home}`);
      if (entries) assert.deepEqual(await menu(page), entries, username);
      assert.deepEqual(seen.errors, [], username);
      await page.context().close();
    }
  });

  it('gives a department handler the hand-over inbox rather than the front-line desk', async () => {
    const page = await e2e.signIn('dept_handler');
    await page.waitForURL('**/desk');
    await page.getByTestId('handover-list').waitFor();
    await page.context().close();
  });

  it('follows the permissions, not the role: the same role with another permission list sees other pages', async () => {
    const ctx = await e2e.context();
    const page = await ctx.newPage();
    // The sign-in answer for a QA inspector, given administration too: the console must follow it.
    await page.route('**/api/auth/login', async (route) => {
      const response = await route.fetch();
      const json = (await response.json()) as { user: { role: string; permissions: string[] } };
      assert.equal(json.user.role, 'qa');
      assert.ok(!json.user.permissions.includes('users.manage'));
      json.user.permissions.push('users.manage');
      await route.fulfill({ response, json });
    });
    await page.goto('/');
    await page.getByTestId('login-username').fill('qa');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/admin');
    assert.deepEqual(await menu(page), ['监控看板', '智能质检', '系统管理']);
    await ctx.close();
  });
});
