import { addDays, daysBetween } from '../../../platform/clock.ts';
import { applyRate } from './decimal.ts';

/**
 * Revolving interest as agents explain it: interest = Σ balance × days × daily rate, where a balance counts
 * from the day it is posted (记账日) and stops counting on the day it is repaid. Cash counts from the
 * transaction day. Rounded once, half up, to the fen.
 */
export interface BalanceEvent {
  date: string;
  /** Positive: a posting that bears interest; negative: a repayment of it. */
  amountFen: number;
}

export interface InterestBreakdownLine {
  from: string;
  to: string;
  days: number;
  balanceFen: number;
  fenDays: number;
}

export function revolvingInterest(
  events: readonly BalanceEvent[],
  through: string,
  dailyRate: string,
): { interestFen: number; fenDays: number; lines: InterestBreakdownLine[] } {
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const end = addDays(through, 1);
  const lines: InterestBreakdownLine[] = [];
  let balance = 0;
  let fenDays = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i];
    if (!e || e.date > through) break;
    balance = Math.max(0, balance + e.amountFen);
    const nextDate = sorted[i + 1]?.date;
    const to = nextDate && nextDate <= through ? nextDate : end;
    const days = daysBetween(e.date, to);
    if (days > 0 && balance > 0) {
      lines.push({ from: e.date, to: addDays(to, -1), days, balanceFen: balance, fenDays: balance * days });
      fenDays += balance * days;
    }
  }
  return { interestFen: applyRate(fenDays, dailyRate), fenDays, lines };
}
