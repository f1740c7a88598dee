import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromiumMissing, type E2E, startE2E, watchPage } from './harness.ts';

describe('web shell', { skip: chromiumMissing }, () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  it('signs an admin in, shows the users table, and switches to English', async () => {
    const page = await e2e.signIn('admin');
    const seen = watchPage(page);
    await page.waitForURL('**/admin');
    await page.getByRole('cell', { name: 'supervisor', exact: true }).waitFor();
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: 'Users and roles' }).waitFor();
    assert.deepEqual(seen.errors, []);
  });
});
