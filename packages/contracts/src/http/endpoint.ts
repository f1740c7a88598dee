/**
 * What a client needs to reach a route: its method, its path and whether it is public. Zod-free, so the web
 * application imports the endpoint tables (`@carddesk/contracts/endpoints`) at runtime without pulling the
 * schemas into its bundle; it reads the schemas as types only (see `route.ts`).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint<M extends HttpMethod = HttpMethod, P extends string = string> {
  readonly method: M;
  /** Fastify's form: `/api/kb/articles/:id`. */
  readonly path: P;
  /**
   * Reachable without a staff session (sign-in, health, the customer's chat and self-service with their own
   * credentials). Every other route is private: the server decides this on the matched route.
   */
  readonly public?: true;
}

export const get = <P extends string>(path: P) => ({ method: 'GET', path }) as const;
export const post = <P extends string>(path: P) => ({ method: 'POST', path }) as const;
export const put = <P extends string>(path: P) => ({ method: 'PUT', path }) as const;
export const patch = <P extends string>(path: P) => ({ method: 'PATCH', path }) as const;
export const del = <P extends string>(path: P) => ({ method: 'DELETE', path }) as const;

/** Marks an endpoint public: `pub(post('/api/auth/login'))`. */
export const pub = <E extends Endpoint>(endpoint: E) => ({ ...endpoint, public: true }) as const;

/** `/api/kb/articles/:id` + `{ id: 'a/b' }` → `/api/kb/articles/a%2Fb`. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new TypeError(`path parameter ${name} missing for ${path}`);
    return encodeURIComponent(String(value));
  });
}
