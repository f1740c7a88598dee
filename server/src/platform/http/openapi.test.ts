import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';

/**
 * Every operation of the API documents its success answer: a 2xx response with content (a response schema,
 * which also strips fields the schema does not name), or a 204 without a body. No exceptions.
 */

interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** What is wrong with one operation's success responses, or null when they are documented. */
function problemOf(responses: Record<string, ResponseObject>): string | null {
  const success = Object.entries(responses).filter(([code]) => /^2\d\d$/.test(code));
  if (success.length === 0) return 'no 2xx response';
  for (const [code, response] of success) {
    const media = Object.entries(response.content ?? {});
    if (code === '204') {
      if (media.length > 0) return '204 documented with a body';
      continue;
    }
    if (media.length === 0) return `${code} without content`;
    for (const [type, m] of media) if (m.schema === undefined) return `${code} ${type} without a schema`;
  }
  return null;
}

describe('OpenAPI document', () => {
  let env: TestEnv;
  let doc: OpenApiDoc;
  before(async () => {
    env = await createTestEnv({ seed: false });
    const res = await env.request({ method: 'GET', url: '/api/openapi.json' });
    assert.equal(res.statusCode, 200);
    doc = res.json() as OpenApiDoc;
  });
  after(() => env.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.has(method))
        .map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, responses: op.responses ?? {} })),
    );

  it('documents the success answer of every operation of every module', () => {
    const ops = operations();
    // All modules are mounted: a route of each is in the document.
    for (const path of ['/api/auth/login', '/api/contacts', '/api/cases', '/api/emergency/reports', '/api/chat/otp']) {
      assert.ok(doc.paths[path], `${path} is documented`);
    }
    assert.ok(ops.length > 100, `only ${ops.length} operations`);
    const missing = ops
      .map((op) => ({ id: op.id, problem: problemOf(op.responses) }))
      .filter((op) => op.problem !== null)
      .map((op) => `${op.id}: ${op.problem}`);
    assert.deepEqual(missing, []);
  });

  it('documents answers without a body as 204 and the Excel export as a binary file', () => {
    for (const id of [
      'POST /api/auth/logout',
      'POST /api/cases/conflicts',
      'POST /api/cases/{id}/notes',
      'POST /api/kb/articles/{id}/retire',
      'DELETE /api/kb/synonyms/{id}',
    ]) {
      const [method = '', path = ''] = id.split(' ');
      const responses = doc.paths[path]?.[method.toLowerCase()]?.responses ?? {};
      assert.deepEqual(
        Object.keys(responses).filter((c) => c.startsWith('2')),
        ['204'],
        id,
      );
      assert.equal(responses['204']?.content, undefined, id);
    }
    const xlsx = doc.paths['/api/cases/analysis.xlsx']?.get?.responses?.['200']?.content;
    assert.deepEqual(xlsx, {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    });
  });

  it('documents creations with the 201 the routes send', () => {
    for (const [path, method] of [
      ['/api/emergency/reports', 'post'],
      ['/api/emergency/reports/{id}/unrecognised', 'post'],
    ] as const) {
      const responses = doc.paths[path]?.[method]?.responses ?? {};
      assert.ok(responses['201']?.content?.['application/json']?.schema, `${method} ${path} documents 201`);
      assert.equal(responses['200'], undefined, `${method} ${path} documents no 200`);
    }
  });
});
