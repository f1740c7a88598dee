import type { ApiRoute, Endpoint, RouteInput, RouteOf, RouteResponse } from '@carddesk/contracts';
import { fillPath } from '@carddesk/contracts/endpoints';
import { currentLocale } from './i18n.tsx';
import { getSession, setSession } from './session.ts';

/**
 * The one HTTP client of the web app: `call(endpoint, { params, query, body }, options)` for a route defined in
 * the contract (path, method and types come from it), `api(path, …)` for routes not yet moved there. It adds the bearer token, the UI language, the Idempotency-Key of
 * the user action (a retry reuses it, so a lost answer never doubles an operation) and the contact the
 * agent works in. Errors become `ApiError` carrying the server's message, already in the user's language:
 * the UI shows `message`, never the code.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  constructor(code: string, message: string, status: number, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.details = details;
  }
}

type QueryValue = string | number | boolean | undefined | null;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue | readonly QueryValue[]>;
  /** Work inside this contact (`X-Contact-Id`): the server grants customer access through it. */
  contactId?: string | null | undefined;
  /** A written reason for a supervisor's access override (`X-Access-Reason`). */
  accessReason?: string | undefined;
  /** One key per user action; generated when missing on a mutating call. */
  idempotencyKey?: string | undefined;
  /** Another bearer token (the customer chat uses its own session token). */
  token?: string | null | undefined;
  signal?: AbortSignal | undefined;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

function localMessage(zh: string, en: string): string {
  return currentLocale() === 'en' ? en : zh;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const one of Array.isArray(v) ? v : [v])
      if (one !== undefined && one !== null && one !== '') params.append(k, String(one));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** The options of `call`: what the contract does not decide (the route's method, path and input). */
export type CallOptions = Omit<RequestOptions, 'method' | 'body' | 'query'>;

type Route<E extends Endpoint> = RouteOf<ApiRoute, E>;
/** What a route of the contract takes as its body, and what it answers: `Body<typeof kb.createArticle>`. */
export type Body<E extends Endpoint> = Exclude<RouteInput<Route<E>>['body'], undefined>;
export type Answer<E extends Endpoint> = RouteResponse<Route<E>>;
/** What a route of the contract takes as its query string: `Query<typeof cases.list>`. */
export type Query<E extends Endpoint> = Exclude<RouteInput<Route<E>>['query'], undefined>;
/** The input may be left out when the route takes nothing that must be given. */
type CallArgs<R> =
  Record<never, never> extends RouteInput<R>
    ? [input?: RouteInput<R>, options?: CallOptions]
    : [input: RouteInput<R>, options?: CallOptions];

/**
 * Calls a route of the contract: `call(knowledgeEndpoints.reject, { params: { versionId }, body: { comment } })`.
 * The path is filled from `params` (encoded), the body and the answer are typed by the route's schemas (read
 * as types only: no zod in the bundle). A public route carries no staff token unless `options.token` gives one
 * (the customer's chat token), and its 401 does not sign the staff user out.
 */
export function call<E extends Endpoint>(
  endpoint: E,
  ...[input, options]: CallArgs<Route<E>>
): Promise<RouteResponse<Route<E>>> {
  const { params, query, body } = (input ?? {}) as {
    params?: Record<string, unknown>;
    query?: RequestOptions['query'];
    body?: unknown;
  };
  return api(fillPath(endpoint.path, params), {
    ...(endpoint.public ? { token: null } : {}),
    ...options,
    method: endpoint.method,
    ...(query === undefined ? {} : { query }),
    ...(body === undefined ? {} : { body }),
  });
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLocale() === 'en' ? 'en' : 'zh-CN',
  };
  const token = options.token === undefined ? getSession()?.token : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.contactId) headers['x-contact-id'] = options.contactId;
  if (options.accessReason) headers['x-access-reason'] = encodeURIComponent(options.accessReason);
  if (method !== 'GET') headers['idempotency-key'] = options.idempotencyKey ?? newIdempotencyKey();
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(
      'NETWORK',
      localMessage('网络连接中断,请检查网络后重试', 'The connection was lost; check the network and retry'),
      0,
    );
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
    const code = error?.code ?? 'HTTP_ERROR';
    // A staff session that expired: back to sign-in (the customer chat handles its own token).
    if (res.status === 401 && options.token === undefined && code === 'UNAUTHENTICATED') setSession(null);
    throw new ApiError(
      code,
      error?.message ??
        localMessage(`系统暂时无法处理(${res.status}),请稍后再试`, `The server could not answer (${res.status})`),
      res.status,
      error?.details,
    );
  }
  return data as T;
}

/**
 * Downloads a file answer of the contract (a route with a `file`, e.g. the complaint analysis in Excel) with the
 * same headers: `download(casesEndpoints.analysisWorkbook, { query: { from, to } }, filename)`.
 */
export async function download<E extends Endpoint>(
  endpoint: E,
  input: RouteInput<Route<E>>,
  filename: string,
): Promise<void> {
  const { params, query } = input as { params?: Record<string, unknown>; query?: RequestOptions['query'] };
  const token = getSession()?.token;
  const res = await fetch(buildUrl(fillPath(endpoint.path, params), query), {
    headers: {
      'accept-language': currentLocale() === 'en' ? 'en' : 'zh-CN',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  if (!res.ok) {
    let message = localMessage('导出失败,请稍后再试', 'The export failed; try again later');
    try {
      message = ((await res.json()) as { error: { message: string } }).error.message;
    } catch {
      // keep the generic message
    }
    throw new ApiError('EXPORT_FAILED', message, res.status);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
