/**
 * Exact arithmetic on decimal-string rates ("0.0005") with integer fen: a rate is parsed into a
 * numerator over a power of ten and products are rounded once, half up, to whole fen. No floating point
 * touches an amount.
 */
export interface Ratio {
  num: bigint;
  den: bigint;
}

export function parseRate(rate: string): Ratio {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new RangeError(`not a decimal rate: ${rate}`);
  const frac = m[2] ?? '';
  return { num: BigInt(`${m[1]}${frac}`), den: 10n ** BigInt(frac.length) };
}

/** round_half_up(amount × rate) for a non-negative amount (fen or fen-days). */
export function applyRate(amount: number, rate: string | Ratio): number {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an integer amount: ${amount}`);
  const r = typeof rate === 'string' ? parseRate(rate) : rate;
  const sign = amount < 0 ? -1n : 1n;
  const scaled = BigInt(Math.abs(amount)) * r.num;
  const q = (scaled * 2n + r.den) / (2n * r.den);
  return Number(sign * q);
}

/** ⌈amount × rate⌉ — for limits a customer must stay within. */
export function applyRateFloor(amount: number, rate: string | Ratio): number {
  const r = typeof rate === 'string' ? parseRate(rate) : rate;
  return Number((BigInt(amount) * r.num) / r.den);
}

/** A decimal string with `places` decimals, rounded half up (for display of percentages). */
export function toFixedHalfUp(value: number, places: number): string {
  const f = 10 ** places;
  const rounded = Math.round((value + Number.EPSILON * Math.sign(value)) * f) / f;
  return rounded.toFixed(places);
}

/** rate × k as an exact decimal string (e.g. the simple annual rate of a daily rate: "0.0005" × 365 = "0.1825"). */
export function scaleRate(rate: string, k: number): string {
  const r = parseRate(rate);
  const places = r.den.toString().length - 1;
  const digits = (r.num * BigInt(k)).toString().padStart(places + 1, '0');
  if (places === 0) return digits;
  const text = `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/0+$/, '').replace(/\.$/, '');
  return text;
}
