import type { ProductTerms } from '@carddesk/contracts';
import { addDays } from '../../../platform/clock.ts';
import { applyRateFloor, parseRate } from './decimal.ts';

/** Adds whole calendar months to a date (the 31st becomes the last day of a shorter month). */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return `${ty}-${String(tm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface IncreaseInput {
  today: string;
  activatedOn: string | null;
  lastIncreaseOn: string | null;
  overdue: boolean;
  /** Newest first. */
  recentStatements: ReadonlyArray<{ status: string; balanceFen: number }>;
  currentLimitFen: number;
  requestedLimitFen: number;
  productMaxFen: number;
  rules: ProductTerms['limitRules'];
}

export type IncreaseVerdict =
  | { ok: true }
  | {
      ok: false;
      code: 'LIMIT_INCREASE_TOO_EARLY' | 'LIMIT_INCREASE_NOT_ELIGIBLE' | 'LIMIT_OUT_OF_RANGE';
      details: Record<string, unknown>;
    };

/**
 * Permanent increase eligibility (card-rules.md §7: first increase ≈ 6 months after activation, then
 * every 1–6 months): time since activation and since the last increase, no overdue now and no missed
 * minimum in the recent statements, enough use of the card, and within the product's range and step.
 */
export function permanentIncreaseEligibility(i: IncreaseInput): IncreaseVerdict {
  const r = i.rules;
  if (!i.activatedOn) return { ok: false, code: 'LIMIT_INCREASE_TOO_EARLY', details: { reason: 'not_activated' } };
  const earliest = addMonths(i.activatedOn, r.monthsAfterActivation);
  if (i.today < earliest) return { ok: false, code: 'LIMIT_INCREASE_TOO_EARLY', details: { earliest } };
  if (i.lastIncreaseOn) {
    const next = addMonths(i.lastIncreaseOn, r.monthsBetweenIncreases);
    if (i.today < next) return { ok: false, code: 'LIMIT_INCREASE_TOO_EARLY', details: { earliest: next } };
  }
  if (i.overdue) return { ok: false, code: 'LIMIT_INCREASE_NOT_ELIGIBLE', details: { reason: 'overdue' } };
  const window = i.recentStatements.slice(0, r.cleanStatements);
  if (window.some((s) => s.status === 'overdue')) {
    return { ok: false, code: 'LIMIT_INCREASE_NOT_ELIGIBLE', details: { reason: 'missed_minimum' } };
  }
  const used = window.length ? window.reduce((s, st) => s + Math.max(0, st.balanceFen), 0) / window.length : 0;
  const min = parseRate(r.minUtilisation);
  if (used * Number(min.den) < i.currentLimitFen * Number(min.num)) {
    return { ok: false, code: 'LIMIT_INCREASE_NOT_ELIGIBLE', details: { reason: 'low_utilisation' } };
  }
  const maxStep = i.currentLimitFen + applyRateFloor(i.currentLimitFen, r.maxIncreaseRate);
  const max = Math.min(i.productMaxFen, maxStep);
  if (i.requestedLimitFen > max) return { ok: false, code: 'LIMIT_OUT_OF_RANGE', details: { maxFen: max } };
  return { ok: true };
}

export { addDays };
