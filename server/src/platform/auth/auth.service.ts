import { createHash } from 'node:crypto';
import type { Role, User } from '@carddesk/contracts';
import { audit } from '../audit.ts';
import type { Ctx, Deps } from '../context.ts';
import { inTransaction } from '../db/dialect.ts';
import type { UsersTable } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { newId, newSecret } from '../ids.ts';
import { type Actor, systemActor } from './actor.ts';
import { assertStrongPassword, DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';
import { authorize } from './policy.ts';

/** After this many wrong passwords in a row the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

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

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: User;
}

/**
 * Checks a password and opens a session. Wrong passwords count towards a lock-out; a locked account
 * is refused even with the right password until the lock expires. Every outcome is audited.
 */
export async function login(
  deps: Deps,
  input: { username: string; password: string; ip?: string | undefined },
): Promise<LoginResult> {
  const now = deps.clock.now();
  const row = await deps.db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const ctx: Ctx = { ...deps, actor: row ? userToActor(userRowToUser(row)) : systemActor('login'), ip: input.ip };

  if (!row) {
    await verifyPassword(await DUMMY_HASH_PROMISE, input.password);
    await audit(ctx, { action: 'auth.login_failed', entityType: 'user', details: { reason: 'unknown_user' } });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (row.disabled) {
    await audit(ctx, {
      action: 'auth.login_refused',
      entityType: 'user',
      entityId: row.id,
      details: { reason: 'disabled' },
    });
    throw new AppError('ACCOUNT_DISABLED');
  }
  if (row.locked_until && row.locked_until > now.toISOString()) {
    await audit(ctx, {
      action: 'auth.login_refused',
      entityType: 'user',
      entityId: row.id,
      details: { reason: 'locked' },
    });
    throw new AppError('ACCOUNT_LOCKED', { details: { lockedUntil: row.locked_until } });
  }

  const ok = await verifyPassword(row.password_hash, input.password);
  if (!ok) {
    await inTransaction(deps.db, async (trx) => {
      const fresh = await trx
        .selectFrom('users')
        .select('failed_logins')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      const failed = fresh.failed_logins + 1;
      const lock = failed >= MAX_FAILED_LOGINS;
      await trx
        .updateTable('users')
        .set({
          failed_logins: lock ? 0 : failed,
          locked_until: lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : row.locked_until,
          updated_at: now.toISOString(),
        })
        .where('id', '=', row.id)
        .execute();
      await audit(
        { ...ctx, db: trx },
        {
          action: lock ? 'auth.account_locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: row.id,
          details: { failedLogins: failed },
        },
      );
    });
    throw new AppError('INVALID_CREDENTIALS');
  }

  const token = newSecret(32);
  const expiresAt = new Date(now.getTime() + deps.config.CARDDESK_TOKEN_TTL_MINUTES * 60_000).toISOString();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, updated_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await trx
      .insertInto('sessions')
      .values({
        token_hash: tokenHash(token),
        user_id: row.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        revoked_at: null,
        ip: input.ip ?? null,
      })
      .execute();
    await audit({ ...ctx, db: trx }, { action: 'auth.login', entityType: 'user', entityId: row.id });
  });
  return { token, expiresAt, user: userRowToUser(row) };
}

/** Resolves a bearer token to the acting user, or undefined when it is unknown, expired, revoked or disabled. */
export async function resolveToken(deps: Deps, token: string): Promise<Actor | undefined> {
  const row = await deps.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.expires_at', 'sessions.revoked_at'])
    .where('sessions.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled) return undefined;
  if (row.expires_at <= deps.clock.now().toISOString()) return undefined;
  return userToActor(userRowToUser(row));
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    await trx
      .updateTable('sessions')
      .set({ revoked_at: ctx.clock.now().toISOString() })
      .where('token_hash', '=', tokenHash(token))
      .execute();
    await audit({ ...ctx, db: trx }, { action: 'auth.logout', entityType: 'user', entityId: ctx.actor.userId });
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
  if (input.role === 'dept_handler' && !input.departmentId) throw new AppError('DEPARTMENT_REQUIRED');
  const passwordHash = await hashPassword(input.password, ctx.config);
  return inTransaction(ctx.db, async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN');
    if (input.departmentId) {
      const dept = await trx
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
      failed_logins: 0,
      locked_until: null,
      disabled: 0,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('users').values(row).execute();
    await audit(
      { ...ctx, db: trx },
      {
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        details: { username: row.username, role: row.role },
      },
    );
    return userRowToUser(row);
  });
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
