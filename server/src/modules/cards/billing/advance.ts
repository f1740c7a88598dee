import type { ProductTerms } from '@carddesk/contracts';
import { addDays } from '../../../platform/clock.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AccountsTable } from '../cards.tables.ts';
import {
  type EngineAccount,
  type EnginePlan,
  isQuietCycle,
  nextStatementAfter,
  runAnnualFee,
  runGraceCheck,
  runStatement,
} from './engine.ts';
import {
  accountColumns,
  cycleSums,
  DbEmitter,
  engineAccountFromRow,
  lockAccountRow,
  planFromRow,
  statementFromRow,
  termsResolver,
} from './store.ts';

/** What one account's catch-up did, for the run's summary and audit. */
export interface AdvanceReport {
  statements: number;
  lateFees: number;
  annualFees: number;
  annualFeesWaived: number;
}

export const NEVER = '9999-12-31';

type Due = 'statement' | 'grace' | 'annual' | 'temp_expiry';

/**
 * The next event due. Grace checks, anniversaries and limit expiries happen at the start of their day;
 * a statement closes at the end of its day, so it is due only once that day is over (`dayOver`).
 */
function nextEvent(acc: EngineAccount, until: string, dayOver: boolean): { kind: Due; date: string } | undefined {
  const candidates: Array<{ kind: Due; date: string }> = [
    { kind: 'grace', date: acc.nextGraceCheck ?? NEVER },
    { kind: 'statement', date: acc.nextStatementDate },
    { kind: 'annual', date: acc.nextAnnualFeeDate ?? NEVER },
    { kind: 'temp_expiry', date: acc.tempLimitUntil ? addDays(acc.tempLimitUntil, 1) : NEVER },
  ];
  // Ties: a grace check before the statement of the same day (it belongs to the previous cycle).
  let best: { kind: Due; date: string } | undefined;
  for (const c of candidates) {
    const due = c.kind === 'statement' && !dayOver ? c.date < until : c.date <= until;
    if (due && (!best || c.date < best.date)) best = c;
  }
  return best;
}

/**
 * Brings one locked account's books up to `until`, in date order: grace checks, card-year anniversaries and
 * temporary-limit expiries on or before it, and statements before it — or on it too when `dayOver` (the
 * cycle closing a past day). Live operations call this with today before posting, so a payment on the due
 * date lands after that morning's events, and a payment on the statement day is on that statement.
 */
export async function advanceLoaded(
  db: Executor,
  now: Date,
  row: AccountsTable,
  until: string,
  terms: (date: string) => ProductTerms,
  dayOver = false,
): Promise<{ acc: EngineAccount; report: AdvanceReport; emitter: DbEmitter }> {
  const acc = engineAccountFromRow(row);
  const report: AdvanceReport = { statements: 0, lateFees: 0, annualFees: 0, annualFeesWaived: 0 };
  const emitter = new DbEmitter(now);
  if (acc.status !== 'active') return { acc, report, emitter };
  let plans: EnginePlan[] | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const ev = nextEvent(acc, until, dayOver);
    if (!ev) break;
    const t = terms(ev.date);
    switch (ev.kind) {
      case 'statement': {
        plans ??= (
          await db
            .selectFrom('installment_plans')
            .selectAll()
            .where('account_id', '=', acc.id)
            .where('status', '=', 'active')
            .execute()
        ).map(planFromRow);
        const prevRow = acc.lastStatementId
          ? await db.selectFrom('statements').selectAll().where('id', '=', acc.lastStatementId).executeTakeFirst()
          : undefined;
        const after = prevRow?.statement_date ?? addDays(ev.date, -31);
        const sums = await cycleSums(db, acc.id, after, ev.date);
        if (isQuietCycle(acc, sums, plans)) {
          acc.nextStatementDate = nextStatementAfter(ev.date, acc.statementDay);
          break;
        }
        const previous = prevRow
          ? { statementDate: prevRow.statement_date, newBalanceFen: Number(prevRow.new_balance_fen) }
          : null;
        const st = runStatement(acc, t, ev.date, plans, previous, sums, emitter);
        await emitter.flush(db);
        await db
          .updateTable('transactions')
          .set({ statement_id: st.id })
          .where('account_id', '=', acc.id)
          .where('posting_date', '>', after)
          .where('posting_date', '<=', ev.date)
          .where('statement_id', 'is', null)
          .execute();
        report.statements++;
        break;
      }
      case 'grace': {
        const stRow = acc.lastStatementId
          ? await db.selectFrom('statements').selectAll().where('id', '=', acc.lastStatementId).executeTakeFirst()
          : undefined;
        if (!stRow) {
          acc.nextGraceCheck = null;
          break;
        }
        const st = statementFromRow(stRow);
        emitter.known(st);
        const updated = runGraceCheck(acc, t, st, emitter);
        if (updated.status === 'overdue') report.lateFees++;
        await emitter.flush(db);
        break;
      }
      case 'annual': {
        const r = runAnnualFee(acc, t, ev.date, emitter);
        if (r.charged > 0) report.annualFees++;
        else if (r.reason.startsWith('waived')) report.annualFeesWaived++;
        await emitter.flush(db);
        break;
      }
      case 'temp_expiry':
        acc.tempLimitFen = 0;
        acc.tempLimitFrom = null;
        acc.tempLimitUntil = null;
        break;
    }
  }
  return { acc, report, emitter };
}

export async function saveAccount(db: Executor, acc: EngineAccount, date: string, nowIso: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ ...accountColumns(acc, date), updated_at: nowIso })
    .where('id', '=', acc.id)
    .execute();
}

/** Locks an account, catches its books up to `today`, and hands the engine state to `fn`; writes it all back. */
export async function withAccount<T>(
  db: Executor,
  now: Date,
  accountId: string,
  today: string,
  fn: (acc: EngineAccount, terms: ProductTerms, emitter: DbEmitter, row: AccountsTable) => Promise<T> | T,
): Promise<T> {
  const row = await lockAccountRow(db, accountId);
  const resolver = await termsResolver(db, row.product_id);
  const { acc, emitter } = await advanceLoaded(db, now, row, today, resolver);
  const result = await fn(acc, resolver(today), emitter, row);
  await emitter.flush(db);
  await saveAccount(db, acc, today, emitter.nowIso);
  return result;
}
