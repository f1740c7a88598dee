/** Time comes from a clock passed in, so tests and the demo can move the calendar. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to; for tests, the demo calendar and batch runs. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

/** A clock offset from real time, so a demo can be moved forward while still ticking. */
export class OffsetClock implements Clock {
  constructor(public offsetMs = 0) {}
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export const BANK_TIME_ZONE = 'Asia/Shanghai';
// China Standard Time is UTC+8 all year (no daylight saving since 1991), so the bank's date is the UTC date
// of the instant moved eight hours on — far cheaper than an Intl formatter, which the 360 view calls often.
const BANK_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date (YYYY-MM-DD) of an instant in the bank's zone. */
export function bankDate(at: Date): string {
  return new Date(at.getTime() + BANK_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as the bank's wall-clock time, `YYYY-MM-DD HH:mm:ss` (Beijing time; say so where it is shown). */
export function bankDateTime(at: Date): string {
  return new Date(at.getTime() + BANK_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant at which a bank calendar date starts (00:00 Asia/Shanghai, UTC+8, no DST). */
export function bankDayStart(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
