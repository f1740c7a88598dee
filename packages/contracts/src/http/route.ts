import type { z } from 'zod';
import type { Endpoint } from './endpoint.ts';

/**
 * A route of the API, defined once: its endpoint (method, path, public — `endpoint.ts`) and its spec (the
 * schemas of what it takes and answers, its documentation, whether `Idempotency-Key` replays it). The server
 * registers its handler on it (`server/src/platform/http/route.ts`), the web client calls it
 * (`web/src/app/api.ts`); neither restates a path, a method or a body.
 *
 * This file is zod-free at runtime (`import type`): the web may import it.
 */
export interface RouteSpec {
  /** OpenAPI tags; defaults to the group's (`defineRoutes`). */
  readonly tags?: readonly string[];
  readonly summary?: string;
  readonly description?: string;
  /**
   * `false`: `Idempotency-Key` is ignored, so failures count and an answer holding a live token is never
   * stored (sign-in). Part of the contract: it tells a client whether a retry with the same key replays.
   */
  readonly idempotent?: false;
  /**
   * The success answer is a file of this media type (the complaint analysis in Excel), not JSON: the server
   * sends the handler's bytes as they are and documents them as binary under `description`.
   */
  readonly file?: { readonly type: string; readonly description: string };
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** Exactly one success status: 200, 201 (a creation) or 204 (`z.undefined().describe(…)`: no body). */
  readonly response: { readonly 200: z.ZodType } | { readonly 201: z.ZodType } | { readonly 204: z.ZodType };
}

export type RouteDef = Endpoint & RouteSpec;

/**
 * Joins a module's endpoint table with the specs of the same names (a missing or extra name does not
 * compile). `tags` apply to every route that names none.
 */
export function defineRoutes<
  const E extends Record<string, Endpoint>,
  const S extends { readonly [K in keyof E]: RouteSpec },
>(
  endpoints: E,
  defaults: { readonly tags: readonly string[] },
  specs: S & { readonly [K in Exclude<keyof S, keyof E>]: never },
): { readonly [K in keyof E]: E[K] & S[K] } {
  const out: Record<string, RouteDef> = {};
  for (const [name, endpoint] of Object.entries(endpoints)) {
    const spec = (specs as Record<string, RouteSpec>)[name] as RouteSpec;
    out[name] = { ...endpoint, ...spec, tags: spec.tags ?? defaults.tags };
  }
  return out as { readonly [K in keyof E]: E[K] & S[K] };
}

type SchemaAt<R, K extends 'params' | 'query' | 'body'> = R extends { readonly [P in K]: infer S extends z.ZodType }
  ? S
  : undefined;
type SuccessSchema<R extends RouteSpec> = R['response'] extends infer M
  ? M extends { readonly 200: infer S extends z.ZodType }
    ? S
    : M extends { readonly 201: infer S extends z.ZodType }
      ? S
      : M extends { readonly 204: infer S extends z.ZodType }
        ? S
        : never
  : never;

/** The success status a route answers with. */
export type RouteStatus<R extends RouteSpec> = R['response'] extends { readonly 201: z.ZodType }
  ? 201
  : R['response'] extends { readonly 204: z.ZodType }
    ? 204
    : 200;

/** What the server's handler gets (parsed) … */
export type RouteParams<R> = SchemaAt<R, 'params'> extends infer S extends z.ZodType ? z.output<S> : undefined;
export type RouteQuery<R> = SchemaAt<R, 'query'> extends infer S extends z.ZodType ? z.output<S> : undefined;
export type RouteBody<R> = SchemaAt<R, 'body'> extends infer S extends z.ZodType ? z.output<S> : undefined;
/** … and returns (before the response schema drops what it does not name); nothing for a 204. */
export type RouteReply<R extends RouteSpec> = [z.input<SuccessSchema<R>>] extends [undefined]
  ? // biome-ignore lint/suspicious/noConfusingVoidType: a 204 handler is a function that returns nothing
    void
  : z.input<SuccessSchema<R>>;

/** What a client receives. */
export type RouteResponse<R extends RouteSpec> = [z.output<SuccessSchema<R>>] extends [undefined]
  ? undefined
  : z.output<SuccessSchema<R>>;

type InputPart<R, K extends 'params' | 'query' | 'body'> =
  SchemaAt<R, K> extends infer S extends z.ZodType
    ? undefined extends z.input<S>
      ? { [P in K]?: z.input<S> }
      : Record<never, never> extends z.input<S>
        ? { [P in K]?: z.input<S> }
        : { [P in K]: z.input<S> }
    : { [P in K]?: never };

/** What a client sends: `{ params, query, body }`, each required exactly when the route takes it. */
export type RouteInput<R> = InputPart<R, 'params'> & InputPart<R, 'query'> & InputPart<R, 'body'>;

/** The route of a union (`ApiRoute`) that an endpoint names. */
export type RouteOf<All, E extends Endpoint> = Extract<All, { readonly method: E['method']; readonly path: E['path'] }>;
