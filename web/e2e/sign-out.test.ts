import assert from 'node:assert/strict';
import { after, before, chromiumMissing, describe, type E2E, it, startE2E } from './harness.ts';

/** Finding 16: what an agent typed must not outlive the session on a shared or lost device. */
describe('signing out', { skip: chromiumMissing }, () => {
  let e2e: E2E;
  before(async () => {
    e2e = await startE2E();
  });
  after(async () => {
    await e2e?.close();
  });

  it("finding 16: signing out clears the agent's local drafts and the remembered contact", async () => {
    const page = await e2e.signIn('agent');
    await page.waitForURL('**/desk');
    await page.evaluate(() => {
      localStorage.setItem('carddesk.draft.contact-1.note', JSON.stringify('客户反映年费问题'));
      localStorage.setItem('carddesk.draft.contact-1.reply', JSON.stringify('您好'));
    });
    const userId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('carddesk.session') ?? '{}').user.id);
    await page.evaluate((id) => localStorage.setItem(`carddesk.desk.active.${id}`, 'contact-1'), userId);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    const left = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('carddesk.draft.') || k.startsWith('carddesk.desk.active.')),
    );
    assert.deepEqual(left, []);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('carddesk.session')), null);
  });
});
