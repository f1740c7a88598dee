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

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      formatters: { log: (obj) => scrubDeep(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
        },
      },
      serializers: {
        req: (req: { method?: string; url?: string; id?: string; ip?: string }) => ({
          id: req.id,
          method: req.method,
          url: scrubUrl(req.url ?? ''),
        }),
        err: pino.stdSerializers.err,
      },
    },
    destination,
  );
}

/** Query strings carry search terms (a phone or card number typed into customer search): drop their values. */
export function scrubUrl(url: string): string {
  const q = url.indexOf('?');
  const path = scrubText(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((p) => `${p.split('=')[0]}=***`);
  return `${path}?${params.join('&')}`;
}
