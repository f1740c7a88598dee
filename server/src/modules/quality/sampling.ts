/**
 * Which automatic results a person looks at (issue 19 §4): every fatal one, every score under the
 * threshold, every complaint, and a random share of each agent's contacts per week. The random draw comes
 * from the inspection id (ULIDs carry 80 random bits), so it is fixed once the inspection exists: replaying
 * the job cannot change whether it was sampled, and nobody can pick which contacts get looked at.
 */
import { createHash } from 'node:crypto';
import { qaSamplingRulesSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';

/**
 * fatal: every fatal result; critical: every result with a failed critical item (a forbidden phrase, a
 * promise beyond authority); scoreBelow: every result scoring below it (0 turns it off); complaint: every
 * contact classified as a complaint; randomShare: the share (0–1) of each agent's results drawn at random
 * each week (weekly-sample.service.ts tops it up when the week is over).
 */
export const samplingRulesSchema = qaSamplingRulesSchema;
export type SamplingRules = z.infer<typeof samplingRulesSchema>;

export const DEFAULT_SAMPLING: SamplingRules = {
  fatal: true,
  critical: true,
  scoreBelow: 80,
  complaint: true,
  randomShare: 0.05,
};

export type SampleReason = 'fatal' | 'critical' | 'low_score' | 'complaint' | 'random';

export interface SampleInput {
  inspectionId: string;
  fatal: boolean;
  critical: boolean;
  score: number;
  complaint: boolean;
}

/** A number in [0, 1) fixed by the inspection id. */
export function randomDraw(inspectionId: string): number {
  const h = createHash('sha256').update(`qa-sample:${inspectionId}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

export function sampleReasons(rules: SamplingRules, input: SampleInput): SampleReason[] {
  const reasons: SampleReason[] = [];
  if (rules.fatal && input.fatal) reasons.push('fatal');
  if (rules.critical && input.critical) reasons.push('critical');
  if (input.score < rules.scoreBelow) reasons.push('low_score');
  if (rules.complaint && input.complaint) reasons.push('complaint');
  if (randomDraw(input.inspectionId) < rules.randomShare) reasons.push('random');
  return reasons;
}

const KEY = 'quality.sampling';

/** The rules in force, for inspectors and supervisors. */
export async function getSamplingRules(ctx: Ctx): Promise<SamplingRules> {
  authorize(ctx.actor, 'qa.inspect');
  return loadSamplingRules(ctx);
}

export async function loadSamplingRules(ctx: Pick<Ctx, 'db'>): Promise<SamplingRules> {
  const stored = samplingRulesSchema.safeParse(await readSetting(ctx, KEY));
  return stored.success ? stored.data : DEFAULT_SAMPLING;
}

/** The QA lead sets the sampling rules (audited); they apply to inspections from then on. */
export async function setSamplingRules(ctx: Ctx, rules: SamplingRules): Promise<SamplingRules> {
  authorize(ctx.actor, 'qa.scorecard.edit');
  const parsed = samplingRulesSchema.parse(rules);
  // The setting and its audit entry together, or neither.
  await inTransaction(ctx, async (tctx) => {
    await writeSetting(tctx, KEY, parsed);
    await audit(tctx, { action: 'qa.sampling_set', entityType: 'setting', entityId: KEY, details: { ...parsed } });
  });
  return parsed;
}

/** ISO week (YYYY-Www) of a bank calendar date. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - day + 3); // the week's Thursday decides its year
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  jan4.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + 3); // week 1's Thursday
  const week = 1 + Math.round((d.getTime() - jan4.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}
