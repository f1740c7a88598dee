import type { Executor } from '../db/database.ts';

/**
 * The staff directory as modules read it (names on views, assignees, the live floor). Users are the
 * platform's table; modules ask here instead of querying it. Role decisions stay in policy.ts.
 */
export interface StaffMember {
  id: string;
  username: string;
  displayName: string;
  role: string;
  agentNo: string | null;
  departmentId: string | null;
  disabled: boolean;
}

type UserRow = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  agent_no: string | null;
  department_id: string | null;
  disabled: number;
};

const toStaff = (u: UserRow): StaffMember => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  role: u.role,
  agentNo: u.agent_no,
  departmentId: u.department_id,
  disabled: u.disabled === 1 || (u.disabled as unknown) === true,
});

const columns = ['id', 'username', 'display_name', 'role', 'agent_no', 'department_id', 'disabled'] as const;

export async function staffById(db: Executor, id: string): Promise<StaffMember | undefined> {
  const row = await db.selectFrom('users').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toStaff(row) : undefined;
}

/** Staff by id, for naming many at once (no entry for an unknown id). */
export async function staffByIds(db: Executor, ids: readonly string[]): Promise<Map<string, StaffMember>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(columns)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toStaff(r)]));
}

/** Every user, or those with the given usernames / roles / enabled, ordered by username. */
export async function listStaff(
  db: Executor,
  filter: { usernames?: readonly string[]; roles?: readonly string[]; enabled?: boolean } = {},
): Promise<StaffMember[]> {
  let q = db.selectFrom('users').select(columns).orderBy('username');
  if (filter.roles) {
    if (filter.roles.length === 0) return [];
    q = q.where('role', 'in', [...filter.roles]);
  }
  if (filter.enabled) q = q.where('disabled', '=', 0);
  if (filter.usernames) {
    if (filter.usernames.length === 0) return [];
    q = q.where('username', 'in', [...filter.usernames]);
  }
  return (await q.execute()).map(toStaff);
}

/** Users holding a session that is neither revoked nor expired at `nowIso`. */
export async function usersWithLiveSessions(db: Executor, nowIso: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sessions')
    .select('user_id')
    .distinct()
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .execute();
  return new Set(rows.map((r) => r.user_id));
}
