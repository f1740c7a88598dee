import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';
import { anonymousActor } from '../auth/actor.ts';
import { resolveToken } from '../auth/auth.service.ts';
import { resolveSystemCredential } from '../auth/system-credentials.ts';
import type { Deps } from '../context.ts';
import { AppError, localeFrom } from '../errors.ts';
import { assertNoAuthData } from '../pii/auth-data.ts';

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m?.[1];
}

/**
 * Secure by default: every route needs a staff session unless its definition says `config: { public: true }`.
 * The decision is taken on the route the router matched (`request.routeOptions`), never on the raw URL:
 * the router decodes `%xx`, accepts absolute-form targets and so on, so a URL test and the router would
 * disagree. A request that matched no route goes to the not-found handler (404, or the web app's shell)
 * and touches nothing. Without a session the context carries `anonymousActor`, which every check refuses.
 * The request's service context is built here, once.
 */
export function registerAuthHook(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('locale', 'zh');

  app.addHook('onRequest', async (request) => {
    request.locale = localeFrom(request.headers['accept-language']);
    const baseCtx = {
      ...deps,
      ip: request.ip,
      requestId: request.id,
      contactId: headerValue(request.headers['x-contact-id']),
      accessReason: decodeReason(headerValue(request.headers['x-access-reason'])),
    };
    if (request.is404) {
      request.actor = null;
      request.ctx = { ...baseCtx, actor: anonymousActor };
      return;
    }
    const token = bearerToken(request.headers.authorization);
    // A system calling as itself (the payment system) sends its own credential instead of a staff session.
    const apiKey = headerValue(request.headers['x-api-key']);
    const actor = apiKey
      ? await resolveSystemCredential(deps, apiKey)
      : token
        ? await resolveToken(deps, token)
        : undefined;
    if (apiKey && !actor) throw new AppError('UNAUTHENTICATED');
    if (!actor && request.routeOptions.config?.public !== true) throw new AppError('UNAUTHENTICATED');
    request.actor = actor ?? null;
    request.ctx = { ...baseCtx, actor: actor ?? anonymousActor };
  });

  // CVV2, PIN and track data are refused before any handler sees them (PCI DSS 3.3.1), in named fields and
  // typed into free text; a route whose text is the customer's own redacts the free-text kind instead.
  app.addHook('preValidation', async (request) => {
    const options = { text: request.routeOptions.config?.freeText !== 'redact' };
    assertNoAuthData(request.body, options);
    assertNoAuthData(request.query, options);
    // PostgreSQL text cannot hold NUL: refuse it here, on both databases alike, rather than fail in a query.
    const bodyStored = request.routeOptions.config?.analysisOnly !== true;
    if (hasNul(request.params) || hasNul(request.query) || (bodyStored && hasNul(request.body))) {
      throw new AppError('VALIDATION_FAILED', { detail: 'NUL character' });
    }
  });
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k.includes('\u0000') || hasNul(v, depth + 1));
}

function headerValue(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.length <= 500 ? s : undefined;
}

/** Reasons are written in Chinese: the header carries them percent-encoded (UTF-8). */
function decodeReason(v: string | undefined): string | undefined {
  if (!v) return undefined;
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/**
 * Registers a plugin whose routes are all public (API docs UI, the web app's files): an `onRoute` hook in
 * its own scope writes `public: true` into each route's definition as it is declared, so these routes are
 * public the one way every other public route is.
 */
export async function registerPublicPlugin(
  app: FastifyInstance,
  plugin: FastifyPluginAsync<never> | FastifyPluginCallback<never>,
  options: unknown,
): Promise<void> {
  await app.register(async (scope) => {
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await scope.register(plugin as FastifyPluginAsync, options as never);
  });
}
