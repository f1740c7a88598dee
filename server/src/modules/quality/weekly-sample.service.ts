/**
 * The random share per agent per week (issue 19 §4). Each inspection draws for itself when it is stored
 * (sampling.ts), which gives the share on average but can leave an agent with few contacts unlooked-at for
 * weeks. So when an agent's week ends, a job tops the random sample up to the share of that week's
 * inspections, rounded up — every agent with a contact in the week has at least one looked at — drawing the
 * missing ones at random among the agent's unsampled results of the week. Running it again adds nothing.
 */
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { schedule } from '../../platform/jobs/jobs.ts';
import { defineJob } from '../../platform/jobs/worker.ts';
import { loadSamplingRules, randomDraw, type SampleReason } from './sampling.ts';

export const WEEKLY_SAMPLE_JOB = 'quality.weekly_sample';

/** When the week of a bank day is over (the next Monday, 01:00 Beijing time): the top-up runs then. */
export function weekOverAt(bankDay: string): Date {
  const d = new Date(`${bankDay}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() + 7 - weekday);
  return new Date(`${d.toISOString().slice(0, 10)}T01:00:00+08:00`);
}

/** Schedules the agent's top-up for the week, once (in the caller's transaction). */
export async function scheduleWeeklySample(ctx: Ctx, agentId: string, week: string, bankDay: string): Promise<void> {
  await schedule(ctx, {
    kind: WEEKLY_SAMPLE_JOB,
    payload: { agentId, week },
    runAt: weekOverAt(bankDay),
    dedupeKey: `qa-week:${agentId}:${week}`,
  });
}

/**
 * Tops the agent's random sample of the week up to ceil(share × inspections): queues the missing number of
 * results that no rule sampled, in an order fixed by their ids and the week (nobody picks them). Returns
 * the inspections queued now.
 */
export async function topUpWeeklySample(ctx: Ctx, agentId: string, week: string): Promise<string[]> {
  const rules = await loadSamplingRules(ctx);
  return inTransaction(ctx, async (tctx) => {
    const rows = await tctx.db
      .selectFrom('qa_inspections')
      .select(['id', 'status', 'sample_reasons'])
      .where('agent_id', '=', agentId)
      .where('week', '=', week)
      .execute();
    const target = Math.ceil(rules.randomShare * rows.length - 1e-9);
    const drawn = rows.filter((r) => (JSON.parse(r.sample_reasons) as SampleReason[]).includes('random')).length;
    const missing = Math.max(0, target - drawn);
    if (missing === 0) return [];
    const picked = rows
      .filter((r) => r.status === 'auto')
      .sort((a, b) => randomDraw(`${week}:${a.id}`) - randomDraw(`${week}:${b.id}`))
      .slice(0, missing)
      .map((r) => r.id);
    if (picked.length === 0) return [];
    await tctx.db
      .updateTable('qa_inspections')
      .set({ status: 'queued', sample_reasons: JSON.stringify(['random']) })
      .where('id', 'in', picked)
      .where('status', '=', 'auto')
      .execute();
    await audit(tctx, {
      action: 'qa.sample_week',
      entityType: 'user',
      entityId: agentId,
      details: { week, inspections: rows.length, share: rules.randomShare, target, drawn, queued: picked },
    });
    return picked;
  });
}

export const weeklySampleJobs = {
  [WEEKLY_SAMPLE_JOB]: defineJob({
    payload: z.object({ agentId: z.string(), week: z.string() }),
    run: async (ctx, p) => {
      await topUpWeeklySample(ctx, p.agentId, p.week);
    },
  }),
};
