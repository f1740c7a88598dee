import { addDays, bankDayStart } from '../../platform/clock.ts';

/**
 * The regulatory clock of a complaint (银行业保险业消费投诉处理管理办法, CBIRC Order 2020 No. 3; see
 * `../shared/domain/card-rules.md` §5): decide and tell the complainant within 15 days of receipt; a complex
 * case within 30; an especially complex one a further 30 with a senior approval and notice to the
 * complainant, never more than 60. Time spent on an outside appraisal does not count when the complainant
 * was told of it. Days are calendar days unless the bank's setting says working days.
 *
 * Pure functions over calendar dates (YYYY-MM-DD, Asia/Shanghai): no I/O, no clock.
 */
export const COMPLAINT_DAYS = { standard: 15, complex: 30, extension: 30, max: 60 } as const;

/**
 * After receiving the decision the complainant may ask for a review (核查) or reopen the complaint for this
 * many days, counted from the day they received it (not from the day the bank decided).
 */
export const REVIEW_WINDOW_DAYS = 30;

export type DayBasis = 'calendar' | 'working';

/** Which dates are working days: Monday–Friday, corrected by the bank's holiday table (holidays and 调休 days). */
export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
}

/** `overrides` maps a date to true (a weekend made a working day) or false (a public holiday). */
export function weekdayCalendar(overrides: ReadonlyMap<string, boolean> = new Map()): WorkCalendar {
  return {
    isWorkingDay(date) {
      const fixed = overrides.get(date);
      if (fixed !== undefined) return fixed;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

/** An outside appraisal (外部鉴定/评估); `to` is null while it is still running. Dates are inclusive. */
export interface Pause {
  from: string;
  to: string | null;
  customerNotified: boolean;
}

export function allowedDays(options: { complex: boolean; extended: boolean }): number {
  if (options.extended) return COMPLAINT_DAYS.complex + COMPLAINT_DAYS.extension;
  return options.complex ? COMPLAINT_DAYS.complex : COMPLAINT_DAYS.standard;
}

export interface ClockInput {
  /** The date the complaint was received; day 1 is the day after (as "within 15 days of receipt"). */
  receivedDate: string;
  allowedDays: number;
  basis: DayBasis;
  calendar: WorkCalendar;
  pauses?: readonly Pause[];
  /** Today: an appraisal still running is taken to last at least until today. */
  asOf: string;
}

export interface ClockResult {
  dueDate: string;
  /** Days that did not count because of an appraisal the customer was told about. */
  excludedDays: number;
  /** An appraisal is running: the due date moves on every day until it ends. */
  paused: boolean;
}

const laterDate = (a: string, b: string): string => (a.localeCompare(b) > 0 ? a : b);

// A calendar in which nothing is a working day would never end; ten years is far beyond any deadline.
const MAX_SCAN_DAYS = 3660;

export function computeDueDate(input: ClockInput): ClockResult {
  const pauses = (input.pauses ?? [])
    .filter((p) => p.customerNotified)
    .map((p) => ({ from: p.from, to: p.to ?? laterDate(input.asOf, p.from) }));
  const paused = (input.pauses ?? []).some((p) => p.customerNotified && p.to === null);
  const inPause = (date: string) => pauses.some((p) => date >= p.from && date <= p.to);

  let day = input.receivedDate;
  let counted = 0;
  let excludedDays = 0;
  for (let scanned = 0; counted < input.allowedDays; scanned++) {
    if (scanned > MAX_SCAN_DAYS) throw new Error('work calendar has no working days');
    day = addDays(day, 1);
    const countable = input.basis === 'calendar' || input.calendar.isWorkingDay(day);
    if (!countable) continue;
    if (inPause(day)) {
      excludedDays++;
      continue;
    }
    counted++;
  }
  return { dueDate: day, excludedDays, paused };
}

/** A case is late from the first instant after its due date (end of that day in the bank's zone). */
export function deadlineInstant(dueDate: string): Date {
  return bankDayStart(addDays(dueDate, 1));
}

/** Reminders go out at 09:00 bank time, `daysBefore` days before the due date. */
export function reminderInstant(dueDate: string, daysBefore: number): Date {
  return new Date(bankDayStart(addDays(dueDate, -daysBefore)).getTime() + 9 * 3_600_000);
}

/** The last date on which the complainant may still ask for a review or reopen (inclusive). */
export function reviewWindowEnd(receivedOn: string, windowDays: number = REVIEW_WINDOW_DAYS): string {
  return addDays(receivedOn, windowDays);
}

export function isWithinReviewWindow(receivedOn: string, today: string, windowDays?: number): boolean {
  return today <= reviewWindowEnd(receivedOn, windowDays);
}

/** "On time" is the result told by the due date (作出处理决定并告知), not merely decided by it. */
export function notifiedOnTime(notifiedOn: string, dueDate: string): boolean {
  return notifiedOn <= dueDate;
}
