import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCaseNumber, nextState } from './case.ts';
import {
  allowedDays,
  COMPLAINT_DAYS,
  computeDueDate,
  deadlineInstant,
  isWithinReviewWindow,
  reminderInstant,
  weekdayCalendar,
} from './clock.rules.ts';

const calendar = weekdayCalendar();
const due = (receivedDate: string, days: number, extra: Partial<Parameters<typeof computeDueDate>[0]> = {}) =>
  computeDueDate({ receivedDate, allowedDays: days, basis: 'calendar', calendar, asOf: receivedDate, ...extra });

describe('regulatory clock (CBIRC Order 2020 No. 3)', () => {
  it('a complaint received on 2026-11-02 is due 15 calendar days later, on 2026-11-17', () => {
    assert.equal(due('2026-11-02', COMPLAINT_DAYS.standard).dueDate, '2026-11-17');
  });

  it('counts across month and year ends', () => {
    assert.equal(due('2026-12-20', 15).dueDate, '2027-01-04');
    assert.equal(due('2028-02-20', 15).dueDate, '2028-03-06'); // 2028 is a leap year
  });

  it('gives 15 days, 30 when complex, 60 with the extension — never more', () => {
    assert.equal(allowedDays({ complex: false, extended: false }), 15);
    assert.equal(allowedDays({ complex: true, extended: false }), 30);
    assert.equal(allowedDays({ complex: true, extended: true }), 60);
    assert.equal(allowedDays({ complex: false, extended: true }), COMPLAINT_DAYS.max);
  });

  it('with working days skips weekends: received Friday 2026-11-06, 15 working days end Friday 2026-11-27', () => {
    assert.equal(due('2026-11-06', 15, { basis: 'working' }).dueDate, '2026-11-27');
  });

  it('with working days skips public holidays and counts 调休 weekends from the holiday table', () => {
    const cal = weekdayCalendar(
      new Map([
        ['2026-10-01', false],
        ['2026-10-02', false],
        ['2026-10-05', false],
        ['2026-10-06', false],
        ['2026-10-07', false],
        ['2026-10-08', false],
        ['2026-10-10', true], // a Saturday made a working day
      ]),
    );
    // Received Wednesday 30 Sep: working days are 9 Oct (1), 10 Oct Sat (2), 12–16 Oct (3–7).
    const r = computeDueDate({
      receivedDate: '2026-09-30',
      allowedDays: 7,
      basis: 'working',
      calendar: cal,
      asOf: '2026-09-30',
    });
    assert.equal(r.dueDate, '2026-10-16');
  });

  it('excludes an outside appraisal the customer was told of, day for day', () => {
    const r = due('2026-11-02', 15, {
      pauses: [{ from: '2026-11-05', to: '2026-11-09', customerNotified: true }],
      asOf: '2026-11-20',
    });
    assert.equal(r.excludedDays, 5);
    assert.equal(r.dueDate, '2026-11-22');
    assert.equal(r.paused, false);
  });

  it('does not exclude an appraisal the customer was not told of', () => {
    const r = due('2026-11-02', 15, { pauses: [{ from: '2026-11-05', to: '2026-11-09', customerNotified: false }] });
    assert.equal(r.dueDate, '2026-11-17');
    assert.equal(r.excludedDays, 0);
  });

  it('treats a running appraisal as lasting until today and reports the clock paused', () => {
    const r = due('2026-11-02', 15, {
      pauses: [{ from: '2026-11-10', to: null, customerNotified: true }],
      asOf: '2026-11-12',
    });
    assert.equal(r.paused, true);
    assert.equal(r.excludedDays, 3);
    assert.equal(r.dueDate, '2026-11-20');
  });

  it('is late from the first instant after the due date in Beijing time; reminders go out at 09:00', () => {
    assert.equal(deadlineInstant('2026-11-17').toISOString(), '2026-11-17T16:00:00.000Z');
    assert.equal(reminderInstant('2026-11-17', 3).toISOString(), '2026-11-14T01:00:00.000Z');
  });

  it('allows a review or reopening on day 30 after the decision and refuses it on day 31', () => {
    assert.equal(isWithinReviewWindow('2026-11-10', '2026-12-10'), true);
    assert.equal(isWithinReviewWindow('2026-11-10', '2026-12-11'), false);
  });

  it('refuses a calendar without any working day instead of looping forever', () => {
    const never = { isWorkingDay: () => false };
    assert.throws(() =>
      computeDueDate({
        receivedDate: '2026-11-02',
        allowedDays: 15,
        basis: 'working',
        calendar: never,
        asOf: '2026-11-02',
      }),
    );
  });
});

describe('case states and numbers', () => {
  it('numbers cases so a customer can quote them: TS for complaints, FR for fraud', () => {
    assert.equal(formatCaseNumber('complaint', '2026-11-29', 1), 'TS20261129-0001');
    assert.equal(formatCaseNumber('fraud', '2026-11-29', 12), 'FR20261129-0012');
  });

  it('closes only after the customer was told the result', () => {
    assert.equal(nextState('resolved', 'close'), undefined);
    assert.equal(nextState('notified', 'close'), 'closed');
    assert.equal(nextState('received', 'close'), undefined);
  });

  it('reopens or reviews only after a decision was told', () => {
    assert.equal(nextState('closed', 'reopen'), 'in_progress');
    assert.equal(nextState('closed', 'request_review'), 'under_review');
    assert.equal(nextState('in_progress', 'request_review'), undefined);
  });
});
