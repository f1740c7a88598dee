import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const checker = fileURLToPath(new URL('../../scripts/check-boundaries.mjs', import.meta.url));
const run = (root: string) => spawnSync(process.execPath, [checker, '--root', root], { encoding: 'utf8' });

/** A scratch source tree: a platform with its policy and two modules, `ledger` and `desk`. */
function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'carddesk-boundaries-'));
  const base: Record<string, string> = {
    'platform/auth/policy.ts': "export const may = (role: string) => role === 'supervisor';\n",
    'platform/db/schema.ts': 'export interface PlatformTables { jobs: unknown }\n',
    'modules/ledger/ledger.tables.ts': 'export interface LedgerTables { entries: unknown }\n',
    'modules/ledger/ledger.service.ts': "export const total = (db: any) => db.selectFrom('entries').execute();\n",
    'modules/ledger/index.ts': "export { total } from './ledger.service.ts';\n",
    'modules/desk/migrations/5001_desk.ts':
      "export const up = (db: any) => db.schema.createTable('desk_notes').execute();\n",
    'modules/desk/index.ts': "export { note } from './desk.service.ts';\n",
  };
  for (const [path, text] of Object.entries({ ...base, ...files })) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('npm run check:boundaries', () => {
  const roots: string[] = [];
  after(() => {
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });

  it('passes a module that keeps to its own tables, imports through index.ts and asks the policy', () => {
    const root = scratch({
      'modules/desk/desk.service.ts': [
        "import { total } from '../ledger/index.ts';",
        "export const note = (db: any) => db.insertInto('desk_notes').values({ total: total(db) }).execute();",
        '',
      ].join('\n'),
    });
    roots.push(root);
    const r = run(root);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('refuses a cross-module query, a deep import and a role comparison, each with its file and line', () => {
    const root = scratch({
      'modules/desk/desk.service.ts': [
        "import { total } from '../ledger/ledger.service.ts';",
        'export async function note(db: any, actor: { role: string }) {',
        "  const rows = await db.selectFrom('entries').innerJoin('desk_notes', 'a', 'b').execute();",
        "  if (actor.role === 'supervisor') return rows;",
        "  await db.updateTable('jobs').set({ status: 'pending' }).execute();",
        '  return total(db);',
        '}',
        '',
      ].join('\n'),
      'modules/desk/desk.test.ts': 'export const seen = (db: any) => db.sql`select * from entries`;\n',
      'modules/desk/raw.ts': "import { sql } from 'kysely';\nexport const q = sql`delete from entries where id = 1`;\n",
    });
    roots.push(root);
    const r = run(root);
    assert.equal(r.status, 1, r.stdout);
    const lines = r.stdout.split('\n');
    const has = (file: string, line: number, rule: string, text: string) =>
      assert.ok(
        lines.some((l) => l.includes(`${file}:${line}:`) && l.includes(` ${rule} `) && l.includes(text)),
        `${file}:${line} ${rule} ${text}\n${r.stdout}`,
      );
    const service = join('modules', 'desk', 'desk.service.ts');
    has(service, 1, 'import', 'module desk imports ledger other than through ledger/index.ts');
    has(service, 3, 'table', 'touches table entries, owned by module ledger');
    has(service, 4, 'role', "actor.role === 'supervisor'");
    has(service, 5, 'table', 'touches table jobs, owned by the platform');
    has(join('modules', 'desk', 'raw.ts'), 2, 'table', 'touches table entries');
    // The module's own table and the policy's own comparison are not findings.
    assert.ok(!r.stdout.includes('desk_notes'), r.stdout);
    assert.doesNotMatch(r.stdout, /policy\.ts:\d/);
  });

  it('refuses the platform importing a module', () => {
    const root = scratch({
      'modules/desk/desk.service.ts': 'export const note = () => 1;\n',
      'platform/db/database.ts': "import type { LedgerTables } from '../../modules/ledger/ledger.tables.ts';\n",
    });
    roots.push(root);
    const r = run(root);
    assert.equal(r.status, 1, r.stdout);
    assert.match(r.stdout, /platform[\\/]db[\\/]database\.ts:1:\d+ import the platform imports modules/);
  });

  it("refuses a transaction's context built by hand, whatever the names, and passes the ctx form", () => {
    const root = scratch({
      'modules/desk/desk.service.ts': [
        "import { inTransaction } from '../../platform/db/dialect.ts';",
        "const audit = (c: any, what: string) => c.db.insertInto('desk_notes').values({ what }).execute();",
        'export async function note(ctx: any, db: any) {',
        '  await inTransaction(ctx.db, async (trx: any) => {',
        "    await audit({ ...ctx, db: trx }, 'a');",
        '  });',
        '  await inTransaction(db, async (t: any) => {',
        '    const base = { ...ctx, actor: { kind: "system" }, db: t };',
        "    await audit(base, 'b');",
        '  });',
        '  await inTransaction(ctx, async (tctx: any) => {',
        "    await audit({ ...ctx, db: tctx.db }, 'c');",
        '  });',
        '  await db.transaction().execute(async ({ db: inner }: any) => {',
        '    const db = inner;',
        "    await audit({ ...ctx, db: inner }, 'd');",
        '  });',
        '  const open = await db.startTransaction().execute();',
        '  const request = { ctx: { ...ctx, db: open } };',
        '  // The one way: the callback is handed the context; a context without a new db is no finding.',
        '  await inTransaction(ctx, async (tctx: any) => {',
        "    await audit(tctx, 'e');",
        "    await audit({ ...tctx, actor: { kind: 'system' } }, 'f');",
        '  });',
        '  return { ...request, db };',
        '}',
        '',
      ].join('\n'),
      'modules/desk/desk.test.ts': [
        "import { inTransaction } from '../../platform/db/dialect.ts';",
        'export const probe = (env: any) =>',
        '  inTransaction(env.system.db, (x: any) => env.run({ ...env.system, db: x }));',
        '',
      ].join('\n'),
      'cli/main.ts': 'export const run = (ctx: any, trx: Transaction<any>) => ({ ...ctx, db: trx });\n',
    });
    roots.push(root);
    const r = run(root);
    assert.equal(r.status, 1, r.stdout);
    const service = join('modules', 'desk', 'desk.service.ts');
    const findings = r.stdout
      .split('\n')
      .filter((l) => / transaction builds a transaction's context by hand: /.test(l));
    const expected = [
      [service, 5, '{ ...ctx, db: trx }'],
      [service, 8, '{ ...ctx, actor: { kind: "system" }, db: t }'],
      [service, 12, '{ ...ctx, db: tctx.db }'],
      [service, 16, '{ ...ctx, db: inner }'],
      [service, 19, '{ ...ctx, db: open }'],
      [join('modules', 'desk', 'desk.test.ts'), 3, '{ ...env.system, db: x }'],
      [join('cli', 'main.ts'), 1, '{ ...ctx, db: trx }'],
    ] as const;
    for (const [file, line, text] of expected)
      assert.ok(
        findings.some((l) => l.includes(`${file}:${line}:`) && l.includes(text)),
        `${file}:${line} ${text}\n${r.stdout}`,
      );
    // Nothing else: not the ctx form, a context without a new db, nor a spread with a db that is no transaction.
    assert.equal(findings.length, expected.length, r.stdout);
    assert.match(findings[0] ?? '', /use inTransaction\(ctx, \(tctx\) => …\)/);
  });

  it('holds on this repository', () => {
    const r = spawnSync(process.execPath, [checker], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});
