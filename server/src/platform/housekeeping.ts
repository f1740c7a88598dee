import { z } from 'zod';
import type { Deps } from './context.ts';
import type { Executor } from './db/database.ts';
import { purgeIdempotencyKeys } from './http/idempotency.ts';
import { scheduleJob } from './jobs/jobs.ts';
import { defineJob, type JobHandlers } from './jobs/worker.ts';

export const HOUSEKEEPING_JOB = 'platform.housekeeping';
const EVERY_MS = 60 * 60_000;

/** Schedules the next hourly run (dedupe: one per hour, however many instances boot). */
export async function scheduleHousekeeping(db: Executor, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / EVERY_MS) * EVERY_MS + EVERY_MS);
  await scheduleJob(db, now, {
    kind: HOUSEKEEPING_JOB,
    payload: {},
    runAt: next,
    dedupeKey: `${HOUSEKEEPING_JOB}:${next.toISOString()}`,
  });
}

/** Hourly: drops stored idempotent answers past their retention, then schedules itself again. */
export const platformJobs: JobHandlers = {
  [HOUSEKEEPING_JOB]: defineJob({
    payload: z.object({}),
    async run(ctx) {
      const purged = await purgeIdempotencyKeys(ctx);
      if (purged > 0) ctx.log.info({ purged }, 'expired idempotency keys purged');
      await scheduleHousekeeping(ctx.db, ctx.clock.now());
    },
  }),
};

export async function initHousekeeping(deps: Deps): Promise<void> {
  await scheduleHousekeeping(deps.db, deps.clock.now());
}
