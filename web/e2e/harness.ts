import { existsSync, mkdirSync } from 'node:fs';
import * as test from 'node:test';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { buildApp } from '../../server/src/app.ts';
import { createRuntime, type Runtime, seedDemo } from '../../server/src/bootstrap.ts';
import { DEFAULT_BOT_ROUTING, setBotRouting } from '../../server/src/modules/bot/index.ts';
import { fixedCustomer } from '../../server/src/modules/cards/index.ts';
import { systemActor } from '../../server/src/platform/auth/actor.ts';
import { generateKeySpec } from '../../server/src/platform/pii/keyring.ts';
import { maskPhone } from '../../server/src/platform/pii/mask.ts';
import { DEMO_PASSWORD, TEST_DEMO, testConfig } from '../../server/test/context.ts';
import { createTestDatabase, type TestDatabase } from '../../server/test/db.ts';
import { obtainTemplate, TEMPLATE_DIR } from '../../server/test/template.ts';

/**
 * Browser tests drive the real product: the built web bundle served by the real server, in process, on a
 * random port, over a database of their own (SQLite file, or PostgreSQL when CARDDESK_TEST_PG is set) with
 * the demo data (a copy of the run's seeded template, see `demoDatabase`), and Debian's Chromium driven by
 * playwright-core.
 */
export { DEMO_PASSWORD };

/**
 * A documented demo customer (docs/demo-data.md) as the desk asks for them: mobile, name, the last six
 * characters of the ID number (a verification factor) and the primary card's last four digits.
 */
export function demoCustomer(key: string) {
  const c = fixedCustomer(key);
  return { phone: c.phone, name: c.name, idLast6: c.idNumber.slice(-6), last4: c.last4 };
}
export const CHROMIUM = process.env.CARDDESK_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../dist/index.html', import.meta.url));

const unavailable = !existsSync(CHROMIUM)
  ? `${CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)`
  : !existsSync(WEB_DIST)
    ? 'web/dist is missing (npm run build --workspace web)'
    : undefined;

/** In CI a browser test that cannot run is a failure; elsewhere it is reported as skipped. */
export const IN_CI = ['1', 'true'].includes(process.env.CI ?? '');
export const chromiumMissing: string | false = unavailable && !IN_CI ? `browser tests skipped: ${unavailable}` : false;

/**
 * `before`, `after` and `it` for browser journeys. Without a browser (outside CI) every journey is reported
 * as skipped one by one, so the runner's count of skipped tests is honest (a skipped `describe` counts none),
 * and the hooks that would start the browser do not run. In CI they run, and `startE2E` fails them.
 */
export const before = (fn: () => Promise<void>) => test.before(chromiumMissing ? () => {} : fn);
export const after = (fn: () => Promise<void>) => test.after(chromiumMissing ? () => {} : fn);
export const it = (name: string, fn: () => Promise<void>) =>
  test.it(name, { skip: chromiumMissing }, async () => {
    trail.length = 0;
    try {
      await fn();
    } catch (err) {
      // A timeout says only what did not appear; what the pages saw meanwhile (failed API calls, page
      // errors) usually says why.
      if (err instanceof Error && trail.length > 0) {
        const saw = `\nwhat the browser saw:\n  ${trail.join('\n  ')}`;
        err.message += saw;
        if (err.stack) err.stack += saw;
      }
      throw err;
    }
  });

/** The last failed API responses, page errors and console errors of the running journey. */
const trail: string[] = [];
function note(line: string): void {
  trail.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
  if (trail.length > 40) trail.shift();
}
function watchForTrail(page: Page): void {
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/'))
      note(`${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
  });
  page.on('pageerror', (e) => note(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') note(`console: ${m.text().slice(0, 300)}`);
  });
}

export { describe } from 'node:test';

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

/**
 * `chatFirst: 'person'` sends customer chats straight to the agents' queue (the routing setting), for the
 * journeys about the people's desk; by default chats start with the chat assistant, as in the product.
 */
export async function startE2E(options: { chatFirst?: 'bot' | 'person' } = {}): Promise<E2E> {
  if (unavailable) throw new Error(`browser tests cannot run: ${unavailable}`);
  const { db, masterKey, seeded } = await demoDatabase();
  const config = testConfig(db.url, masterKey, { LOG_LEVEL: 'warn' });
  const runtime = await createRuntime(config);
  if (!seeded) await seedDemo(runtime, TEST_DEMO);
  if (options.chatFirst === 'person') {
    await setBotRouting(
      { ...runtime.deps, actor: systemActor('e2e') },
      { ...DEFAULT_BOT_ROUTING, chat: { default: 'person', windows: [] } },
    );
  }
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
      ctx.on('page', watchForTrail);
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

/**
 * The demo database a journey starts from. Seeding the demo takes seconds, so under the test runner (which
 * names a template folder for the run) it is seeded once, on the real clock, into a template that every
 * browser test file copies; the journeys then run minutes after the seed at most. Run by hand, each file
 * seeds its own.
 */
async function demoDatabase(): Promise<{ db: TestDatabase; masterKey: string; seeded: boolean }> {
  if (!TEMPLATE_DIR) return { db: await createTestDatabase(), masterKey: generateKeySpec('e2e'), seeded: false };
  const recipe = { browser: true, demo: TEST_DEMO };
  const template = await obtainTemplate(TEMPLATE_DIR, recipe, generateKeySpec('e2e'), async (url, masterKey) => {
    const runtime = await createRuntime(testConfig(url, masterKey, { LOG_LEVEL: 'warn' }));
    await seedDemo(runtime, TEST_DEMO);
    await runtime.close();
  });
  return { db: await createTestDatabase({ copyOf: template }), masterKey: template.masterKey, seeded: true };
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
 * Proves Chinese text is drawn with real glyphs rather than "missing glyph" boxes (the failure when no
 * CJK font is installed, which text assertions cannot see): two different characters, drawn with the
 * page's own font stack, must produce different pixels, and neither may look like an unassigned code point.
 */
export async function assertCjkGlyphs(page: Page): Promise<void> {
  // A string script: the test runner's transpiler would otherwise add helpers the page does not have.
  const result = (await page.evaluate(`(async () => {
    await document.fonts.ready;
    const family = getComputedStyle(document.body).fontFamily;
    function draw(ch) {
      const c = document.createElement('canvas');
      c.width = 48;
      c.height = 48;
      const g = c.getContext('2d');
      g.font = '32px ' + family;
      g.fillText(ch, 4, 38);
      return c.toDataURL();
    }
    const a = draw('信');
    const b = draw('卡');
    const none = draw(String.fromCodePoint(0xe0fff));
    return { ok: a !== b && a !== none && b !== none, family };
  })()`)) as { ok: boolean; family: string };
  if (!result.ok) throw new Error(`Chinese glyphs render as boxes with ${result.family}; install fonts-noto-cjk`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await assertCjkGlyphs(page);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

/** The text of an element ('' when it has none). */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/** Calls the API as a demo user (for what a test arranges outside the browser, e.g. the demo SMS outbox). */
export async function apiAs<T>(e2e: E2E, username: string, path: string): Promise<T> {
  const login = await fetch(`${e2e.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${e2e.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Takes the waiting chat that begins with `words` from the agent's queue. The queue updates live, so the
 * newest chat may not be listed yet when the customer already sees "正在为您接通": find it by its first
 * message rather than by its place in the list.
 */
export async function takeFromQueue(agent: Page, words: string): Promise<void> {
  await agent
    .getByTestId(/^queue-item/)
    .filter({ has: agent.getByTestId('queue-first-message').filter({ hasText: words }) })
    .getByTestId('queue-accept')
    .click();
}

/**
 * The turn of the desk's transcript that says `words` — a message itself, not the assist (intent, FAQ
 * answer) the desk shows under a customer's message, which may well repeat the same words.
 */
export function turnSaying(page: Page, words: string): Locator {
  return page.getByTestId('transcript').getByTestId('transcript-turn').filter({ hasText: words }).first();
}

/** The demo code "sent" to `phone`: the outbox is read whole (no mobile number in a URL) and matched by its mask. */
export async function demoCodeFor(e2e: E2E, phone: string): Promise<string> {
  const outbox = await apiAs<Array<{ to: string; code: string }>>(e2e, 'agent', '/api/demo/otp');
  const code = outbox.find((o) => o.to === maskPhone(phone))?.code;
  if (!code) throw new Error(`no demo code for ${maskPhone(phone)}`);
  return code;
}
