import type { Role } from '@carddesk/contracts';

/**
 * Who is acting: a signed-in staff member, the system itself (jobs, batch runs, CLI, a public route's own
 * service identity chosen explicitly by that route), the payment system calling with its own credential (it
 * posts repayments; it is no staff role and may do nothing else), or nobody signed in. `anonymous` passes no
 * check: the policy, customer access and every `kind === 'system'` short-cut refuse it.
 */
export interface Actor {
  readonly kind: 'user' | 'system' | 'payment_system' | 'anonymous';
  /** The user's id; for the payment system, its credential's id (what the audit log records). */
  readonly userId: string | null;
  readonly username: string;
  readonly role: Role | 'system' | 'payment_system' | 'customer' | 'anonymous';
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

/**
 * The card holder acting for themselves through the chat assistant, signed in with phone + one-time code:
 * system work as far as the policy goes (the assistant decides what the holder may do on their own cards),
 * recorded in the audit log under the customer's id with the role `customer`.
 */
export const customerActor = (customerId: string): Actor => ({
  kind: 'system',
  userId: customerId,
  username: `customer:${customerId}`,
  role: 'customer',
  departmentId: null,
  agentNo: null,
});

/** The payment system, as it acts through a credential issued to it (or directly, in the demo). */
export const paymentSystemActor = (credentialId: string | null = null, name = 'payment-system'): Actor => ({
  kind: 'payment_system',
  userId: credentialId,
  username: name,
  role: 'payment_system',
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
