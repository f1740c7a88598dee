import { existsSync } from 'node:fs';
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
import { registerAuthHook } from './platform/http/auth-hook.ts';
import { errorHandler } from './platform/http/error-handler.ts';
import { registerIdempotency } from './platform/http/idempotency.ts';
import { platformRoutes } from './platform/http/platform.routes.ts';
import type { App } from './platform/http/types.ts';
import { registerWebSocket, type TopicAuthorizers } from './platform/http/websocket.ts';

const WEB_DIST = fileURLToPath(serverFile('../web/dist/'));

/** Builds the HTTP application: one error model, auth by default, idempotency, OpenAPI, modules' routes. */
export async function buildApp(deps: Deps, modules: readonly ModuleDef[]): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.CARDDESK_BODY_LIMIT,
    trustProxy: false,
    requestIdHeader: false,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !existsSync(WEB_DIST)) {
      return errorHandler(new AppError('ROUTE_NOT_FOUND'), request, reply);
    }
    // The web application routes on the client: every other path gets its shell.
    return reply.sendFile('index.html');
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
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

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
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: 'index.html' });
  }
  return app;
}
