#!/usr/bin/env node
// The one test command (`npm test`). Two stages:
//  - static, once: lint, module boundaries (scripts/check-boundaries.mjs) and type-check (server, contracts, web) side by side, then the web build and the bundle-budget test;
//  - database, once per database: every server test file, then the browser tests (web/e2e) on the built bundle.
// SQLite always; CARDDESK_TEST_PG=postgres://… adds PostgreSQL (a fresh database per test file, dropped after).
// Each database stage migrates and seeds the demo once into a template that the test files copy
// (server/test/template.ts); the templates live for the one run only.
// `node scripts/test.mjs a.test.ts …` runs just those files on one database (PostgreSQL when CARDDESK_TEST_PG
// is set, SQLite otherwise), without the static stage.
// Without Chromium the browser tests are reported as skipped, one by one; in CI (CI=true) they fail.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const pgUrl = process.env.CARDDESK_TEST_PG;
const inCi = ['1', 'true'].includes(process.env.CI ?? '');
const totals = { pass: 0, fail: 0, skipped: 0 };

function summary() {
  process.stdout.write(
    `\n${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}\n`,
  );
}

/** A step that must succeed (lint, types, build): on failure the run stops here. */
function step(label, cmd, args) {
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`✖ ${label} failed\n`);
    totals.fail += 1;
    summary();
    process.exit(r.status ?? 1);
  }
}

/**
 * Steps that must all succeed and need nothing from each other (lint, boundaries, the type-checks): run at
 * once, each one's output printed whole when it ends, so the log reads as if they had run one by one.
 */
async function parallelSteps(list) {
  const results = await Promise.all(
    list.map(
      ([label, cmd, args]) =>
        new Promise((resolve) => {
          const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          child.stdout.on('data', (c) => {
            out += c;
          });
          child.stderr.on('data', (c) => {
            out += c;
          });
          child.on('close', (code) => {
            process.stdout.write(`\n▶ ${label}\n${out}`);
            if (code !== 0) process.stdout.write(`✖ ${label} failed\n`);
            resolve(code);
          });
        }),
    ),
  );
  const failed = results.filter((code) => code !== 0).length;
  if (failed > 0) {
    totals.fail += failed;
    summary();
    process.exit(1);
  }
}

/** Test files under node:test; the output passes through and its closing counts are added to the totals. */
function tests(label, files, { concurrency, env = {} }) {
  process.stdout.write(`\n▶ ${label}\n`);
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
      env: Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)),
    });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk).slice(-4000);
    });
    child.on('close', (code) => {
      const count = (name) =>
        Number(
          tail
            .match(new RegExp(`ℹ ${name} (\\d+)`, 'g'))
            ?.at(-1)
            ?.split(' ')[2] ?? 0,
        );
      const fail = count('fail') + count('cancelled');
      totals.pass += count('pass');
      totals.fail += fail > 0 || code === 0 ? fail : 1;
      totals.skipped += count('skipped');
      if (code !== 0) process.stdout.write(`✖ ${label} failed\n`);
      resolve(code === 0);
    });
  });
}

function findTests(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findTests(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out.sort();
}

/** Runs `work` with a fresh template folder for this database; removes it and its PostgreSQL templates after. */
async function withTemplates(pg, work) {
  const dir = mkdtempSync(join(tmpdir(), 'carddesk-templates-'));
  try {
    return await work({ CARDDESK_TEST_TEMPLATES: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pg) await dropPgTemplates(pg, dir);
  }
}

/** Same prefix as server/test/template.ts `pgTemplatePrefix`. */
async function dropPgTemplates(pg, dir) {
  const prefix = `carddesk_tmpl_${createHash('sha256').update(dir).digest('hex').slice(0, 10)}_`;
  const { default: Pg } = await import('pg');
  const admin = new Pg.Client({ connectionString: pg });
  await admin.connect();
  try {
    const { rows } = await admin.query('select datname from pg_database where starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
  } finally {
    await admin.end();
  }
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
const e2eDir = join(root, 'web', 'e2e');
const bundleTests = findTests(e2eDir).filter((f) => f.endsWith('bundle-size.test.ts'));
const browserTests = findTests(e2eDir).filter((f) => !bundleTests.includes(f));
let ok = true;

if (only.length === 0) {
  await parallelSteps([
    ['lint (biome)', bin('biome'), ['check', '.']],
    ['module boundaries', process.execPath, [join(root, 'scripts', 'check-boundaries.mjs')]],
    ['type-check (tsc)', bin('tsc'), ['-p', 'server', '--noEmit']],
    ['type-check contracts (tsc)', bin('tsc'), ['-p', 'packages/contracts', '--noEmit']],
    ...(existsSync(join(root, 'web', 'tsconfig.json'))
      ? [['type-check web (tsc)', bin('tsc'), ['-p', 'web', '--noEmit']]]
      : []),
  ]);
  // The browser tests drive the built bundle the server serves: build it once, as `npm start` does.
  if (browserTests.length > 0 || bundleTests.length > 0)
    step('build the web app (vite)', 'npm', ['run', 'build', '--workspace', 'web']);
  if (bundleTests.length > 0) ok = (await tests('bundle budget', bundleTests, { concurrency: 1 })) && ok;
}

const databases =
  only.length > 0
    ? [pgUrl ? ['PostgreSQL', pgUrl] : ['SQLite']]
    : [['SQLite'], ...(pgUrl ? [['PostgreSQL', pgUrl]] : [])];
const files = only.length > 0 ? only : [...findTests(join(root, 'server')), ...findTests(join(root, 'packages'))];
const chromium = process.env.CARDDESK_CHROMIUM ?? '/usr/bin/chromium';

for (const [name, pg] of databases) {
  ok =
    (await withTemplates(pg, async (templates) => {
      // The PostgreSQL variable selects the database in the test helpers (server/test/db.ts).
      const env = { ...templates, CARDDESK_TEST_PG: pg };
      let passed = await tests(`server tests on ${name} (${files.length} files)`, files, { concurrency: 2, env });
      if (only.length === 0 && browserTests.length > 0) {
        if (!existsSync(chromium)) {
          process.stdout.write(
            inCi
              ? `\n✖ ${chromium} is missing: in CI the browser tests must run (apt-get install chromium fonts-noto-cjk)\n`
              : `\nnotice: ${chromium} is missing — browser tests reported as skipped (apt-get install chromium fonts-noto-cjk)\n`,
          );
        }
        const label = `browser tests on ${name} (${browserTests.length} files)`;
        passed = (await tests(label, browserTests, { concurrency: 1, env })) && passed;
      }
      return passed;
    })) && ok;
}

summary();
process.exit(ok ? 0 : 1);
