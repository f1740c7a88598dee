import type {
  RouteBody,
  RouteDef,
  RouteParams,
  RouteQuery,
  RouteReply,
  RouteSpec,
  RouteStatus,
} from '@carddesk/contracts';
import type { FastifyContextConfig, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types.ts';

/**
 * The server side of a contract route (`packages/contracts/src/routes/`): `handle(app, route, handler)`
 * registers the handler on the route's method and path, with its schemas (validation, OpenAPI, the response
 * schema that drops what it does not name), its `public` and `idempotent` flags in the route config (the auth
 * hook and the idempotency hook read them on the matched route) and its success status: the handler returns
 * the answer's body (nothing for a 204; the bytes of a `file` route, sent under its media type) and never
 * restates a status, a path or a schema.
 */

/** The server's own edge policy for a route: not part of the contract. */
export interface EdgeOptions {
  /** Per-address limit (`@fastify/rate-limit`). */
  rateLimit?: { max: number; timeWindow: string };
  /** `redact`: a CVV2/PIN typed into the customer's free text is redacted on storage, not refused. */
  freeText?: 'refuse' | 'redact';
  /** The body is analysed and never stored: NUL characters in it are accepted. */
  analysisOnly?: true;
}

export type RouteRequest<R extends RouteDef> = FastifyRequest<{
  Params: RouteParams<R>;
  Querystring: RouteQuery<R>;
  Body: RouteBody<R>;
}>;

/**
 * Returns the answer's body; or `reply` itself when it has sent the answer (a file, a header of its own).
 */
export type RouteHandler<R extends RouteDef> = (
  request: RouteRequest<R>,
  reply: FastifyReply,
) => Promise<RouteReply<R> | FastifyReply>;

export function handle<R extends RouteDef>(app: App, route: R, handler: RouteHandler<R>): void;
export function handle<R extends RouteDef>(app: App, route: R, options: EdgeOptions, handler: RouteHandler<R>): void;
export function handle<R extends RouteDef>(
  app: App,
  route: R,
  optionsOrHandler: EdgeOptions | RouteHandler<R>,
  maybeHandler?: RouteHandler<R>,
): void {
  const options = typeof optionsOrHandler === 'function' ? {} : optionsOrHandler;
  const handler = (typeof optionsOrHandler === 'function' ? optionsOrHandler : maybeHandler) as RouteHandler<R>;
  const status = successStatus(route);
  const config: FastifyContextConfig & { rateLimit?: EdgeOptions['rateLimit'] } = {
    ...(route.public ? { public: true } : {}),
    ...(route.idempotent === false ? { idempotent: false } : {}),
    ...options,
  };
  app.route({
    method: route.method,
    url: route.path,
    config,
    schema: {
      ...(route.tags ? { tags: [...route.tags] } : {}),
      ...(route.summary ? { summary: route.summary } : {}),
      ...(route.description ? { description: route.description } : {}),
      // A public route needs no bearer token: the document says so (it has its own credential, if any).
      ...(route.public ? { security: [] } : {}),
      ...(route.params ? { params: route.params } : {}),
      ...(route.query ? { querystring: route.query } : {}),
      ...(route.body ? { body: route.body } : {}),
      response: route.file ? fileResponse(route, route.file) : route.response,
    },
    handler: async (request, reply) => {
      const body = await handler(request as RouteRequest<R>, reply);
      if (body === reply || reply.sent) return reply;
      if (status === 204) return reply.status(204).send();
      // A file: its bytes as they are (the handler may add a content-disposition).
      if (route.file) reply.header('content-type', route.file.type);
      return reply.status(status).send(body as never);
    },
  });
}

/** A file answer is documented under its media type, not as JSON. */
function fileResponse(route: RouteSpec, file: NonNullable<RouteSpec['file']>) {
  const [code, schema] = Object.entries(route.response)[0] as [string, unknown];
  return { [code]: { description: file.description, content: { [file.type]: { schema } } } };
}

function successStatus<R extends RouteSpec>(route: R): RouteStatus<R> {
  const [code] = Object.keys(route.response);
  return Number(code) as RouteStatus<R>;
}
