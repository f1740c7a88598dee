#!/usr/bin/env node
// The module layout of server/src/modules (ARCHITECTURE.md, "Module layout"), checked from file and folder names:
//  - suffix:  a file is `<name>.ts` or `<name>.<suffix>.ts` with <name> in kebab-case (no dots) and <suffix> one of
//             SUFFIXES; a test is `<anything>.test.ts`; besides, `index.ts` and `migrations/NNNN_name.ts`.
//             A name ending in `-<suffix>` (`emergency-rules.ts`) is reported too: write it `.rules.ts`.
//  - folder:  tests sit beside the code (no `__tests__/`), and sub-folders are concerns, not layers (no `http/`).
// Enforced (LAYOUT_ENFORCED): every module follows the layout, so a deviation fails `npm run check:boundaries`.
// Usage: node scripts/check-layout.mjs [--root <src dir holding modules/>] [--strict]
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every module follows the layout: a deviation is a failure (false would list them as notes only). */
export const LAYOUT_ENFORCED = true;

/** The suffix set: the role of a file in its module (ARCHITECTURE.md, "Module layout"). */
export const SUFFIXES = {
  routes: 'HTTP handlers registered with handle(): input from the request, a service call, nothing else',
  cli: '`carddesk` commands of the module',
  jobs: 'job definitions (defineJob) and the scheduling of them',
  topics: 'live-topic authorizers and customer-360 sections the ModuleDef plugs in',
  service: 'use cases `(ctx, input)`: authorize, one transaction, audit, publish',
  repository: "queries of the module's own tables, no decisions",
  view: 'rows to the answers and view types the module hands out',
  rules: 'pure domain rules (no ctx, no database, time passed in), tested against the regulations',
  tables: "the module's table types (`…Tables`)",
  settings: "the module's settings document: schema, defaults, reading and storing",
  schemas: 'request schemas not yet moved into packages/contracts',
  seed: 'demo data',
  fixtures: 'test data and helpers shared by test files',
  test: 'tests, beside the code they test',
};

const KEBAB = '[a-z0-9]+(?:-[a-z0-9]+)*';
const PLAIN = new RegExp(`^${KEBAB}\\.ts$`);
const SUFFIXED = new RegExp(`^${KEBAB}\\.([a-z]+)\\.ts$`);
const TEST = /^[a-z0-9][a-z0-9.-]*\.test\.ts$/;
const MIGRATION = /^\d{4}_[a-z0-9_]+\.ts$/;
/** Folders that name a layer or a kind of file rather than a concern. */
const LAYER_FOLDERS = new Set(['__tests__', 'tests', 'test', 'http', 'services', 'repositories', 'routes', 'utils']);

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(p);
  }
  return out;
}

/** The layout deviations under `<root>/modules`: `{ file, rule, message }`, file relative to the root. */
export function checkLayout(root) {
  const modulesDir = join(root, 'modules');
  const found = [];
  for (const file of walk(modulesDir)) {
    const rel = relative(root, file).split(sep).join('/');
    const parts = relative(modulesDir, file).split(sep);
    if (parts.length < 2) continue; // modules/index.ts, modules/module.ts: the composition root
    const name = parts[parts.length - 1];
    const folders = parts.slice(1, -1);
    const layer = folders.find((f) => LAYER_FOLDERS.has(f));
    if (layer)
      found.push({
        file: rel,
        rule: 'folder',
        message:
          layer === '__tests__' || layer.startsWith('test')
            ? `in ${layer}/: tests sit beside the code they test`
            : `in ${layer}/: a sub-folder is a concern, not a layer`,
      });
    if (name === 'index.ts' || (folders.includes('migrations') && MIGRATION.test(name))) continue;
    if (TEST.test(name)) continue;
    const suffixed = SUFFIXED.exec(name);
    if (suffixed) {
      if (!(suffixed[1] in SUFFIXES))
        found.push({ file: rel, rule: 'suffix', message: `.${suffixed[1]}.ts is not in the suffix set` });
      continue;
    }
    if (PLAIN.test(name)) {
      const base = name.slice(0, -3);
      const dashed = Object.keys(SUFFIXES).find((s) => base.endsWith(`-${s}`));
      if (dashed) found.push({ file: rel, rule: 'suffix', message: `write -${dashed}.ts as .${dashed}.ts` });
      continue;
    }
    found.push({
      file: rel,
      rule: 'name',
      message: 'not <kebab-name>.ts or <kebab-name>.<suffix>.ts (one suffix, no other dots)',
    });
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--root');
  const root =
    i > 0 ? resolve(process.argv[i + 1]) : join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'src');
  const strict = LAYOUT_ENFORCED || process.argv.includes('--strict');
  const found = checkLayout(root);
  for (const f of found) process.stdout.write(`${f.file} layout/${f.rule} ${f.message}\n`);
  process.stdout.write(
    found.length === 0
      ? '✔ module layout holds\n'
      : `${strict ? '✖' : 'note:'} ${found.length} file(s) outside the module layout${strict ? '' : ' (report-only)'}\n`,
  );
  if (strict && found.length > 0) process.exit(1);
}
