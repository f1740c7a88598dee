import type { Role } from '@carddesk/contracts';

/**
 * Who is acting: a signed-in staff member, the system itself (jobs, batch runs, CLI, a public route's own
 * service identity chosen explicitly by that route), or nobody signed in. `anonymous` passes no check:
 * the policy, customer access and every `kind === 'system'` short-cut refuse it.
 */
export interface Actor {
  readonly kind: 'user' | 'system' | 'anonymous';
  readonly userId: string | null;
  readonly username: string;
  readonly role: Role | 'system' | 'anonymous';
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

/** The actor of a request without a staff session: refused by every check. */
export const anonymousActor: Actor = Object.freeze({
  kind: 'anonymous',
  userId: null,
  username: 'anonymous',
  role: 'anonymous',
  departmentId: null,
  agentNo: null,
});
