import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import { createRuntime, type Runtime, seedDemo } from '../../server/src/bootstrap.ts';
import { loadConfig } from '../../server/src/config.ts';
import { generateKeySpec } from '../../server/src/platform/pii/keyring.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/db.ts';

/**
 * Browser tests drive the real product: the built web bundle served by the real server, in process, on a
 * random port, over a fresh database (SQLite file, or PostgreSQL when CARDDESK_TEST_PG is set), with the
 * demo data seeded, and Debian's Chromium driven by playwright-core.
 */
export const CHROMIUM = process.env.CARDDESK_CHROMIUM ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'carddesk-demo';
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../dist/index.html', import.meta.url));

export const chromiumMissing = !existsSync(CHROMIUM)
  ? `browser tests skipped: ${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)`
  : !existsSync(WEB_DIST)
    ? 'browser tests skipped: web/dist is missing (npm run build --workspace web)'
    : false;

export interface E2E {
  url: string;
  runtime: Runtime;
  browser: Browser;
  db: TestDatabase;
  /** A fresh browser context (its own cookies and storage), like a second person at another machine. */
  context(options?: { mobile?: boolean }): Promise<BrowserContext>;
  /** A page in a new context, signed in as a demo user. */
  signIn(username: string, path?: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const db = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: db.url,
    CARDDESK_MASTER_KEY: generateKeySpec('e2e'),
    CARDDESK_DEMO: '1',
    CARDDESK_DEMO_PASSWORD: DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
  });
  const runtime = await createRuntime(config);
  await seedDemo(runtime, { customers: 12, months: 3, seed: 7 });
  const app = await buildApp(runtime.deps, runtime.modules);
  runtime.worker.start(200);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const contexts: BrowserContext[] = [];
  const e2e: E2E = {
    url,
    runtime,
    browser,
    db,
    async context(options = {}) {
      const ctx = await browser.newContext({
        baseURL: url,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: options.mobile ? { width: 390, height: 780 } : { width: 1440, height: 900 },
        ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      });
      ctx.setDefaultTimeout(15_000);
      contexts.push(ctx);
      return ctx;
    },
    async signIn(username, path = '/') {
      const ctx = await e2e.context();
      const page = await ctx.newPage();
      await page.goto(path);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('whoami').waitFor();
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await app.close();
      await runtime.close();
      await db.drop();
    },
  };
  return e2e;
}

/** Fails the test on any uncaught error in the page and on any dialog (alert/confirm) that opens. */
export function watchPage(page: Page): { errors: string[]; dialogs: string[] } {
  const seen = { errors: [] as string[], dialogs: [] as string[] };
  page.on('pageerror', (err) => seen.errors.push(err.message));
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return seen;
}

/**
 * Proves Chinese text is drawn with a CJK font rather than tofu boxes: the font is available and a
 * Chinese string measures differently from the same number of "missing glyph" boxes.
 */
export async function assertCjkGlyphs(page: Page): Promise<void> {
  const result = await page.evaluate(async () => {
    await document.fonts.ready;
    const canvas = document.createElement('canvas');
    const g = canvas.getContext('2d');
    if (!g) return { ok: false, why: 'no canvas' };
    g.font = '16px "Noto Sans CJK SC"';
    const cjk = g.measureText('信用卡客服工作台').width;
    // U+10FFFF is never a glyph: every font draws it as the missing-glyph box.
    const tofu = g.measureText('\u{10FFFF}'.repeat(8)).width;
    return { ok: document.fonts.check('16px "Noto Sans CJK SC"') && cjk > 0 && cjk !== tofu, why: `${cjk} vs ${tofu}` };
  });
  if (!result.ok) throw new Error(`Chinese glyphs do not render (${result.why}); install fonts-noto-cjk`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await assertCjkGlyphs(page);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}
