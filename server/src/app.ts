import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { ModuleDef } from './modules/module.ts';
import { serverFile } from './paths.ts';
import type { Deps } from './platform/context.ts';
import { AppError } from './platform/errors.ts';
import { registerAuthHook, registerPublicPlugin } from './platform/http/auth-hook.ts';
import { errorHandler } from './platform/http/error-handler.ts';
import { registerIdempotency } from './platform/http/idempotency.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import type { App } from './platform/http/types.ts';
import { registerWebSocket, type TopicAuthorizers } from './platform/http/websocket.ts';

const WEB_DIST = fileURLToPath(serverFile('../web/dist/'));
const WEB_INDEX = `${WEB_DIST}index.html`;

/**
 * Whether an unmatched request is a page of the web app (its client-side routes): a GET for a plain path
 * outside /api. Judged on the path as the router would read it — decoded, dot segments resolved, slashes
 * collapsed, any case — so `/%61pi/…` or `//api/…` never get a 200 page instead of the API's 404.
 */
export function isWebAppPath(method: string, url: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (!url.startsWith('/') || url.startsWith('//')) return false;
  let path: string;
  try {
    path = decodeURIComponent(new URL(url, 'http://host').pathname);
  } catch {
    return false;
  }
  return !/^\/+api(\/|$)/i.test(path.replace(/\/{2,}/g, '/'));
}

/** Builds the HTTP application: one error model, auth by default, idempotency, OpenAPI, modules' routes. */
export async function buildApp(deps: Deps, modules: readonly ModuleDef[]): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.CARDDESK_BODY_LIMIT,
    trustProxy: false,
    requestIdHeader: false,
    ajv: { customOptions: { coerceTypes: false } },
    // A malformed escape (`/api/%zz`) gets the normal error body; Fastify's own would echo the URL.
    frameworkErrors: (error, request, reply) => errorHandler(error, request, reply),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  const webShell = existsSync(WEB_INDEX) ? readFileSync(WEB_INDEX) : undefined;
  app.setNotFoundHandler((request, reply) => {
    if (!webShell || !isWebAppPath(request.method, request.url)) {
      return errorHandler(new AppError('ROUTE_NOT_FOUND'), request, reply);
    }
    // The web application routes on the client: its pages get its shell.
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(webShell);
  });

  // The web bundles and large JSON answers go out compressed to clients that accept it.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
      },
    },
  });
  // Per-route only (login): a global limit would also throttle WebSocket upgrades.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'CardDesk API', description: '信用卡客服工作台 API', version: '0.1.0' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await registerPublicPlugin(app, swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  registerAuthHook(app, deps);
  registerIdempotency(app);

  const authorizers: TopicAuthorizers = {};
  for (const m of modules) {
    for (const [prefix, authorizer] of Object.entries(m.topics ?? {})) {
      // Two modules claiming one prefix would silently let one decide for the other's topics.
      if (authorizers[prefix]) throw new Error(`live-topic prefix "${prefix}" is registered twice (module ${m.name})`);
      authorizers[prefix] = authorizer;
    }
  }
  registerWebSocket(app, deps, authorizers);

  const typed = app.withTypeProvider() as unknown as App;
  await typed.register(platformRoutes);
  for (const m of modules) if (m.routes) await typed.register(m.routes);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  if (existsSync(WEB_DIST)) {
    await registerPublicPlugin(app, fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
    });
  }
  return app;
}
