import { type ErrorCode, errorCatalog } from '@carddesk/contracts';

export type Locale = 'zh' | 'en';

/**
 * The one error type services throw. The code picks the HTTP status and the user message from the
 * catalogue in `@carddesk/contracts`; `detail` is for logs only and never reaches a client.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, options: { detail?: string; details?: unknown; cause?: unknown } = {}) {
    super(options.detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
  get status(): number {
    return errorCatalog[this.code].status;
  }
}

export function messageFor(code: ErrorCode, locale: Locale): string {
  return errorCatalog[code][locale];
}

/** Accept-Language picks English only when the client prefers it; Chinese is the default. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
