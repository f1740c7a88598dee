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
 * request; Mastercard 90 days; the bank's own claim window 60 days from the statement. Visa, JCB and
 * American Express are UNCONFIRMED in the fact sheet: 120 days from processing is the default a bank
 * corrects. Banks change all of them as settings (the `chargeback_rules` table). The network rows are the
 * bank's internal limits towards the card scheme; only the `bank` row is the customer's deadline.
 */
export const DEFAULT_CHARGEBACK_RULES: readonly ChargebackRule[] = [
  { network: 'unionpay', nameZh: '银联', basis: 'processing', days: 150, retrievalDays: 30 },
  { network: 'visa', nameZh: 'Visa', basis: 'processing', days: 120, retrievalDays: 0 },
  { network: 'mastercard', nameZh: '万事达', basis: 'processing', days: 90, retrievalDays: 0 },
  { network: 'jcb', nameZh: 'JCB', basis: 'processing', days: 120, retrievalDays: 0 },
  { network: 'amex', nameZh: '美国运通', basis: 'processing', days: 120, retrievalDays: 0 },
  { network: 'bank', nameZh: '本行受理时限', basis: 'statement', days: 60, retrievalDays: 0 },
];

/** The customer's own claim window is the bank's rule; the others are card-scheme limits (internal). */
export const BANK_RULE = 'bank';

/** A BIN range of a card network: card numbers starting with `prefix`. */
export interface BinNetwork {
  prefix: string;
  network: string;
}

// Mastercard: 51–55, and 2221–2720 written as the shortest prefixes that cover exactly that range.
const MASTERCARD_PREFIXES = [
  '51',
  '52',
  '53',
  '54',
  '55',
  ...['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((d) => `222${d}`),
  ...['3', '4', '5', '6', '7', '8', '9'].map((d) => `22${d}`),
  '23',
  '24',
  '25',
  '26',
  '270',
  '271',
  '2720',
];

// JCB: 3528–3589, as the shortest prefixes that cover exactly that range.
const JCB_PREFIXES = ['3528', '3529', '353', '354', '355', '356', '357', '358'];

/**
 * Which network a card runs on, from the start of its number (the issuers' published BIN ranges):
 * UnionPay 62; Visa 4; Mastercard 51–55 and 2221–2720; JCB 3528–3589; American Express 34, 37. A setting,
 * so a bank adds its own ranges; the longest matching prefix wins.
 */
export const DEFAULT_BIN_NETWORKS: readonly BinNetwork[] = [
  { prefix: '62', network: 'unionpay' },
  { prefix: '4', network: 'visa' },
  ...MASTERCARD_PREFIXES.map((prefix) => ({ prefix, network: 'mastercard' })),
  ...JCB_PREFIXES.map((prefix) => ({ prefix, network: 'jcb' })),
  { prefix: '34', network: 'amex' },
  { prefix: '37', network: 'amex' },
];

/** The network of a card from its BIN: the longest matching prefix, else the bank's default network. */
export function networkForBin(bin: string, table: readonly BinNetwork[], fallback: string): string {
  let best: BinNetwork | undefined;
  for (const row of table) {
    if (bin.startsWith(row.prefix) && (!best || row.prefix.length > best.prefix.length)) best = row;
  }
  return best?.network ?? fallback;
}

/**
 * The last day a chargeback can be raised: a processing-based limit counts from the posting date, a
 * statement-based one (the bank's own window) from the date of the statement the transaction is on — for
 * one not billed yet, the statement it will be on.
 */
export function chargebackDeadline(rule: ChargebackRule, txn: { postingDate: string; statementDate: string }): string {
  return addDays(rule.basis === 'statement' ? txn.statementDate : txn.postingDate, rule.days);
}

/**
 * Which transactions the customer reviews after a loss report: at least the two statement cycles before it
 * (the last two statements' periods, and what is not billed yet), and never fewer than 60 days — so a
 * fraud that began before the last statement is on the list too.
 */
export const REVIEW_CYCLES = 2;
export const REVIEW_MIN_DAYS = 60;

export function reviewWindowStart(reportDate: string, statementDay: number): string {
  const day = String(statementDay).padStart(2, '0');
  const [y, m] = [Number(reportDate.slice(0, 4)), Number(reportDate.slice(5, 7))];
  // The last statement on or before the report date …
  let month = y * 12 + (m - 1) - (Number(reportDate.slice(8, 10)) < statementDay ? 1 : 0);
  // … and the statement that opened the earliest of the cycles to review: the period starts the day after.
  month -= REVIEW_CYCLES;
  const opened = `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-${day}`;
  const byCycles = addDays(opened, 1);
  const byDays = addDays(reportDate, -REVIEW_MIN_DAYS);
  return [byCycles, byDays].sort()[0] ?? byDays;
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
