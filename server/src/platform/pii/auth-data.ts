import { AppError } from '../errors.ts';

/**
 * PCI DSS 3.3.1 / JR/T 0171 C3: card verification codes, PINs and track data are never stored, not even
 * encrypted. Any request body or value about to be persisted that carries such a field is refused.
 */
const FORBIDDEN_KEYS = new Set([
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'cvn',
  'cvn2',
  'securitycode',
  'pin',
  'pinblock',
  'pincode',
  'track',
  'track1',
  'track2',
  'trackdata',
  'magstripe',
  'icdata',
  'chipdata',
]);

// ISO 7813 track 1 (%B…^NAME^…?) and track 2 (;PAN=YYMM…?) layouts.
const TRACK_RE = /%B\d{12,19}\^[^^]{2,26}\^\d{4}|;?\d{12,19}=\d{4}\d*\??/;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Returns the path of the first authentication-data field in `value`, if any. */
export function findAuthData(value: unknown, path = '$', depth = 0): string | undefined {
  if (depth > 12) return undefined;
  if (typeof value === 'string') return TRACK_RE.test(value) ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findAuthData(value[i], `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(normalizeKey(k)) && v !== null && v !== undefined && v !== '') return `${path}.${k}`;
      const hit = findAuthData(v, `${path}.${k}`, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

export function assertNoAuthData(value: unknown): void {
  const path = findAuthData(value);
  if (path) throw new AppError('AUTH_DATA_REFUSED', { detail: `authentication data at ${path}` });
}
