import type { FastifyInstance } from 'fastify';
import { systemActor } from '../auth/actor.ts';
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
 * Secure by default: every /api route needs a staff session unless its config says `public: true`.
 * The request's service context is built here, once.
 */
export function registerAuthHook(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('locale', 'zh');

  app.addHook('onRequest', async (request) => {
    request.locale = localeFrom(request.headers['accept-language']);
    const isPublic =
      request.routeOptions.config?.public === true ||
      request.routeOptions.url === undefined ||
      request.url.startsWith('/api/docs');
    const token = bearerToken(request.headers.authorization);
    // A system calling as itself (the payment system) sends its own credential instead of a staff session.
    const apiKey = headerValue(request.headers['x-api-key']);
    const actor = apiKey
      ? await resolveSystemCredential(deps, apiKey)
      : token
        ? await resolveToken(deps, token)
        : undefined;
    if (apiKey && !actor) throw new AppError('UNAUTHENTICATED');
    if (!actor && !isPublic && request.url.startsWith('/api/')) throw new AppError('UNAUTHENTICATED');
    request.actor = actor ?? null;
    request.ctx = {
      ...deps,
      actor: actor ?? systemActor('anonymous'),
      ip: request.ip,
      requestId: request.id,
      contactId: headerValue(request.headers['x-contact-id']),
      accessReason: decodeReason(headerValue(request.headers['x-access-reason'])),
    };
  });

  // CVV2, PIN and track data are refused before any handler sees them (PCI DSS 3.3.1).
  app.addHook('preValidation', async (request) => {
    assertNoAuthData(request.body);
    assertNoAuthData(request.query);
  });
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
