/**
 * Installment cost disclosure (card-rules.md §2, PBOC Announcement〔2021〕No. 3): a fee rate per period on the
 * original principal is turned into the annualised rate the customer must be shown, by the IRR method.
 *   payment A = P/n + P·f;  solve P = Σₖ A/(1+r)ᵏ for the monthly rate r;  APR = 12r;  EAR = (1+r)¹² − 1.
 */
import { applyRate } from './decimal.ts';

export interface ScheduleLine {
  period: number;
  principalFen: number;
  feeFen: number;
  paymentFen: number;
  remainingPrincipalFen: number;
}

/** Annualised rates first (PBoC Announcement〔2021〕No. 3): no per-period rate is more prominent than the APR. */
export interface InstallmentDisclosure {
  /** APR by IRR, percent with two decimals (e.g. "13.03"). */
  aprPercent: string;
  /** Effective annual rate, percent with two decimals. */
  earPercent: string;
  principalFen: number;
  periods: number;
  feeRatePerPeriod: string;
  perPeriodPaymentFen: number;
  totalFeeFen: number;
  totalPaymentFen: number;
  schedule: ScheduleLine[];
}

/**
 * The schedule in whole fen: principal P/n each period (the first period absorbs the remainder so the
 * rest are equal), fee P·f each period (rounded half up).
 */
export function installmentSchedule(principalFen: number, periods: number, feeRatePerPeriod: string): ScheduleLine[] {
  const base = Math.floor(principalFen / periods);
  const first = principalFen - base * (periods - 1);
  const fee = applyRate(principalFen, feeRatePerPeriod);
  const lines: ScheduleLine[] = [];
  let remaining = principalFen;
  for (let k = 1; k <= periods; k++) {
    const principal = k === 1 ? first : base;
    remaining -= principal;
    lines.push({
      period: k,
      principalFen: principal,
      feeFen: fee,
      paymentFen: principal + fee,
      remainingPrincipalFen: remaining,
    });
  }
  return lines;
}

/** Monthly IRR r with Σ cashflows[k]/(1+r)^(k+1) = principal, by bisection (monotone in r). */
export function monthlyIrr(principal: number, payments: readonly number[]): number {
  const pv = (r: number) => payments.reduce((s, a, i) => s + a / (1 + r) ** (i + 1), 0);
  let lo = 0;
  let hi = 1;
  if (pv(0) <= principal) return 0;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (pv(mid) > principal) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const pct = (x: number) => (Math.round(x * 10000 + 1e-9) / 100).toFixed(2);

/** APR and EAR (percent, two decimals) of equal payments on the exact rates (not the rounded fen schedule). */
export function aprOf(periods: number, feeRatePerPeriod: number, feeSchedule: 'spread' | 'upfront' = 'spread') {
  const P = 1;
  const payments =
    feeSchedule === 'spread'
      ? Array.from({ length: periods }, () => P / periods + P * feeRatePerPeriod)
      : Array.from({ length: periods }, (_, k) => P / periods + (k === 0 ? P * feeRatePerPeriod * periods : 0));
  const r = monthlyIrr(P, payments);
  return { monthlyRate: r, aprPercent: pct(12 * r), earPercent: pct((1 + r) ** 12 - 1) };
}

/** The full disclosure a quote shows before the customer agrees. */
export function discloseInstallment(
  principalFen: number,
  periods: number,
  feeRatePerPeriod: string,
): InstallmentDisclosure {
  const schedule = installmentSchedule(principalFen, periods, feeRatePerPeriod);
  const totalFee = schedule.reduce((s, l) => s + l.feeFen, 0);
  const { aprPercent, earPercent } = aprOf(periods, Number(feeRatePerPeriod));
  return {
    aprPercent,
    earPercent,
    principalFen,
    periods,
    feeRatePerPeriod,
    perPeriodPaymentFen: schedule[schedule.length - 1]?.paymentFen ?? 0,
    totalFeeFen: totalFee,
    totalPaymentFen: principalFen + totalFee,
    schedule,
  };
}

/** Quick estimate from card-rules.md §2: f × 24n/(n+1). */
export function aprEstimatePercent(periods: number, feeRatePerPeriod: number): string {
  return pct((feeRatePerPeriod * 24 * periods) / (periods + 1));
}
