import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../auth/actor.ts';
import type { Ctx } from '../context.ts';
import type { Locale } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member; set for every non-public /api route. */
    actor: Actor | null;
    /** The service context for this request (its `db` is a transaction under an Idempotency-Key). */
    ctx: Ctx;
    locale: Locale;
  }
  interface FastifyContextConfig {
    /**
     * Reachable without a staff session (health, login, docs, customer-side endpoints with their own auth).
     * Set by `handle()` from the contract's endpoint (`pub(…)`), or by a route not yet in the contract.
     */
    public?: boolean;
    /**
     * What happens to a CVV2, PIN or expiry typed into free text: staff input is refused (the default);
     * `redact` (the customer's chat) lets the request through and `scrubText` redacts it before storage.
     */
    freeText?: 'refuse' | 'redact';
    /**
     * `false`: `Idempotency-Key` is ignored (sign-in: failed attempts must count whatever the answer, and
     * an answer holding a live token must never be stored). See `idempotency.ts`.
     */
    idempotent?: boolean;
    /** The body is analysed and never stored: NUL characters in it are accepted (refused everywhere else). */
    analysisOnly?: boolean;
  }
}

/** The Fastify instance modules register their routes on: zod schemas give typed requests and OpenAPI. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
export type ModuleRoutes = FastifyPluginAsync<Record<never, never>, RawServerDefault, ZodTypeProvider>;
