import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * Sign-in throttling replaces the per-user lock-out (any caller could lock any named account, and the
 * answer told who exists): failures are counted per key (account, address, account+address) in
 * `login_throttle`, for known and unknown usernames alike. Sessions record when they were last used, for
 * the idle timeout.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').dropColumn('failed_logins').execute();
  await db.schema.alterTable('users').dropColumn('locked_until').execute();
  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
