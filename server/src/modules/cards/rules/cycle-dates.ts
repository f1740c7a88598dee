import { addDays, daysBetween } from '../../../platform/clock.ts';

/** The statement day after `date` for a statement day-of-month (1–28). */
export function nextStatementAfter(date: string, statementDay: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const dd = String(statementDay).padStart(2, '0');
  if (d < statementDay) return `${date.slice(0, 7)}-${dd}`;
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  return `${ny}-${String(nm).padStart(2, '0')}-${dd}`;
}

/**
 * Interest-free period of a purchase (card-rules.md §1, 《1999办法》Art. 20: posting date to due date): the
 * purchase goes on the statement of its own day or the next one (a statement closes at the end of its day),
 * and is due `daysToDue` days after that statement.
 */
export function interestFreePeriod(purchaseDate: string, statementDay: number, daysToDue: number) {
  const statementDate = nextStatementAfter(addDays(purchaseDate, -1), statementDay);
  const dueDate = addDays(statementDate, daysToDue);
  return { statementDate, dueDate, days: daysBetween(purchaseDate, dueDate) };
}

/**
 * The shortest and longest interest-free periods of a product: a purchase on the statement day waits
 * `daysToDue` days; one on the day after waits a whole cycle more, at most 31 days less the purchase day.
 */
export function interestFreeRange(daysToDue: number): { minDays: number; maxDays: number } {
  return { minDays: daysToDue, maxDays: daysToDue + 30 };
}
