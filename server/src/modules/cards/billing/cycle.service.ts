import { z } from 'zod';
import { parseArgs, stringOption } from '../../../cli/args.ts';
import { audit } from '../../../platform/audit.ts';
import { systemActor } from '../../../platform/auth/actor.ts';
import { addDays, bankDate, bankDayStart } from '../../../platform/clock.ts';
import type { Ctx, Deps } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { schedule, scheduleJob } from '../../../platform/jobs/jobs.ts';
import { defineJob } from '../../../platform/jobs/worker.ts';
import type { CliCommand } from '../../module.ts';
import { type AdvanceReport, advanceLoaded, saveAccount } from './advance.ts';
import { lockAccountRow, termsResolver } from './store.ts';

/** Accounts with any billing event on or before `until`, oldest first. */
async function dueAccounts(ctx: Ctx, until: string, limit: number): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('accounts')
    .select('id')
    .where('status', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('next_statement_date', '<=', until),
        eb('next_grace_check', '<=', until),
        eb('next_annual_fee_date', '<=', until),
        eb('temp_limit_until', '<', until),
      ]),
    )
    .orderBy('next_statement_date')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export interface CycleRunReport extends AdvanceReport {
  accounts: number;
  remaining: boolean;
}

/**
 * Closes the books of every due account through the end of `until` (statements, grace checks with late
 * fees, annual fees, temporary-limit expiry), one account per transaction so a long run is resumable and
 * never holds the database for long; inside a caller's transaction (the job) it joins that one. Only a day
 * that is over can be closed: a later `until` is brought back to yesterday, since today's postings still
 * belong to today's statement.
 */
export async function runCycle(ctx: Ctx, input: { until: string; maxAccounts?: number }): Promise<CycleRunReport> {
  const yesterday = addDays(bankDate(ctx.clock.now()), -1);
  const until = [input.until, yesterday].sort()[0] ?? yesterday;
  const max = input.maxAccounts ?? 200;
  const ids = await dueAccounts(ctx, until, max + 1);
  const report: CycleRunReport = {
    accounts: 0,
    statements: 0,
    lateFees: 0,
    annualFees: 0,
    annualFeesWaived: 0,
    remaining: ids.length > max,
  };
  for (const id of ids.slice(0, max)) {
    await inTransaction(ctx, async (tctx) => {
      const row = await lockAccountRow(tctx.db, id);
      const terms = await termsResolver(tctx.db, row.product_id);
      const { acc, report: r, emitter } = await advanceLoaded(tctx.db, ctx.clock.now(), row, until, terms, true);
      await emitter.flush(tctx.db);
      await saveAccount(tctx.db, acc, bankDate(ctx.clock.now()), emitter.nowIso);
      report.accounts++;
      report.statements += r.statements;
      report.lateFees += r.lateFees;
      report.annualFees += r.annualFees;
      report.annualFeesWaived += r.annualFeesWaived;
      // Fees are money taken from a customer: each is audited; statements are summarised below.
      if (r.lateFees + r.annualFees > 0) {
        await audit(tctx, {
          action: 'cycle.fees',
          entityType: 'account',
          entityId: id,
          customerId: row.customer_id,
          details: { lateFees: r.lateFees, annualFees: r.annualFees },
        });
      }
    });
  }
  if (report.accounts > 0) {
    await audit(ctx, { action: 'cycle.run', entityType: 'system', details: { until, ...report } });
  }
  return report;
}

export const CYCLE_JOB = 'cards.cycle';

/** The nightly job (00:05): close yesterday for every account; continue in a fresh job while accounts remain. */
export const cycleJob = defineJob({
  payload: z.object({
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    batch: z.number().int().min(0).default(0),
  }),
  async run(ctx, payload) {
    const until = payload.until ?? addDays(bankDate(ctx.clock.now()), -1);
    const report = await runCycle(ctx, { until });
    if (report.remaining) {
      await schedule(ctx, {
        kind: CYCLE_JOB,
        payload: { until, batch: payload.batch + 1 },
        runAt: ctx.clock.now(),
        dedupeKey: `${CYCLE_JOB}:${until}:${payload.batch + 1}`,
      });
    } else {
      await scheduleNextNight(ctx.db, ctx.clock.now());
    }
  },
});

/** Schedules tomorrow's run at 00:05 bank time (dedupe: one per day). */
export async function scheduleNextNight(db: Deps['db'], now: Date): Promise<void> {
  const tomorrow = addDays(bankDate(now), 1);
  await scheduleJob(db, now, {
    kind: CYCLE_JOB,
    payload: { until: tomorrow },
    runAt: new Date(bankDayStart(tomorrow).getTime() + 5 * 60_000),
    dedupeKey: `${CYCLE_JOB}:${tomorrow}`,
  });
}

/** `carddesk cycle run --until YYYY-MM-DD`: closes the books through that day (default and latest: yesterday). */
export const cycleCli: CliCommand = async (argv, deps, io) => {
  const [sub, ...rest] = argv;
  if (sub !== 'run') {
    io.err('usage: carddesk cycle run [--until YYYY-MM-DD]\n');
    return 1;
  }
  const until = stringOption(parseArgs(rest).options, 'until') ?? addDays(bankDate(deps.clock.now()), -1);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) {
    io.err('--until must be YYYY-MM-DD\n');
    return 1;
  }
  const ctx: Ctx = { ...deps, actor: systemActor('cli:cycle') };
  const total = { accounts: 0, statements: 0, lateFees: 0, annualFees: 0, annualFeesWaived: 0 };
  for (;;) {
    const r = await runCycle(ctx, { until, maxAccounts: 500 });
    total.accounts += r.accounts;
    total.statements += r.statements;
    total.lateFees += r.lateFees;
    total.annualFees += r.annualFees;
    total.annualFeesWaived += r.annualFeesWaived;
    if (!r.remaining) break;
  }
  io.out(
    `books moved to ${until}: ${total.accounts} accounts, ${total.statements} statements, ${total.lateFees} late fees, ${total.annualFees} annual fees (${total.annualFeesWaived} waived)\n`,
  );
  return 0;
};
