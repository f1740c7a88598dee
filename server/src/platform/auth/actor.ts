import type { Role } from '@carddesk/contracts';

/** Who is acting: a signed-in staff member, or the system itself (jobs, batch runs, CLI). */
export interface Actor {
  readonly kind: 'user' | 'system';
  readonly userId: string | null;
  readonly username: string;
  readonly role: Role | 'system';
  readonly departmentId: string | null;
  readonly agentNo: string | null;
}

export const systemActor = (name = 'system'): Actor => ({
  kind: 'system',
  userId: null,
  username: name,
  role: 'system',
  departmentId: null,
  agentNo: null,
});
