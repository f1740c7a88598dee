import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes' || v === 'on');

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** A SQLite file path (default ./data/carddesk.db), `:memory:`, or a postgres:// URL. */
  DATABASE_URL: z.string().min(1).default('./data/carddesk.db'),
  REDIS_URL: z.string().url().optional(),
  /** Keyring: `kid:base64key[,kid:base64key…]`, the first is active. A bare base64 key means kid `k1`. */
  CARDDESK_MASTER_KEY: z.string().optional(),
  /** Which key id derives the blind-index key; stays fixed across rotations. Default: the last (oldest) key. */
  CARDDESK_BLIND_INDEX_KEY_ID: z.string().optional(),
  /** The key id new audit records are sealed with (HMAC); default: the blind-index key id. */
  CARDDESK_AUDIT_KEY_ID: z.string().optional(),
  CARDDESK_DEMO: bool.default(false),
  CARDDESK_DEMO_PASSWORD: z.string().min(8).default('carddesk-demo'),
  CARDDESK_ADMIN_PASSWORD: z.string().optional(),
  CARDDESK_DATA_DIR: z.string().default('./data'),
  CARDDESK_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(12 * 60),
  /** A staff session unused for this long ends (it is revoked on its next use). */
  CARDDESK_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** How long a stored `Idempotency-Key` answer can be replayed; older rows are purged. */
  CARDDESK_IDEMPOTENCY_RETENTION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  CARDDESK_JOB_POLL_MS: z.coerce.number().int().min(50).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CARDDESK_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /**
   * Test harness only: hash new passwords with argon2's lowest cost, so a suite that creates and signs in
   * users does not spend its time hashing. Refused unless NODE_ENV=test (see loadConfig); the cost is stored
   * in each hash, so verification needs no setting.
   */
  CARDDESK_TEST_CHEAP_PASSWORD_HASH: bool.default(false),
  NODE_ENV: z.string().optional(),
});

export type Config = Readonly<z.infer<typeof configSchema>>;

/** Parses the environment once at boot; a bad value stops the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (parsed.data.CARDDESK_TEST_CHEAP_PASSWORD_HASH && parsed.data.NODE_ENV !== 'test') {
    throw new Error(
      'Invalid configuration:\n  CARDDESK_TEST_CHEAP_PASSWORD_HASH: only the test harness may weaken password hashing (NODE_ENV=test)',
    );
  }
  return Object.freeze(parsed.data);
}

export function dbKind(url: string): 'sqlite' | 'postgres' {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}
