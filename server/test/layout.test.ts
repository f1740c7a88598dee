import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const checker = fileURLToPath(new URL('../../scripts/check-layout.mjs', import.meta.url));
const run = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [checker, '--root', root, ...args], { encoding: 'utf8' });

/** A scratch source tree with one module, `desk`, holding the given files. */
function scratch(files: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'carddesk-layout-'));
  for (const path of ['modules/index.ts', ...files.map((f) => `modules/desk/${f}`)]) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), 'export {};\n');
  }
  return root;
}

const reported = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('modules/'))
    .map((l) => l.split(' ').slice(0, 2).join(' '));

describe('the module layout check', () => {
  const roots: string[] = [];
  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('passes a module whose files carry the suffix set, tests beside the code and concern folders', () => {
    const root = scratch([
      'index.ts',
      'desk.routes.ts',
      'desk.cli.ts',
      'clock.jobs.ts',
      'desk.topics.ts',
      'note.service.ts',
      'note.repository.ts',
      'note.view.ts',
      'clock.rules.ts',
      'desk.tables.ts',
      'desk.settings.ts',
      'desk.schemas.ts',
      'desk.seed.ts',
      'desk.fixtures.ts',
      'note.service.test.ts',
      'desk.notes-flow.test.ts',
      'text-fold.ts',
      'match/ranker.ts',
      'match/match.service.ts',
      'migrations/6001_desk.ts',
      'migrations/index.ts',
    ]);
    roots.push(root);
    const r = run(root, '--strict');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /module layout holds/);
  });

  it('reports a suffix outside the set, a dotted name, a dashed suffix, __tests__/ and a layer folder', () => {
    const root = scratch([
      'index.ts',
      'case.core.ts',
      'case.clock.service.ts',
      'emergency-rules.ts',
      '__tests__/desk.test.ts',
      'http/desk.routes.ts',
      'Desk_Helper.ts',
    ]);
    roots.push(root);
    const r = run(root);
    // Enforced: each is listed with its rule, and the run fails.
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.deepEqual(reported(r.stdout).sort(), [
      'modules/desk/Desk_Helper.ts layout/name',
      'modules/desk/__tests__/desk.test.ts layout/folder',
      'modules/desk/case.clock.service.ts layout/name',
      'modules/desk/case.core.ts layout/suffix',
      'modules/desk/emergency-rules.ts layout/suffix',
      'modules/desk/http/desk.routes.ts layout/folder',
    ]);
    assert.match(r.stdout, /6 file\(s\) outside the module layout\n/);
  });

  it('finds nothing outside the layout in this repository', () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    const r = run(src);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.deepEqual(reported(r.stdout), []);
  });
});
