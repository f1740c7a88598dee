import { z } from 'zod';
import type { Ctx, Deps } from '../../../platform/context.ts';
import { scheduleJob } from '../../../platform/jobs/jobs.ts';
import { defineJob } from '../../../platform/jobs/worker.ts';
import { customerMasks, ENC } from './pii-fields.ts';

export const MASK_BACKFILL_JOB = 'cards.customer_masks';
const BATCH = 500;

/**
 * Fills the stored masked forms of customers written before they existed (migration 1002), a batch per
 * job run in key order; each run schedules the next until none is left. Idempotent: it only touches rows
 * whose masks are still empty, so a retried or repeated run changes nothing twice.
 */
export const maskBackfillJob = defineJob({
  payload: z.object({ after: z.string() }),
  async run(ctx, payload) {
    const done = await backfillCustomerMasks(ctx, payload.after, BATCH);
    if (done.count === BATCH && done.lastId) {
      await scheduleJob(ctx.db, ctx.clock.now(), {
        kind: MASK_BACKFILL_JOB,
        payload: { after: done.lastId },
        runAt: ctx.clock.now(),
        dedupeKey: `${MASK_BACKFILL_JOB}:after:${done.lastId}`,
      });
    }
  },
});

/** One batch: customers after `after` (by id) with no stored masks get them. */
export async function backfillCustomerMasks(
  ctx: Ctx,
  after: string,
  limit: number,
): Promise<{ count: number; lastId: string | null }> {
  const rows = await ctx.db
    .selectFrom('customers')
    .select(['id', 'name_enc', 'phone_enc', 'id_number_enc', 'address_enc'])
    .where('id', '>', after)
    .where('name_masked', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  const k = ctx.keyring;
  for (const r of rows) {
    const masks = customerMasks({
      name: k.decrypt(r.name_enc, ENC.name),
      phone: k.decrypt(r.phone_enc, ENC.phone),
      idNumber: k.decrypt(r.id_number_enc, ENC.idNumber),
      address: k.decrypt(r.address_enc, ENC.address),
    });
    await ctx.db.updateTable('customers').set(masks).where('id', '=', r.id).execute();
  }
  return { count: rows.length, lastId: rows.at(-1)?.id ?? null };
}

/** At boot: the first batch, once per database (the dedupe key outlives the job), when any row lacks masks. */
export async function scheduleMaskBackfill(deps: Deps): Promise<void> {
  const missing = await deps.db
    .selectFrom('customers')
    .select('id')
    .where('name_masked', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!missing) return;
  await scheduleJob(deps.db, deps.clock.now(), {
    kind: MASK_BACKFILL_JOB,
    payload: { after: '' },
    runAt: deps.clock.now(),
    dedupeKey: `${MASK_BACKFILL_JOB}:start`,
  });
}
