import { randomBytes, randomFillSync } from 'node:crypto';

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
  if (poolAt + 16 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  let tail = '';
  for (let i = 0; i < 16; i++) tail += ALPHABET[(pool[poolAt + i] ?? 0) % 32];
  poolAt += 16;
  return head + tail;
}

// Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 256 ids instead of one per id (ids are
// made for every audit record and row). The bytes are still cryptographically random and used once.
const pool = Buffer.alloc(4096);
let poolAt = pool.length;

/** A random opaque secret (session tokens, one-time codes' salts), URL-safe. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
