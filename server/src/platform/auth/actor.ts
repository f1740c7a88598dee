import type { Role } from '@carddesk/contracts';

/**
 * Who is acting: a signed-in staff member, the system itself (jobs, batch runs, CLI), or the payment system
 * calling with its own credential (it posts repayments; it is no staff role and may do nothing else).
 */
export interface Actor {
  readonly kind: 'user' | 'system' | 'payment_system';
  /** The user's id; for the payment system, its credential's id (what the audit log records). */
  readonly userId: string | null;
  readonly username: string;
  readonly role: Role | 'system' | 'payment_system';
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

/** The payment system, as it acts through a credential issued to it (or directly, in the demo). */
export const paymentSystemActor = (credentialId: string | null = null, name = 'payment-system'): Actor => ({
  kind: 'payment_system',
  userId: credentialId,
  username: name,
  role: 'payment_system',
  departmentId: null,
  agentNo: null,
});
