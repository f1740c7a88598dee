import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Sortable unique ids (ULID layout: 48-bit time + 80 random bits, Crockford base32), so rows sort by
 * creation without a sequence and ids are the same on SQLite and PostgreSQL.
 */
export function newId(at: Date = new Date()): string {
  let time = at.getTime();
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = ALPHABET[time % 32] + head;
    time = Math.floor(time / 32);
  }
  const bytes = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[(bytes[i] ?? 0) % 32];
  return head + tail;
}

/** A random opaque secret (session tokens, one-time codes' salts), URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
