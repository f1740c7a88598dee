import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { chatStateSchema } from './chat.ts';
import { handoverPacketSchema, verifyResultSchema } from './contacts.ts';

const root = new URL('../../..', import.meta.url).pathname;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

/**
 * Every import or re-export from '@carddesk/contracts' in a web file, with the names it brings in and
 * whether the whole statement is type-only.
 */
function contractImports(text: string): Array<{ statement: string; typeOnly: boolean; names: string[] }> {
  const found: Array<{ statement: string; typeOnly: boolean; names: string[] }> = [];
  const re = /\b(import|export)\s+(type\s+)?(\*(?:\s+as\s+\w+)?|\{[^}]*\}|\w+)\s+from\s+['"]@carddesk\/contracts['"]/g;
  for (const m of text.matchAll(re)) {
    const clause = m[3] ?? '';
    const names = clause.startsWith('{')
      ? clause
          .slice(1, -1)
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
      : [clause];
    found.push({ statement: m[0], typeOnly: m[2] !== undefined, names });
  }
  return found;
}

describe('the web application reads the contracts as types only', () => {
  it('finds the imports it checks (the scan would notice a runtime import)', () => {
    const sample = [
      "import type { ContactView } from '@carddesk/contracts';",
      "import { type CaseDto, caseSchema } from '@carddesk/contracts';",
      "export { contactViewSchema } from '@carddesk/contracts';",
    ].join('\n');
    const found = contractImports(sample);
    assert.equal(found.length, 3);
    const runtime = found.flatMap((f) => (f.typeOnly ? [] : f.names.filter((n) => !n.startsWith('type '))));
    assert.deepEqual(runtime, ['caseSchema', 'contactViewSchema']);
  });

  it('no web source brings a value (zod schema, helper) from @carddesk/contracts into the bundle', () => {
    const files = sources(join(root, 'web', 'src'));
    assert.ok(files.length > 20, 'web sources found');
    const offending: string[] = [];
    let checked = 0;
    for (const file of files) {
      for (const f of contractImports(readFileSync(file, 'utf8'))) {
        checked++;
        const values = f.typeOnly ? [] : f.names.filter((n) => !n.startsWith('type '));
        if (values.length > 0) offending.push(`${relative(root, file)}: ${values.join(', ')}`);
      }
    }
    assert.ok(checked >= 6, 'the web API modules import their response types from the contracts');
    assert.deepEqual(offending, []);
  });
});

/** The modules a file imports at runtime (`import type` and `export type` are erased). */
function runtimeImports(text: string): string[] {
  const re = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  return [...text.matchAll(re)].map((m) => m[1] ?? '');
}

describe('the runtime entries the web may import', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'packages/contracts/package.json'), 'utf8')) as {
    exports: Record<string, string>;
  };
  const RUNTIME_ENTRIES = ['./access', './endpoints', './vocabulary'];

  it('are zod-free: no module they load imports zod (or anything outside the package)', () => {
    for (const entry of RUNTIME_ENTRIES) {
      const start = resolve(join(root, 'packages/contracts'), pkg.exports[entry] ?? '');
      const seen = new Set<string>();
      const todo = [start];
      const outside: string[] = [];
      while (todo.length > 0) {
        const file = todo.pop() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
          if (spec.startsWith('.')) todo.push(resolve(dirname(file), spec));
          else outside.push(`${relative(root, file)}: ${spec}`);
        }
      }
      assert.ok(seen.has(start), `${entry} is read`);
      assert.deepEqual(outside, [], entry);
    }
  });

  it('are the only contract entries a web source imports a value from', () => {
    const allowed = new Set(RUNTIME_ENTRIES.map((e) => `@carddesk/contracts${e.slice(1)}`));
    const offending: string[] = [];
    for (const file of sources(join(root, 'web', 'src'))) {
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('@carddesk/contracts') && !allowed.has(spec))
          offending.push(`${relative(root, file)}: ${spec}`);
      }
    }
    assert.deepEqual(offending, []);
  });

  it('finds runtime imports and skips type-only ones (the scan would notice zod)', () => {
    const sample = [
      "import { z } from 'zod';",
      "import type { ZodType } from 'zod';",
      "export type { Role } from './roles.ts';",
      "export * from './money.ts';",
      "import './side-effect.ts';",
    ].join('\n');
    assert.deepEqual(runtimeImports(sample), ['zod', './money.ts', './side-effect.ts']);
  });
});

describe('response schemas', () => {
  it('drop the fields they do not name (a raw column never leaves the server)', () => {
    const state = chatStateSchema.parse({
      contactId: 'c1',
      status: 'active',
      agentNo: '1001',
      turns: [{ seq: 1, speaker: 'customer', text: 'hi', at: '2026-12-05T00:00:00Z', contact_id: 'c1' }],
      customer_id: 'cust-1',
    });
    assert.deepEqual(Object.keys(state).sort(), ['agentNo', 'contactId', 'status', 'turns']);
    assert.deepEqual(Object.keys(state.turns[0] ?? {}).sort(), ['at', 'seq', 'speaker', 'text']);
  });

  it('name the verification levels and methods the web renders', () => {
    const ok = { success: true, level: 'strong', methods: ['otp'], failuresLeft: 3, lockedUntil: null };
    assert.equal(verifyResultSchema.safeParse(ok).success, true);
    assert.equal(verifyResultSchema.safeParse({ ...ok, level: 'high' }).success, false);
    assert.equal(verifyResultSchema.safeParse({ ...ok, methods: ['sms'] }).success, false);
    const packet = handoverPacketSchema.shape.verification;
    assert.equal(packet.safeParse({ level: 'basic', methods: ['caller_number'], verifiedAt: null }).success, true);
    assert.equal(packet.safeParse({ level: 'basic', methods: ['fingerprint'], verifiedAt: null }).success, false);
  });
});
