import type { TransactionKind } from '@carddesk/contracts';

export type { TransactionKind };

/**
 * The end of an exhaustive switch over a kind union: the type checker refuses a call that a new, unhandled
 * kind can reach, and a value outside the union read from storage stops the posting instead of being
 * booked somewhere by default.
 */
export function unknownKind(kind: never): never {
  throw new Error(`unknown kind: ${String(kind)}`);
}
