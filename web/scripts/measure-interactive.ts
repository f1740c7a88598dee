// Measures how long the agent workstation takes to become usable on this machine: a cold browser context
// (empty cache) opens /desk with a signed-in session, and we time navigation start → the "simulate call"
// button enabled and the queue rendered. Same for the supervisor dashboard (charts drawn). Prints a table;
// `--write` records it in docs/benchmarks/web-bundles.md. Run: node --import tsx web/scripts/measure-interactive.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, startE2E } from '../e2e/harness.ts';

const RUNS = 5;

async function main() {
  const e2e = await startE2E();
  try {
    const results: Array<{ screen: string; runs: number[] }> = [];
    for (const [screen, user, path, ready] of [
      [
        '坐席工作台 /desk',
        'agent',
        '/desk',
        ['[data-testid="simulate-call"]:not([disabled])', '[data-testid="queue-accept"], [data-testid="queue-empty"]'],
      ],
      [
        '监控看板 /supervisor',
        'supervisor',
        '/supervisor',
        ['[data-testid="chart-sla"] canvas', '[data-testid="chart-by-type"] canvas'],
      ],
    ] as const) {
      const login = await fetch(`${e2e.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: DEMO_PASSWORD }),
      });
      const session = await login.text();
      const runs: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const ctx = await e2e.context();
        await ctx.addInitScript(`sessionStorage.setItem('carddesk.session', ${JSON.stringify(session)})`);
        const page = await ctx.newPage();
        await page.goto(path, { waitUntil: 'commit' });
        // A function, not a string: the page's CSP (script-src 'self') forbids evaluating strings.
        await page.waitForFunction((sels) => sels.every((q) => document.querySelector(q) !== null), [...ready], {
          polling: 'raf',
          timeout: 30_000,
        });
        runs.push(Number(await page.evaluate('performance.now()')));
        await ctx.close();
      }
      results.push({ screen, runs });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const md = [
      `| screen | cold loads | median to interactive | slowest |`,
      '| --- | --- | --- | --- |',
      ...results.map(
        (r) =>
          `| ${r.screen} | ${r.runs.length} | **${Math.round(median(r.runs))} ms** | ${Math.round(Math.max(...r.runs))} ms |`,
      ),
    ].join('\n');
    process.stdout.write(`${md}\n`);
    if (process.argv.includes('--write')) {
      const out = fileURLToPath(new URL('../../docs/benchmarks/web-bundles.md', import.meta.url));
      const body = readFileSync(out, 'utf8');
      const start = body.indexOf('<!-- interactive -->');
      const end = body.indexOf('<!-- /interactive -->');
      if (start < 0 || end < 0)
        throw new Error('docs/benchmarks/web-bundles.md lacks the <!-- interactive --> markers');
      writeFileSync(out, `${body.slice(0, start)}<!-- interactive -->\n${md}\n${body.slice(end)}`);
    }
  } finally {
    await e2e.close();
  }
}

await main();
