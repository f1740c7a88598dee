import { type DestinationStream, type Logger, pino } from 'pino';
import { scrubText } from './pii/mask.ts';

/**
 * pino with two layers of protection for personal data: known sensitive fields are redacted by path,
 * and every string that is logged is scrubbed of card, ID and mobile numbers, so a value in an
 * unexpected place (a URL, an error message) still never reaches the log in clear.
 */
const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'headers.authorization',
  '*.password',
  '*.token',
  '*.otp',
  '*.code',
  'body',
  '*.body',
];

function scrubDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubDeep(v, depth + 1);
  return out;
}

interface RequestLike {
  id?: string;
  method?: string;
  url?: string;
}

/** What a request line leaves in the log: its id, method and URL with query values dropped. */
function serializeRequest(req: RequestLike) {
  return { id: req.id, method: req.method, url: scrubUrl(req.url ?? '') };
}

/**
 * Fastify logs the request and the reply objects themselves (`req`, `res`), whose method, URL and status
 * are getters: they are serialised here, before the scrubber copies own fields only and would drop them.
 */
function serializeKnown(obj: Record<string, unknown>): Record<string, unknown> {
  const out = { ...obj };
  if (obj.req && typeof obj.req === 'object') out.req = serializeRequest(obj.req as RequestLike);
  if (obj.res && typeof obj.res === 'object') out.res = { statusCode: (obj.res as { statusCode?: number }).statusCode };
  return out;
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(serializeKnown(obj)) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: {
        req: serializeRequest,
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** Query strings carry search terms (a phone or card number typed into customer search): drop their values. */
export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  // Scrubbed as the router reads it: `%31%33%38…` is a mobile number too.
  const path = scrubText(safeDecode(q < 0 ? url : url.slice(0, q)));
  if (q < 0) return path;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((p) => `${p.split('=')[0]}=***`);
  return `${path}?${params.join('&')}`;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
