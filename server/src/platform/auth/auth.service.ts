import { createHash } from 'node:crypto';
import { type Me, ROLES, type Role, type RoleInfo, type User } from '@carddesk/contracts';
import { audit } from '../audit.ts';
import type { Ctx, Deps } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { forUpdate, inTransaction } from '../db/dialect.ts';
import type { UsersTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newId, newSecret } from '../ids.ts';
import { type Actor, systemActor } from './actor.ts';
import { claimLoginAttempt, clearLoginFailures, throttleKeys } from './login-throttle.ts';
import { assertStrongPassword, DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import { authorize, DEMO_ACTIONS, permissionsOf, permissionsOfRole, roleNeedsDepartment } from './policy.ts';

export function userRowToUser(row: UsersTable): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    agentNo: row.agent_no,
    departmentId: row.department_id,
  };
}

export function userToActor(user: User): Actor {
  return {
    kind: 'user',
    userId: user.id,
    username: user.username,
    role: user.role,
    departmentId: user.departmentId,
    agentNo: user.agentNo,
  };
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A user with the policy actions they may take: what the web console shows and hides by. The demo-only
 * actions (the code outbox, the simulated keypad) are listed only when the server runs in demo mode, since
 * outside it their routes do not exist and the console must not offer them.
 */
export function withPermissions(user: User, options: { demo: boolean }): Me {
  const permissions = permissionsOf(userToActor(user)).filter((p) => options.demo || !DEMO_ACTIONS.has(p));
  return { ...user, permissions };
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: Me;
}

/**
 * Checks a password and opens a session. Every failure — unknown user, wrong password, disabled account,
 * or an attempt held back by throttling — gets the one answer INVALID_CREDENTIALS, so the answer never
 * tells whether an account exists or is throttled. Failures are counted (auth/login-throttle.ts) and
 * audited in their own transaction, which commits whatever the response. Every outcome is audited.
 */
export async function login(
  deps: Deps,
  input: { username: string; password: string; ip?: string | undefined },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const keys = throttleKeys(deps, input.username, input.ip);
  const row = await deps.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const ctx: Ctx = { ...deps, actor: row ? userToActor(userRowToUser(row)) : systemActor('login'), ip: input.ip };

  // Checked and counted in one locked step before the password is looked at (login-throttle.ts).
  const heldUntil = await claimLoginAttempt(deps.db, keys, now);
  if (heldUntil) {
    await audit(ctx, {
      action: 'auth.login_throttled',
      entityType: 'user',
      entityId: row?.id ?? null,
      details: { until: heldUntil },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }

  // The hash is checked for unknown users too (a dummy), so timing does not tell who exists.
  const ok = await verifyPassword(row?.password_hash ?? (await DUMMY_HASH_PROMISE), input.password);
  if (!row || !ok || row.disabled) {
    const reason = !row ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled';
    await audit(ctx, {
      action: 'auth.login_failed',
      entityType: 'user',
      entityId: row?.id ?? null,
      details: { reason },
    });
    throw new AppError('INVALID_CREDENTIALS');
  }

  const token = newSecret(32);
  const expiresAt = new Date(now.getTime() + deps.config.CARDDESK_TOKEN_TTL_MINUTES * 60_000).toISOString();
  await inTransaction(ctx, async (tctx) => {
    await clearLoginFailures(tctx.db, keys);
    await tctx.db
      .insertInto('sessions')
      .values({
        token_hash: tokenHash(token),
        user_id: row.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
        ip: input.ip ?? null,
        last_seen_at: now.toISOString(),
      })
      .execute();
    await audit(tctx, { action: 'auth.login', entityType: 'user', entityId: row.id });
  });
  return { token, expiresAt, user: withPermissions(userRowToUser(row), { demo: ctx.config.CARDDESK_DEMO }) };
}

/** A session's last use is written at most this often (not on every request). */
const SEEN_GRANULARITY_MS = 60_000;

/**
 * Resolves a bearer token to the acting user, or undefined when it is unknown, expired, revoked, idle for
 * longer than CARDDESK_SESSION_IDLE_MINUTES (it is then revoked), or its user is disabled.
 */
export async function resolveToken(deps: Deps, token: string): Promise<Actor | undefined> {
  const hash = tokenHash(token);
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.expires_at', 'sessions.revoked_at', 'sessions.created_at as session_created_at'])
    .select('sessions.last_seen_at')
    .where('sessions.token_hash', '=', hash)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled) return undefined;
  const now = deps.clock.now();
  if (row.expires_at <= now.toISOString()) return undefined;
  const lastSeen = Date.parse(row.last_seen_at ?? row.session_created_at);
  if (now.getTime() - lastSeen > deps.config.CARDDESK_SESSION_IDLE_MINUTES * 60_000) {
    await deps.db
      .updateTable('sessions')
      .set({ revoked_at: now.toISOString() })
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .execute();
    return undefined;
  }
  if (now.getTime() - lastSeen >= SEEN_GRANULARITY_MS) {
    await deps.db
      .updateTable('sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('token_hash', '=', hash)
      .execute();
  }
  return userToActor(userRowToUser(row));
}

/** Revokes every live session of a user (in the caller's transaction); returns how many. */
async function revokeSessionsOf(db: Executor, userId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function lockUser(trx: Executor, userId: string): Promise<UsersTable> {
  const row = await forUpdate(trx, trx.selectFrom('users').selectAll().where('id', '=', userId)).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: 'user' });
  return row;
}

/**
 * The user lifecycle, for administrators: disable (sessions end at once) or enable an account, reset a
 * password (sessions end), revoke every session. Each is one transaction with its audit record.
 */
export async function setUserDisabled(ctx: Ctx, userId: string, disabled: boolean): Promise<void> {
  authorize(ctx.actor, 'users.manage');
  if (disabled && userId === ctx.actor.userId) throw new AppError('USER_SELF_DISABLE');
  await inTransaction(ctx, async (tctx) => {
    const row = await lockUser(tctx.db, userId);
    const now = ctx.clock.now();
    await tctx.db
      .updateTable('users')
      .set({ disabled: disabled ? 1 : 0, updated_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    const revoked = disabled ? await revokeSessionsOf(tctx.db, userId, now) : 0;
    await audit(tctx, {
      action: disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: userId,
      details: { username: row.username, revokedSessions: revoked },
    });
  });
}

export async function resetPassword(ctx: Ctx, userId: string, password: string): Promise<void> {
  authorize(ctx.actor, 'users.manage');
  assertStrongPassword(password);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tctx) => {
    const row = await lockUser(tctx.db, userId);
    const now = ctx.clock.now();
    await tctx.db
      .updateTable('users')
      .set({ password_hash: passwordHash, updated_at: now.toISOString() })
      .where('id', '=', userId)
      .execute();
    const revoked = await revokeSessionsOf(tctx.db, userId, now);
    await audit(tctx, {
      action: 'user.password_reset',
      entityType: 'user',
      entityId: userId,
      details: { username: row.username, revokedSessions: revoked },
    });
  });
}

export async function revokeUserSessions(ctx: Ctx, userId: string): Promise<number> {
  authorize(ctx.actor, 'users.manage');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockUser(tctx.db, userId);
    const revoked = await revokeSessionsOf(tctx.db, userId, ctx.clock.now());
    await audit(tctx, {
      action: 'user.sessions_revoke',
      entityType: 'user',
      entityId: userId,
      details: { username: row.username, revokedSessions: revoked },
    });
    return revoked;
  });
}

/** The signed-in staff user (`/api/auth/me`), with their permissions. */
export async function currentUser(ctx: Ctx): Promise<Me> {
  const row =
    ctx.actor.kind === 'user' && ctx.actor.userId
      ? await ctx.db.selectFrom('users').selectAll().where('id', '=', ctx.actor.userId).executeTakeFirst()
      : undefined;
  if (!row) throw new AppError('UNAUTHENTICATED');
  return withPermissions(userRowToUser(row), { demo: ctx.config.CARDDESK_DEMO });
}

/** Ends the caller's session. Only a staff session can be ended: a system credential (X-Api-Key) has none. */
export async function logout(ctx: Ctx, token: string | undefined): Promise<void> {
  if (ctx.actor.kind !== 'user') throw new AppError('UNAUTHENTICATED');
  if (!token) return;
  await inTransaction(ctx, async (tctx) => {
    await tctx.db
      .updateTable('sessions')
      .set({ revoked_at: ctx.clock.now().toISOString() })
      .where('token_hash', '=', tokenHash(token))
      .execute();
    await audit(tctx, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
  });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  agentNo?: string | null | undefined;
  departmentId?: string | null | undefined;
}

export async function createUser(
  ctx: Ctx,
  input: CreateUserInput,
  options: { skipStrength?: boolean } = {},
): Promise<User> {
  authorize(ctx.actor, 'users.manage');
  if (!options.skipStrength) assertStrongPassword(input.password);
  if (roleNeedsDepartment(input.role) && !input.departmentId) throw new AppError('DEPARTMENT_REQUIRED');
  const passwordHash = await hashPassword(input.password, ctx.config);
  return inTransaction(ctx, async (tctx) => {
    const taken = await tctx.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN');
    if (input.departmentId) {
      const dept = await tctx.db
        .selectFrom('departments')
        .select('id')
        .where('id', '=', input.departmentId)
        .executeTakeFirst();
      if (!dept) throw new AppError('NOT_FOUND', { detail: 'department' });
    }
    const now = ctx.clock.now().toISOString();
    const row: UsersTable = {
      id: newId(ctx.clock.now()),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      agent_no: input.agentNo ?? null,
      department_id: input.departmentId ?? null,
      password_hash: passwordHash,
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    await tctx.db.insertInto('users').values(row).execute();
    await audit(tctx, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      details: { username: row.username, role: row.role },
    });
    return userRowToUser(row);
  });
}

/** The roles as the policy defines them: what each may do, and whether its users need a department. */
export function listRoles(ctx: Ctx): RoleInfo[] {
  authorize(ctx.actor, 'users.read');
  return ROLES.map((role) => ({
    role,
    needsDepartment: roleNeedsDepartment(role),
    permissions: permissionsOfRole(role),
  }));
}

export async function listUsers(ctx: Ctx): Promise<User[]> {
  authorize(ctx.actor, 'users.read');
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(userRowToUser);
}

export async function findUserByUsername(ctx: Ctx, username: string): Promise<User | undefined> {
  const row = await ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? userRowToUser(row) : undefined;
}
