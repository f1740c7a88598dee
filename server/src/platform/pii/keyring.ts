import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Field encryption (AES-256-GCM) and blind indexes (HMAC-SHA256) for personal financial information.
 *
 * The master keyring is `kid:base64[,kid:base64…]`; the first key encrypts new values, every key can
 * decrypt, so a new key is rolled out by putting it first and re-encrypting in the background
 * (`carddesk keys rotate`) with no downtime. Each key id yields its own sub-keys through HKDF, so the
 * master key itself never touches data. Blind indexes use one fixed key id: changing it means
 * rebuilding every index.
 *
 * The audit chain is keyed too (HMAC-SHA256, `audit.ts`): every key id yields an audit sub-key, records name
 * the key id they were sealed with, and new records use one fixed id (`CARDDESK_AUDIT_KEY_ID`, by default
 * the blind-index key id). A key id that sealed records must stay in the ring for them to verify.
 */
export class Keyring {
  readonly activeKid: string;
  readonly #encKeys = new Map<string, Buffer>();
  readonly #indexKey: Buffer;
  /** The key id new audit records are sealed with. */
  readonly auditKid: string;
  readonly #auditKeys = new Map<string, Buffer>();

  constructor(spec: string, blindIndexKid?: string, auditKid?: string) {
    const entries = parseKeyring(spec);
    if (entries.length === 0) throw new Error('CARDDESK_MASTER_KEY holds no key');
    for (const [kid, key] of entries) {
      this.#encKeys.set(kid, derive(key, `carddesk:enc:${kid}`));
      this.#auditKeys.set(kid, derive(key, `carddesk:audit-chain:${kid}`));
    }
    this.activeKid = entries[0]?.[0] ?? 'k1';
    const indexKid = blindIndexKid ?? entries[entries.length - 1]?.[0] ?? this.activeKid;
    const indexMaster = entries.find(([kid]) => kid === indexKid)?.[1];
    if (!indexMaster) throw new Error(`blind-index key id ${indexKid} is not in the keyring`);
    this.#indexKey = derive(indexMaster, 'carddesk:blind-index');
    this.auditKid = auditKid ?? indexKid;
    if (!this.#auditKeys.has(this.auditKid)) throw new Error(`audit key id ${this.auditKid} is not in the keyring`);
  }

  /** HMAC-SHA256 (hex) of `data` under the audit sub-key of `kid`; undefined when that key id is not in the ring. */
  auditMac(data: string, kid: string = this.auditKid): string | undefined {
    const key = this.#auditKeys.get(kid);
    return key && createHmac('sha256', key).update(data).digest('hex');
  }

  /** `v1.<kid>.<iv>.<ciphertext+tag>`; `context` (e.g. "customer.id_number") is bound as AAD. */
  encrypt(plain: string, context: string): string {
    const key = this.#encKeys.get(this.activeKid);
    if (!key) throw new Error('no active key');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${this.activeKid}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(token: string, context: string): string {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== 'v1') throw new DecryptionError('malformed ciphertext');
    const [, kid = '', ivText = '', bodyText = ''] = parts;
    const key = this.#encKeys.get(kid);
    if (!key) throw new DecryptionError(`unknown key id ${kid}`);
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < 16) throw new DecryptionError('malformed ciphertext');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivText, 'base64url'));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - 16));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new DecryptionError('authentication failed: wrong key or tampered value', { cause });
    }
  }

  /** The key id a stored value was encrypted with; rotation re-encrypts values not under the active key. */
  static kidOf(token: string): string | undefined {
    return token.split('.')[1];
  }

  /** Deterministic keyed hash for exact look-ups (phone, ID number, card number) without decrypting. */
  blindIndex(value: string, context: string): string {
    return createHmac('sha256', this.#indexKey).update(`${context}\u0000${value}`).digest('base64url');
  }
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

function derive(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
}

function parseKeyring(spec: string): Array<[string, Buffer]> {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const colon = entry.indexOf(':');
      const kid = colon > 0 ? entry.slice(0, colon) : `k${i + 1}`;
      const key = Buffer.from(colon > 0 ? entry.slice(colon + 1) : entry, 'base64');
      if (key.length < 32) throw new Error(`master key ${kid} must be at least 32 bytes (base64)`);
      if (!/^[A-Za-z0-9_-]{1,16}$/.test(kid)) throw new Error(`bad key id ${kid}`);
      return [kid, key];
    });
}

/** A fresh random key in keyring form, for `carddesk keys new` and the demo. */
export function generateKeySpec(kid = 'k1'): string {
  return `${kid}:${randomBytes(32).toString('base64')}`;
}
