import type { ProtectionWindow } from '@carddesk/contracts';
import { addDays, bankDate } from '../../platform/clock.ts';

/**
 * Pure rules of the emergency lane (card-rules.md §4): chargeback time limits per card network, and the
 * lost-card protection window (失卡保障) counted back from the loss report. No I/O.
 */
export interface ChargebackRule {
  network: string;
  nameZh: string;
  /** processing: from the processing (posting) date; statement: from the statement date. */
  basis: 'processing' | 'statement';
  days: number;
  /** Days of the limit taken by the retrieval request (they are inside `days`, not added to it). */
  retrievalDays: number;
}

/**
 * Defaults from card-rules.md §4: UnionPay ≤150 calendar days from processing including a 30-day retrieval
 * request; Mastercard 90 days; the bank's own claim window 60 days from the statement. Banks change them
 * as settings (the `chargeback_rules` table).
 */
export const DEFAULT_CHARGEBACK_RULES: readonly ChargebackRule[] = [
  { network: 'unionpay', nameZh: '银联', basis: 'processing', days: 150, retrievalDays: 30 },
  { network: 'mastercard', nameZh: '万事达', basis: 'processing', days: 90, retrievalDays: 0 },
  { network: 'bank', nameZh: '本行受理时限', basis: 'statement', days: 60, retrievalDays: 0 },
];

/**
 * The last day a chargeback can be raised. A statement-based limit for a transaction not yet on a
 * statement is counted from its posting date instead — earlier than the real limit, so never too late.
 */
export function chargebackDeadline(
  rule: ChargebackRule,
  txn: { postingDate: string; statementDate: string | null },
): string {
  const start = rule.basis === 'statement' ? (txn.statementDate ?? txn.postingDate) : txn.postingDate;
  return addDays(start, rule.days);
}

export const DEFAULT_PROTECTION_HOURS = 72;

/** The lost-card protection window of a report (its fields are described in the contracts' emergency.ts). */
export type { ProtectionWindow };

export function protectionWindow(
  reportedAt: Date,
  covered: boolean,
  hours: number,
  maxCoverFen: number | null = null,
): ProtectionWindow {
  if (!covered || hours <= 0) return { covered: false, hours: 0, maxCoverFen: null, from: null, to: null };
  return {
    covered: true,
    hours,
    maxCoverFen,
    from: new Date(reportedAt.getTime() - hours * 3_600_000).toISOString(),
    to: reportedAt.toISOString(),
  };
}

/**
 * Whether a transaction falls inside the window. The ledger keeps the transaction's calendar date (not its
 * time), so a transaction counts when its date lies between the window's first and last bank dates — the
 * customer gets the benefit of the doubt on the boundary days.
 */
export function inProtectionWindow(txnDate: string, window: ProtectionWindow): boolean {
  if (!window.covered || !window.from || !window.to) return false;
  return txnDate >= bankDate(new Date(window.from)) && txnDate <= bankDate(new Date(window.to));
}
