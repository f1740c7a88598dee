import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { sql } from 'kysely';
import type { Executor } from '../src/platform/db/database.ts';
import type { TestEnv } from './context.ts';

/**
 * Walking the API from its OpenAPI document, for the authorization matrix and the schema fuzzing tests:
 * the operations, sample values that satisfy a JSON schema, concrete URLs, a raw HTTP client (inject()
 * would normalise the attacker's request line) and a digest of the database to tell whether a request
 * changed it.
 */

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  nullable?: boolean;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  default?: unknown;
};

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  /** `METHOD /api/path/{param}`, as the authorization matrix keys it. */
  id: string;
  method: string;
  path: string;
  params: Parameter[];
  body: JsonSchema | undefined;
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

export async function loadOperations(env: TestEnv): Promise<Operation[]> {
  const res = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc = res.json() as OpenApiDoc;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({
        id: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
}

/** Strings tried, in order, for a `pattern`: dates, digits, codes, ids. */
const PATTERN_CANDIDATES = [
  '2026-11-02',
  '2026-11',
  '2026',
  '123456',
  '1234',
  '13800138000',
  '8001',
  'demo-code',
  'abc',
  'ABC',
  'a1',
  '01JCDQ0000000000000000000A',
  'card_last4',
  '10:00',
  '0.05',
  '100',
];

/** A value valid for `schema` (first enum value, smallest length or number, required properties only). */
export function sampleOf(schema: JsonSchema | undefined, name = ''): unknown {
  if (!schema) return undefined;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (variant) return sampleOf(variant, name);
  if (schema.allOf) return sampleOf(Object.assign({}, ...schema.allOf), name);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return sampleString(schema, name);
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
      const exclusive = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : undefined;
      const value = Math.max(min, exclusive ?? min, 1);
      return typeof schema.maximum === 'number' ? Math.min(value, schema.maximum) : value;
    }
    case 'boolean':
      return false;
    case 'array': {
      const n = schema.minItems ?? 0;
      return Array.from({ length: n }, () => sampleOf(schema.items, name));
    }
    case 'object':
    case undefined: {
      if (!schema.properties) return {};
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sampleOf(schema.properties[key], key);
      return out;
    }
    default:
      return null;
  }
}

function sampleString(schema: JsonSchema, name: string): string {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  if (schema.format === 'date-time') return '2026-11-02T02:00:00.000Z';
  if (schema.format === 'date') return '2026-11-02';
  if (schema.format === 'email') return 'someone@example.com';
  if (schema.format === 'uri') return 'https://example.com/';
  const fits = (s: string) => s.length >= min && s.length <= max;
  if (schema.pattern) {
    const re = new RegExp(schema.pattern, 'u');
    for (const c of PATTERN_CANDIDATES) if (re.test(c) && fits(c)) return c;
    for (let n = 1; n <= 20; n++) {
      const digits = '1'.repeat(n);
      if (re.test(digits) && fits(digits)) return digits;
    }
  }
  if (/phone|mobile|caller/i.test(name) && fits('13800138000')) return '13800138000';
  if (/password/i.test(name)) return 'Str0ng-enough-pass';
  const base = '测试说明文字';
  const s = base.repeat(Math.ceil(Math.max(min, 4) / base.length)).slice(0, Math.max(min, Math.min(4, max)));
  return s;
}

/** The path with its parameters filled from `values` (by name) or a sample of their schema. */
export function concretePath(op: Operation, values: (param: string) => string | undefined): string {
  let path = op.path;
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const v = values(p.name) ?? String(sampleOf(p.schema, p.name));
    path = path.replace(`{${p.name}}`, encodeURIComponent(v));
  }
  return path;
}

/** The required query parameters, sampled from their schemas (or `values`), as a query string. */
export function requiredQuery(op: Operation, values: Record<string, string> = {}): string {
  const parts = op.params
    .filter((p) => p.in === 'query' && p.required)
    .map((p) => `${p.name}=${encodeURIComponent(values[p.name] ?? String(sampleOf(p.schema, p.name)))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** One raw HTTP/1.1 request exactly as written (absolute-form targets, dot segments, double slashes). */
export async function rawRequest(
  port: number,
  target: string,
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const length = method === 'GET' || method === 'DELETE' ? '' : 'Content-Length: 0\r\n';
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: x\r\n${length}Connection: close\r\n\r\n`);
    });
    let data = '';
    socket.on('data', (chunk) => {
      data += String(chunk);
    });
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.on('error', reject);
  });
}

/**
 * A digest of every table's rows, except the records that by design commit whatever the answer: the
 * audit log with its signed head (written in the audit record's transaction), sign-in throttling,
 * one-time-code attempts, session last use, jobs' bookkeeping.
 */
const UNTRACKED = new Set([
  'audit_log',
  'audit_head',
  'login_throttle',
  'otp_codes',
  'sessions',
  'jobs',
  'kysely_migration',
  'kysely_migration_lock',
]);

export async function tableNames(db: Executor, kind: 'sqlite' | 'postgres'): Promise<string[]> {
  const rows =
    kind === 'postgres'
      ? await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(db)
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.rows
    .map((r) => r.name)
    .filter((n) => !UNTRACKED.has(n))
    .sort();
}

export async function dbDigest(db: Executor, tables: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const lines = rows.rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();
    out[table] = `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** Row counts of `tables`: cheap enough to take after every request. */
export async function dbCounts(db: Executor, tables: readonly string[]): Promise<string> {
  const parts = tables.map((t) => sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db));
  const counts = await Promise.all(parts);
  return counts.map((c, i) => `${tables[i]}=${Number(c.rows[0]?.n ?? 0)}`).join(',');
}
