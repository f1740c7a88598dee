import type { Ctx } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { newId } from '../ids.ts';

export interface ScheduleJob {
  kind: string;
  payload: unknown;
  runAt: Date;
  /** A second job with the same key is not created (e.g. one reminder per case and deadline). */
  dedupeKey?: string;
  maxAttempts?: number;
}

/**
 * Schedules a job as a row in the caller's transaction: if the change that needs the job rolls back,
 * the job was never there; if it commits, the job survives any restart.
 */
export async function scheduleJob(db: Executor, clockNow: Date, job: ScheduleJob): Promise<string | undefined> {
  const id = newId(clockNow);
  const result = await db
    .insertInto('jobs')
    .values({
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? null),
      run_at: job.runAt.toISOString(),
      status: 'pending',
      attempts: 0,
      max_attempts: job.maxAttempts ?? 8,
      last_error: null,
      locked_by: null,
      locked_until: null,
      dedupe_key: job.dedupeKey ?? null,
      created_at: clockNow.toISOString(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? id : undefined;
}

/** Convenience for services: schedules in `ctx.db` at the context's clock. */
export function schedule(ctx: Ctx, job: ScheduleJob): Promise<string | undefined> {
  return scheduleJob(ctx.db, ctx.clock.now(), job);
}

/** Cancels pending jobs by dedupe key (e.g. a reminder made moot by closing its case). */
export async function cancelJobs(db: Executor, dedupeKeys: string[], now: Date): Promise<void> {
  if (dedupeKeys.length === 0) return;
  await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now.toISOString() })
    .where('dedupe_key', 'in', dedupeKeys)
    .where('status', 'in', ['pending', 'retry'])
    .execute();
}

/**
 * Schedules by dedupe key; a job cancelled earlier under the same key (its reason went away and came back) is
 * revived at the new time rather than silently kept cancelled. One that already ran stays done.
 */
export async function scheduleOrRevive(ctx: Ctx, job: ScheduleJob & { dedupeKey: string }): Promise<void> {
  const created = await schedule(ctx, job);
  if (created) return;
  await ctx.db
    .updateTable('jobs')
    .set({ status: 'pending', run_at: job.runAt.toISOString(), finished_at: null, attempts: 0 })
    .where('dedupe_key', '=', job.dedupeKey)
    .where('status', '=', 'cancelled')
    .execute();
}
