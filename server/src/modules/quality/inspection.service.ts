/**
 * Inspections: every closed contact is inspected by a job the close schedules (result within seconds of
 * the close, the job worker's poll), stored with one finding per item, sampled for human review by the
 * sampling rules, and audited. Scores are kept in tenths of a point.
 */
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { bankDate } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { listen } from '../../platform/hooks.ts';
import { newId } from '../../platform/ids.ts';
import { schedule } from '../../platform/jobs/jobs.ts';
import { defineJob } from '../../platform/jobs/worker.ts';
import { CONTACT_CLOSED } from '../contacts/index.ts';
import { contactTranscript } from './contact-transcript.ts';
import { type FindingResult, type InspectionResult, inspect, type Transcript } from './engine/engine.ts';
import { isoWeek, loadSamplingRules, type SampleReason, sampleReasons } from './sampling.ts';
import { publishedScorecard } from './scorecard.service.ts';
import { scheduleWeeklySample, weeklySampleJobs } from './weekly-sample.service.ts';

export const INSPECT_CONTACT_JOB = 'quality.inspect_contact';

/** Listens to contacts closing: schedules the inspection in the closing transaction. */
export const onContactClosed = listen(CONTACT_CLOSED, async (ctx, { contactId }) => {
  await schedule(ctx, {
    kind: INSPECT_CONTACT_JOB,
    payload: { contactId },
    runAt: ctx.clock.now(),
    dedupeKey: `qa-inspect:${contactId}`,
  });
});

export const qualityJobs = {
  [INSPECT_CONTACT_JOB]: defineJob({
    payload: z.object({ contactId: z.string() }),
    run: async (ctx, p) => {
      await inspectContact(ctx, p.contactId);
    },
  }),
  ...weeklySampleJobs,
};

export interface FindingView {
  id: string;
  item: string;
  severity: string;
  weight: number;
  autoResult: FindingResult;
  result: FindingResult;
  turn: number | null;
  evidence: string;
  review: 'confirmed' | 'overturned' | null;
  reviewNote: string | null;
}

export interface InspectionView {
  id: string;
  contactId: string | null;
  externalId: string | null;
  scorecardVersionId: string;
  agentId: string | null;
  agentNo: string | null;
  channel: string;
  week: string;
  complaint: boolean;
  autoScore: number;
  score: number;
  passed: boolean;
  fatal: boolean;
  status: 'auto' | 'queued' | 'reviewed' | 'released';
  sampleReasons: SampleReason[];
  createdAt: string;
  findings: FindingView[];
}

/**
 * Inspects a closed contact with the published default scorecard and stores the result. Run by the job
 * (as the system); a second run for the same contact and version finds the first and returns it.
 */
export async function inspectContact(ctx: Ctx, contactId: string): Promise<InspectionView> {
  authorize(ctx.actor, 'qa.inspect');
  const { versionId, scorecard } = await publishedScorecard(ctx);
  const done = await ctx.db
    .selectFrom('qa_inspections')
    .select('id')
    .where('contact_id', '=', contactId)
    .where('scorecard_version_id', '=', versionId)
    .executeTakeFirst();
  if (done) return loadInspection(ctx, done.id);
  const contact = await contactTranscript(ctx, contactId);
  const result = inspect(scorecard, contact.transcript);
  return inTransaction(ctx, (tctx) =>
    storeInspection(tctx, {
      contactId,
      externalId: null,
      versionId,
      agentId: contact.agentId,
      transcript: contact.transcript,
      at: contact.closedAt,
      result,
      definitionItems: scorecard.definition.items,
    }),
  );
}

const tenths = (score: number) => Math.round(score * 10);

async function storeInspection(
  ctx: Ctx,
  input: {
    contactId: string | null;
    externalId: string | null;
    versionId: string;
    agentId: string | null;
    transcript: Transcript;
    at: string;
    result: InspectionResult;
    definitionItems: readonly { code: string; severity: string; weight: number }[];
  },
): Promise<InspectionView> {
  const now = ctx.clock.now().toISOString();
  const id = newId(ctx.clock.now());
  const complaint =
    input.transcript.complaint === true ||
    input.result.findings.some((f) => f.item === 'apology_empathy' && f.result !== 'n/a');
  const rules = await loadSamplingRules(ctx);
  const items = new Map(input.definitionItems.map((i) => [i.code, i]));
  const critical = input.result.findings.some((f) => f.result === 'fail' && items.get(f.item)?.severity === 'critical');
  const day = bankDate(new Date(input.at));
  const week = isoWeek(day);
  const reasons = sampleReasons(rules, {
    inspectionId: id,
    fatal: input.result.fatal,
    critical,
    score: input.result.score,
    complaint,
  });
  await ctx.db
    .insertInto('qa_inspections')
    .values({
      id,
      contact_id: input.contactId,
      external_id: input.externalId,
      scorecard_version_id: input.versionId,
      agent_id: input.agentId,
      agent_no: input.transcript.agentNo ?? null,
      channel: input.transcript.channel,
      week,
      complaint: complaint ? 1 : 0,
      auto_score_tenths: tenths(input.result.score),
      score_tenths: tenths(input.result.score),
      passed: input.result.passed ? 1 : 0,
      fatal: input.result.fatal ? 1 : 0,
      status: reasons.length > 0 ? 'queued' : 'auto',
      sample_reasons: JSON.stringify(reasons),
      reviewed_by: null,
      reviewed_at: null,
      released_at: null,
      created_at: now,
    })
    .execute();
  const rows = input.result.findings.map((f, position) => ({
    id: newId(ctx.clock.now()),
    inspection_id: id,
    item_code: f.item,
    position,
    severity: items.get(f.item)?.severity ?? 'normal',
    weight: items.get(f.item)?.weight ?? 0,
    auto_result: f.result,
    result: f.result,
    turn: f.turn,
    evidence: f.evidence,
    review: null,
    review_note: null,
    reviewed_by: null,
    reviewed_at: null,
  }));
  if (rows.length > 0) await ctx.db.insertInto('qa_findings').values(rows).execute();
  // The agent's week gets its random share topped up once it is over.
  if (input.agentId) await scheduleWeeklySample(ctx, input.agentId, week, day);
  await audit(ctx, {
    action: 'qa.inspect',
    entityType: 'qa_inspection',
    entityId: id,
    contactId: input.contactId,
    details: {
      scorecardVersionId: input.versionId,
      score: input.result.score,
      passed: input.result.passed,
      fatal: input.result.fatal,
      failed: input.result.findings.filter((f) => f.result === 'fail').map((f) => f.item),
      sampled: reasons,
    },
  });
  return loadInspection(ctx, id);
}

/** An inspection with its findings, as stored (no access check: callers decide). */
export async function loadInspection(ctx: Pick<Ctx, 'db'>, id: string): Promise<InspectionView> {
  const r = await ctx.db.selectFrom('qa_inspections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new AppError('QA_INSPECTION_NOT_FOUND');
  const findings = await ctx.db
    .selectFrom('qa_findings')
    .selectAll()
    .where('inspection_id', '=', id)
    .orderBy('position')
    .execute();
  return {
    id: r.id,
    contactId: r.contact_id,
    externalId: r.external_id,
    scorecardVersionId: r.scorecard_version_id,
    agentId: r.agent_id,
    agentNo: r.agent_no,
    channel: r.channel,
    week: r.week,
    complaint: r.complaint === 1,
    autoScore: r.auto_score_tenths / 10,
    score: r.score_tenths / 10,
    passed: r.passed === 1,
    fatal: r.fatal === 1,
    status: r.status as InspectionView['status'],
    sampleReasons: JSON.parse(r.sample_reasons) as SampleReason[],
    createdAt: r.created_at,
    findings: findings.map((f) => ({
      id: f.id,
      item: f.item_code,
      severity: f.severity,
      weight: f.weight,
      autoResult: f.auto_result as FindingResult,
      result: f.result as FindingResult,
      turn: f.turn,
      evidence: f.evidence,
      review: f.review as FindingView['review'],
      reviewNote: f.review_note,
    })),
  };
}

/**
 * One inspection for a person: inspectors and supervisors see any; the agent inspected sees their own
 * once it was released to them. Audited as a read.
 */
export async function getInspection(ctx: Ctx, id: string): Promise<InspectionView> {
  const view = await loadInspection(ctx, id);
  const own = ctx.actor.userId !== null && view.agentId === ctx.actor.userId && view.status === 'released';
  if (!can(ctx.actor, 'qa.inspect') && !own) throw new AppError(own ? 'FORBIDDEN' : 'QA_INSPECTION_NOT_FOUND');
  await audit(ctx, {
    action: 'qa.inspection_read',
    entityType: 'qa_inspection',
    entityId: id,
    contactId: view.contactId,
  });
  return view;
}

/** The latest inspection of a contact, if any (for the contact's page and tests). */
export async function inspectionOfContact(ctx: Ctx, contactId: string): Promise<InspectionView | undefined> {
  authorize(ctx.actor, 'qa.inspect');
  const r = await ctx.db
    .selectFrom('qa_inspections')
    .select('id')
    .where('contact_id', '=', contactId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return r ? loadInspection(ctx, r.id) : undefined;
}

/** The review queue: sampled inspections not yet reviewed, oldest first. */
export async function reviewQueue(ctx: Ctx, limit = 50): Promise<InspectionView[]> {
  authorize(ctx.actor, 'qa.review');
  const rows = await ctx.db
    .selectFrom('qa_inspections')
    .select('id')
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .limit(Math.min(Math.max(limit, 1), 200))
    .execute();
  return Promise.all(rows.map((r) => loadInspection(ctx, r.id)));
}
