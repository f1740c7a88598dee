import type { Deps } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { forUpdate, inTransaction } from '../db/dialect.ts';

/**
 * Sign-in throttling, instead of a lock-out anyone could trigger by typing a colleague's name. Failures are
 * counted under three keys: the account with the address (a guesser at one desk), the account from
 * anywhere (a distributed guesser), the address over any account (spraying). Each key allows `free`
 * failures in a quiet window; past that every attempt waits an exponentially growing, capped delay, and
 * an attempt inside the delay is refused with the same answer as a wrong password, without the password
 * being checked. Unknown usernames are counted exactly like real ones, so the answers never tell who
 * exists. Usernames are stored as keyed hashes, never as typed. An attempt is counted before its password
 * is checked (`claimLoginAttempt`), in the same locked step as the throttle check, so a burst of
 * simultaneous attempts is counted one after another instead of all passing the same check.
 */
export const LOGIN_THROTTLE = {
  /** Failures allowed per key before delays start. */
  free: { pair: 5, account: 20, address: 50 },
  /** A key with no failure for this long starts again from zero. */
  windowMinutes: 15,
  /** First delay; doubles with each further failure, up to `maxDelaySeconds`. */
  baseDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
} as const;

type KeyKind = keyof typeof LOGIN_THROTTLE.free;
interface ThrottleKey {
  kind: KeyKind;
  key: string;
}

export function throttleKeys(deps: Pick<Deps, 'keyring'>, username: string, ip: string | undefined): ThrottleKey[] {
  const account = deps.keyring.blindIndex(username.trim().toLowerCase(), 'login.username');
  const address = ip ?? 'unknown';
  return [
    { kind: 'pair', key: `pair:${account}:${address}` },
    { kind: 'account', key: `account:${account}` },
    { kind: 'address', key: `address:${address}` },
  ];
}

/** A key row that has never failed: inserted so that every key can be locked, and read as quiet. */
const NEVER_FAILED = new Date(0).toISOString();

/**
 * Checks the throttle and counts this attempt in one step, before the password is checked: the keys'
 * rows are created if missing and locked (FOR UPDATE on PostgreSQL; SQLite's write transaction is
 * exclusive), then the attempt is counted unless it is held back. A success takes the count back
 * (`clearLoginFailures`). Returns until when sign-in is held back, or null when the attempt may go ahead.
 */
export async function claimLoginAttempt(db: Executor, keys: readonly ThrottleKey[], now: Date): Promise<string | null> {
  return inTransaction(db, async (trx) => {
    await trx
      .insertInto('login_throttle')
      .values(keys.map(({ key }) => ({ key, failures: 0, last_failure_at: NEVER_FAILED })))
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const rows = await forUpdate(
      trx,
      trx
        .selectFrom('login_throttle')
        .selectAll()
        .where(
          'key',
          'in',
          keys.map((k) => k.key),
        ),
    ).execute();
    const until = heldUntil(rows, keys, now);
    if (!until) await countFailure(trx, keys, now);
    return until;
  });
}

function heldUntil(
  rows: ReadonlyArray<{ key: string; failures: number; last_failure_at: string }>,
  keys: readonly ThrottleKey[],
  now: Date,
): string | null {
  let until = 0;
  for (const row of rows) {
    const kind = keys.find((k) => k.key === row.key)?.kind;
    if (!kind) continue;
    const last = Date.parse(row.last_failure_at);
    if (last <= now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000) continue;
    const over = row.failures - LOGIN_THROTTLE.free[kind];
    if (over < 0) continue;
    const delay = Math.min(LOGIN_THROTTLE.baseDelaySeconds * 2 ** over, LOGIN_THROTTLE.maxDelaySeconds);
    until = Math.max(until, last + delay * 1000);
  }
  return until > now.getTime() ? new Date(until).toISOString() : null;
}

/** Counts one failure under every key (a quiet key restarts from one). */
async function countFailure(db: Executor, keys: readonly ThrottleKey[], now: Date): Promise<void> {
  const at = now.toISOString();
  const quietSince = new Date(now.getTime() - LOGIN_THROTTLE.windowMinutes * 60_000).toISOString();
  await db
    .updateTable('login_throttle')
    .set((eb) => ({
      failures: eb
        .case()
        .when('login_throttle.last_failure_at', '<=', quietSince)
        .then(1)
        .else(eb('login_throttle.failures', '+', 1))
        .end(),
      last_failure_at: at,
    }))
    .where(
      'key',
      'in',
      keys.map((k) => k.key),
    )
    .execute();
}

/**
 * A successful sign-in clears the account's keys and takes its own count back from the address's key
 * (not more: others share the address).
 */
export async function clearLoginFailures(db: Executor, keys: readonly ThrottleKey[]): Promise<void> {
  const own = keys.filter((k) => k.kind !== 'address').map((k) => k.key);
  await db.deleteFrom('login_throttle').where('key', 'in', own).execute();
  const address = keys.filter((k) => k.kind === 'address').map((k) => k.key);
  await db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('login_throttle.failures', '-', 1) }))
    .where('key', 'in', address)
    .where('failures', '>', 0)
    .execute();
}
