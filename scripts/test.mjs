#!/usr/bin/env node
// The one test command (`npm test`): lint, type-check, then every test file on a real database.
// SQLite by default; CARDDESK_TEST_PG=postgres://… runs the same suite on PostgreSQL (a fresh database
// per test file, dropped afterwards). Browser tests (web/e2e) run on the freshly built web bundle; without
// Chromium they are skipped with a notice.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function run(label, cmd, args, env = {}) {
  process.stdout.write(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stdout.write(`✖ ${label} failed\n`);
    process.exit(r.status ?? 1);
  }
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

const bin = (name) => join(root, 'node_modules', '.bin', name);

if (only.length === 0) {
  run('lint (biome)', bin('biome'), ['check', '.']);
  run('type-check (tsc)', bin('tsc'), ['-p', 'server', '--noEmit']);
  run('type-check contracts (tsc)', bin('tsc'), ['-p', 'packages/contracts', '--noEmit']);
  if (existsSync(join(root, 'web', 'tsconfig.json')))
    run('type-check web (tsc)', bin('tsc'), ['-p', 'web', '--noEmit']);
}

const files = only.length > 0 ? only : [...findTests(join(root, 'server')), ...findTests(join(root, 'packages'))];
const db = process.env.CARDDESK_TEST_PG ? 'PostgreSQL' : 'SQLite';
run(`server tests on ${db} (${files.length} files)`, process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=2',
  '--test-reporter=spec',
  ...files,
]);

const e2e = findTests(join(root, 'web', 'e2e'));
const chromium = process.env.CARDDESK_CHROMIUM ?? '/usr/bin/chromium';
if (only.length === 0 && e2e.length > 0) {
  // The browser tests drive the built bundle the server serves: build it first, as `npm start` does.
  run('build the web app (vite)', 'npm', ['run', 'build', '--workspace', 'web']);
  if (!existsSync(chromium)) {
    process.stdout.write(
      `\nnotice: ${chromium} is missing — browser tests skipped (apt-get install chromium fonts-noto-cjk)\n`,
    );
  }
  // Without Chromium each file still runs and reports its journeys as skipped, so the count stays honest.
  run(`browser tests on ${db} (${e2e.length} files)`, process.execPath, [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    ...e2e,
  ]);
}
