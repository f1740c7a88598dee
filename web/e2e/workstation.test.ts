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
  text,
  watchPage,
} from './harness.ts';

// The documented demo customer 张伟 (docs/demo-data.md).
const ZHANG = demoCustomer('zhang_wei');

describe('agent workstation: a lost card on a phone call', () => {
  let e2e: E2E;
  let page: Page;
  let seen: ReturnType<typeof watchPage>;
  before(async () => {
    e2e = await startE2E();
    page = await e2e.signIn('agent');
    seen = watchPage(page);
  });
  after(async () => {
    await e2e?.close();
  });

  it('takes a simulated call and pops the customer, identified but not verified', async () => {
    await page.waitForURL('**/desk');
    await page.getByTestId('simulate-call').click();
    await page.getByTestId('caller-number').fill(ZHANG.phone);
    await page.getByTestId('call-answer').click();
    await page.getByTestId('contact-panel').waitFor();
    // Masked name only; the greeting script carries the agent's ID (8001).
    const name = page.getByTestId('customer-name');
    await name.waitFor();
    assert.match(await text(name), /\*/);
    assert.notEqual(await text(name), ZHANG.name);
    assert.match(await text(page.getByTestId('stage-script')), /8001/);
    assert.equal(await text(page.getByTestId('verification-level')), '未核身');
  });

  it('keeps what the agent typed across a reload', async () => {
    await page.getByTestId('contact-notes').fill('客户称昨晚在地铁上丢失钱包,卡片一并丢失');
    await page.reload();
    await page.getByTestId('contact-panel').waitFor();
    assert.equal(await page.getByTestId('contact-notes').inputValue(), '客户称昨晚在地铁上丢失钱包,卡片一并丢失');
  });

  it('reads the customer’s words: type, intent and emotion from the NLU', async () => {
    await page.getByLabel('客户原话').fill('我的卡丢了,急死我了,快帮我冻结!');
    await page.getByLabel('客户原话').press('Enter');
    const result = page.getByRole('status').filter({ hasText: '识别结果' });
    await result.waitFor();
    assert.match(await text(result), /紧急/);
    assert.match(await text(page.getByTestId('assist-emotion')), /情绪.*(焦虑|不满)/);
    assert.deepEqual(seen.errors, []);
  });

  it('offers the approved answer for a question, with its source', async () => {
    await page.getByLabel('客户原话').fill('我这张卡的年费是多少钱一年?');
    await page.getByLabel('客户原话').press('Enter');
    const answer = page.getByTestId('assist-answer');
    // The earlier question's answer is cleared when this one is asked; wait for this one's.
    await answer.filter({ hasText: '年费' }).waitFor();
    assert.match(await text(answer), /年费/);
    assert.match(await text(answer), /来源/);
    // The agent uses it: the server keeps the suggestion and the outcome (learning from the desk).
    const recorded = page.waitForResponse((r) => /\/api\/kb\/suggestions\/[^/]+\/outcome$/.test(r.url()));
    await answer.getByTestId('assist-answer-use').click();
    assert.equal((await recorded).status(), 204);
    const stored = await e2e.runtime.deps.db.selectFrom('kb_suggestions').select(['question', 'outcome']).execute();
    assert.ok(stored.some((r) => r.question === '我这张卡的年费是多少钱一年?' && r.outcome === 'used'));
    assert.deepEqual(seen.errors, []);
  });

  it('verifies the caller with name and the last six of the ID number', async () => {
    await page.getByTestId('verify-name').fill(ZHANG.name);
    await page.getByTestId('verify-id6').fill(ZHANG.idLast6);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('verify-result').filter({ hasText: '核实通过' }).waitFor();
    await page.getByTestId('verification-level').filter({ hasText: '基础核身' }).waitFor();
  });

  it('stage scripts follow the contact: the need by type, verification by need, confirm asks and does not say goodbye', async () => {
    const script = page.getByTestId('stage-script');
    // Unclassified, the need stage asks and restates generically.
    await page.keyboard.press('Alt+3');
    await script.filter({ hasText: '需要咨询或办理什么业务' }).waitFor();
    // Classified as a loss report (an emergency): the same stage now restates it as one.
    await page.getByTestId('intent-select').click();
    await page.keyboard.type('挂失');
    await page.locator('.ant-select-item-option').filter({ hasText: '挂失' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存分类' }).click();
    await script.filter({ hasText: '别着急' }).waitFor();
    assert.match(await text(script), /挂失/);
    // Verification names what the loss report needs, and asks for no PIN, CVV2 or SMS code.
    await page.keyboard.press('Alt+2');
    await script.filter({ hasText: '核实您的身份' }).waitFor();
    assert.match(await text(script), /办理挂失前/);
    assert.match(await text(script), /不会向您索要卡片密码/);
    await page.keyboard.press('Alt+4');
    await script.filter({ hasText: '临时冻结卡片' }).waitFor();
    // Confirm: the satisfaction question, not the goodbye.
    await page.keyboard.press('Alt+5');
    await script.filter({ hasText: '是否已经解决' }).waitFor();
    assert.match(await text(script), /还有其他可以帮您的吗/);
    assert.doesNotMatch(await text(script), /再见|感谢您的来电/);
    assert.deepEqual(seen.errors, []);
  });

  it('quotes a cash installment with its APR from the engine before anything is agreed', async () => {
    const billOptions = page.waitForResponse((r) => r.url().includes('/installment-options?kind=bill'));
    await page.getByTestId('op-installment').click();
    // The statement's eligible amount is prefilled, with its range; or why it cannot be split is said at once.
    const bill = (await (await billOptions).json()) as { eligible: boolean; minFen: number; maxFen: number };
    if (bill.eligible) {
      await page.getByTestId('inst-range').waitFor();
      assert.equal(await page.getByTestId('inst-amount').inputValue(), (bill.maxFen / 100).toFixed(2));
    } else {
      await page.getByTestId('inst-not-eligible').waitFor();
    }
    // The level a plan needs is said up front, with the SMS code one click away.
    const required = page.getByTestId('inst-required-level');
    await required.getByText('强核身', { exact: false }).waitFor();
    await page.getByTestId('inst-send-otp').click();
    await required.getByText('验证码已发送至', { exact: false }).waitFor();
    const cashOptions = page.waitForResponse((r) => r.url().includes('/installment-options?kind=cash'));
    await page.locator('.ant-modal .ant-segmented').getByText('现金分期').click();
    // A bill installment of the same amount depends on the demo statement: fill in only once cash is chosen.
    await page.locator('.ant-modal .ant-segmented-item-selected').filter({ hasText: '现金分期' }).waitFor();
    const cash = (await (await cashOptions).json()) as { periods: number[] };
    await page.getByTestId('inst-range').getByText('¥500.00 – ¥50,000.00').waitFor();
    // The periods offered are the card product's own (18 where it has a rate for them), not a fixed list.
    await page.getByTestId('inst-periods').click();
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await offered.first().waitFor();
    // The dropdown renders its options in more than one pass: read them once they are all there.
    let texts = await offered.allTextContents();
    for (let i = 0; i < 50 && texts.length < cash.periods.length; i++) {
      await page.waitForTimeout(100);
      texts = await offered.allTextContents();
    }
    assert.deepEqual(
      texts.map((x) => Number.parseInt(x, 10)),
      cash.periods,
    );
    await offered.filter({ hasText: /^12/ }).click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await page.getByTestId('inst-amount').fill('12000');
    await page.getByTestId('inst-quote').click();
    const result = page.getByTestId('inst-quote-result');
    const refused = page.locator('.ant-message-error');
    await result.or(refused).first().waitFor();
    assert.equal(await refused.count(), 0, `quote refused: ${(await refused.allTextContents()).join(' / ')}`);
    assert.match(await text(result.getByTestId('inst-apr')), /^\d+\.\d{2}%$/);
    assert.match(await text(result.getByTestId('inst-notice')), /年化利率/);
    // Nothing is created until the customer's consent is recorded.
    assert.equal(await page.getByTestId('inst-accept').isDisabled(), true);
    await page.keyboard.press('Escape');
  });

  it('shows the limit eligibility before any change is asked for', async () => {
    await page.getByTestId('op-limit').click();
    const elig = page.getByTestId('limit-eligibility');
    await elig.getByText('当前额度').waitFor();
    await page.locator('.ant-modal .ant-segmented').getByText('永久提额').click();
    await elig.getByText('是否可提额').waitFor();
    await page.keyboard.press('Escape');
  });

  it('freezes the lost card with F2 and one confirmation, and the card shows frozen', async () => {
    const card = page.getByTestId(`card-${ZHANG.last4}`);
    await card.click();
    assert.equal(await card.getByTestId('card-status').getAttribute('data-status'), 'active');
    await page.keyboard.press('F2');
    await page.getByTestId('emergency-confirm-freeze').waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('emergency-frozen').waitFor();
    await page.keyboard.press('Escape');
    await card.getByTestId('card-status').and(page.locator('[data-status="frozen"]')).waitFor();
    // The dialog's closing animation must be over before the screenshot.
    await page.locator('.ant-modal').filter({ hasText: '紧急处置' }).waitFor({ state: 'hidden' });
    assert.equal(await text(card.getByTestId('card-status')), '已冻结');
    await screenshot(page, 'workstation');
    assert.deepEqual(seen.errors, []);
  });

  it('raises to strong with the code the caller keys in: the desk offers no box to type it into', async () => {
    await page
      .getByTestId('verification-panel')
      .locator('.ant-segmented-item')
      .filter({ hasText: '短信验证码' })
      .click();
    await page.getByTestId('otp-send').click();
    await page.getByTestId('otp-keypad-note').filter({ hasText: '验证码已发送至' }).waitFor();
    assert.match(await text(page.getByTestId('otp-keypad-note')), /话机键盘上输入.*不要请客户读出/);
    assert.equal(await page.getByTestId('verify-submit').count(), 0, 'no agent entry for a one-time code');
    // Demo mode: the agent plays the caller at the keypad.
    await page.getByTestId('demo-keypad').fill(await demoCodeFor(e2e, ZHANG.phone));
    await page.getByTestId('demo-keypad-send').click();
    await page.getByTestId('verify-result').filter({ hasText: '核实通过' }).waitFor();
    await page.getByTestId('verification-level').filter({ hasText: '强核身' }).waitFor();
    assert.deepEqual(seen.errors, []);
  });
});
