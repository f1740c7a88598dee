import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { after, apiAs, before, describe, type E2E, it, startE2E, watchPage } from './harness.ts';

describe('admin portal', () => {
  let e2e: E2E;
  let page: Page;
  let seen: ReturnType<typeof watchPage>;
  before(async () => {
    e2e = await startE2E();
    page = await e2e.signIn('admin');
    seen = watchPage(page);
  });
  after(async () => {
    await e2e?.close();
  });

  it('lands an admin on administration with the users and their roles', async () => {
    await page.waitForURL('**/admin');
    await page.getByRole('cell', { name: 'supervisor', exact: true }).waitFor();
    await page.getByRole('cell', { name: '班组长/主管' }).first().waitFor();
  });

  it('shows the card products with their terms and the modules’ rule settings', async () => {
    await page.getByRole('tab', { name: '卡产品' }).click();
    await page.getByText('STD', { exact: true }).waitFor();
    await page.getByRole('tab', { name: '规则设置' }).click();
    // The boxes render before their settings arrive: wait for each module's settings to fill its box.
    await filledWith(page, /联络与核身规则/, '"accessLevels"');
    await filledWith(page, /工单规则/, '"dayBasis"');
    assert.match(await page.getByRole('textbox', { name: /联络与核身规则/ }).inputValue(), /"accessLevels"/);
  });

  it('refuses invalid settings with the server’s message and changes nothing', async () => {
    const cases = page.getByRole('textbox', { name: /工单规则/ });
    const before = await cases.inputValue();
    await cases.fill('{"dayBasis": "lunar"}');
    await page.getByRole('button', { name: '保 存' }).nth(1).click();
    await page.locator('.ant-message-error').waitFor();
    await page.getByRole('button', { name: '还 原' }).nth(1).click();
    assert.equal(await cases.inputValue(), before);
    assert.match(before, /"dayBasis": "calendar"/);
    const stored = await apiAs<{ dayBasis: string }>(e2e, 'admin', '/api/cases/settings');
    assert.equal(stored.dayBasis, 'calendar');
  });

  it('switches the interface to English', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: 'Users and roles' }).waitFor();
    assert.deepEqual(seen.errors, []);
  });
});

async function filledWith(page: Page, name: RegExp, fragment: string): Promise<void> {
  const box = await page.getByRole('textbox', { name }).elementHandle();
  await page.waitForFunction(
    ([el, text]) => (el as HTMLTextAreaElement).value.includes(text as string),
    [box, fragment] as const,
    { timeout: 10_000 },
  );
}
