import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  cardsRoutes,
  casesRoutes,
  chatRoutes,
  contactsRoutes,
  emergencyRoutes,
  knowledgeRoutes,
  nluRoutes,
  platformRoutes,
  type RouteDef,
} from '@carddesk/contracts';
import { createTestEnv, type TestEnv } from '../../../test/context.ts';

/**
 * The server serves every route of the contract as defined there: method and path, the one success status,
 * public or not (the auth hook decides it on the matched route; the authorization matrix checks the answers).
 */
const contract: RouteDef[] = [
  cardsRoutes,
  casesRoutes,
  chatRoutes,
  contactsRoutes,
  emergencyRoutes,
  knowledgeRoutes,
  nluRoutes,
  platformRoutes,
].flatMap((group) => Object.values(group) as RouteDef[]);

describe('contract routes on the server', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ seed: false });
  });
  after(() => env.close());

  it('registers each route on the method and path of its definition', () => {
    assert.ok(contract.length > 40, `${contract.length} routes`);
    for (const route of contract) {
      assert.ok(env.app.hasRoute({ method: route.method, url: route.path }), `${route.method} ${route.path} is served`);
    }
  });

  it('documents each route with its success status only, and public routes without a bearer token', async () => {
    const res = await env.request({ method: 'GET', url: '/api/openapi.json' });
    const doc = res.json() as {
      paths: Record<string, Record<string, { responses?: Record<string, unknown>; security?: unknown[] }>>;
    };
    for (const route of contract) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      assert.ok(op, `${route.method} ${route.path} documented`);
      const success = Object.keys(op.responses ?? {}).filter((c) => c.startsWith('2'));
      assert.deepEqual(success, Object.keys(route.response), `${route.method} ${route.path}`);
      if (route.public) assert.deepEqual(op.security, [], `${route.method} ${route.path}: no token`);
    }
  });

  it('refuses a private route signed out, on the matched route', async () => {
    const res = await env.request({ method: 'GET', url: '/api/kb/synonyms' });
    assert.equal(res.statusCode, 401);
    const health = await env.request({ method: 'GET', url: '/api/health' });
    assert.equal(health.statusCode, 200);
  });
});
