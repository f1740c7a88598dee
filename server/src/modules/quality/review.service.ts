/**
 * Human review of automatic results (issue 19 §4–5): the inspector confirms or overturns each finding and
 * the score follows; the result is then released to the agent. After release a finding changes only
 * through an appeal: the agent appeals with a comment → an inspector re-inspects → a supervisor rules
 * finally, and nothing is appealed after the final ruling. Every step is audited; overturn rates per item
 * go back to the QA lead.
 */
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { forUpdate, inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { type BankDays, bankDayBounds } from './bank-days.ts';
import { type FindingResult, scoreFindings } from './engine/engine.ts';
import { type ScorecardDefinition, scorecardSchema } from './engine/scorecard.ts';
import { type InspectionView, loadInspection } from './inspection.service.ts';

const flip = (r: string): FindingResult => (r === 'pass' ? 'fail' : 'pass');

async function lockInspection(db: Executor, id: string) {
  const row = await forUpdate(db, db.selectFrom('qa_inspections').selectAll().where('id', '=', id)).executeTakeFirst();
  if (!row) throw new AppError('QA_INSPECTION_NOT_FOUND');
  return row;
}

/** Recomputes the score from the findings as they now stand, with the pass mark of the inspection's version. */
async function rescore(db: Executor, inspectionId: string, versionId: string): Promise<void> {
  const v = await db
    .selectFrom('qa_scorecard_versions')
    .select('definition')
    .where('id', '=', versionId)
    .executeTakeFirstOrThrow();
  const stored = scorecardSchema.parse(JSON.parse(v.definition)) as ScorecardDefinition;
  const findings = await db.selectFrom('qa_findings').selectAll().where('inspection_id', '=', inspectionId).execute();
  // Weights and severities as stored with the findings (the version's, at inspection time).
  const definition: ScorecardDefinition = {
    passScore: stored.passScore,
    items: stored.items.map((i) => {
      const f = findings.find((x) => x.item_code === i.code);
      return f ? { ...i, weight: f.weight, severity: f.severity as typeof i.severity } : i;
    }),
  };
  const s = scoreFindings(
    definition,
    findings.map((f) => ({ item: f.item_code, result: f.result as FindingResult, turn: f.turn, evidence: f.evidence })),
  );
  await db
    .updateTable('qa_inspections')
    .set({ score_tenths: Math.round(s.score * 10), passed: s.passed ? 1 : 0, fatal: s.fatal ? 1 : 0 })
    .where('id', '=', inspectionId)
    .execute();
}

/** The inspector confirms or overturns one automatic finding (before release); the score follows. */
export async function reviewFinding(
  ctx: Ctx,
  findingId: string,
  input: { decision: 'confirm' | 'overturn'; note?: string | undefined },
): Promise<InspectionView> {
  authorize(ctx.actor, 'qa.review');
  return inTransaction(ctx, async (tctx) => {
    const f = await tctx.db.selectFrom('qa_findings').selectAll().where('id', '=', findingId).executeTakeFirst();
    if (!f) throw new AppError('QA_FINDING_NOT_FOUND');
    const inspection = await lockInspection(tctx.db, f.inspection_id);
    if (inspection.status === 'released') throw new AppError('QA_ALREADY_RELEASED');
    if (input.decision === 'overturn' && f.auto_result === 'n/a') {
      throw new AppError('VALIDATION_FAILED', { detail: 'a finding that does not apply cannot be overturned' });
    }
    const now = ctx.clock.now().toISOString();
    const result = input.decision === 'overturn' ? flip(f.auto_result) : (f.auto_result as FindingResult);
    await tctx.db
      .updateTable('qa_findings')
      .set({
        review: input.decision === 'overturn' ? 'overturned' : 'confirmed',
        review_note: scrubText(input.note?.trim() ?? '').slice(0, 1000) || null,
        result,
        reviewed_by: ctx.actor.userId,
        reviewed_at: now,
      })
      .where('id', '=', findingId)
      .execute();
    await rescore(tctx.db, inspection.id, inspection.scorecard_version_id);
    await tctx.db
      .updateTable('qa_inspections')
      .set({ status: 'reviewed', reviewed_by: ctx.actor.userId, reviewed_at: now })
      .where('id', '=', inspection.id)
      .execute();
    await audit(tctx, {
      action: 'qa.review',
      entityType: 'qa_finding',
      entityId: findingId,
      contactId: inspection.contact_id,
      details: {
        inspectionId: inspection.id,
        item: f.item_code,
        decision: input.decision,
        from: f.result,
        to: result,
      },
    });
    return loadInspection(tctx, inspection.id);
  });
}

/** Releases a result to the agent it concerns (who may then see it and appeal). */
export async function releaseInspection(ctx: Ctx, inspectionId: string): Promise<InspectionView> {
  authorize(ctx.actor, 'qa.review');
  return inTransaction(ctx, async (tctx) => {
    const inspection = await lockInspection(tctx.db, inspectionId);
    if (inspection.status === 'released') return loadInspection(tctx, inspectionId);
    const now = ctx.clock.now().toISOString();
    await tctx.db
      .updateTable('qa_inspections')
      .set({ status: 'released', released_at: now })
      .where('id', '=', inspectionId)
      .execute();
    await audit(tctx, {
      action: 'qa.release',
      entityType: 'qa_inspection',
      entityId: inspectionId,
      contactId: inspection.contact_id,
    });
    return loadInspection(tctx, inspectionId);
  });
}

export interface AppealView {
  id: string;
  inspectionId: string;
  findingId: string;
  item: string;
  agentId: string;
  comment: string;
  status: 'open' | 'reinspected' | 'final';
  inspectorDecision: 'upheld' | 'overturned' | null;
  inspectorNote: string | null;
  finalDecision: 'upheld' | 'overturned' | null;
  finalNote: string | null;
  createdAt: string;
}

export async function loadAppeal(db: Executor, id: string): Promise<AppealView> {
  const a = await db
    .selectFrom('qa_appeals as a')
    .innerJoin('qa_findings as f', 'f.id', 'a.finding_id')
    .selectAll('a')
    .select('f.item_code')
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) throw new AppError('QA_APPEAL_NOT_FOUND');
  return {
    id: a.id,
    inspectionId: a.inspection_id,
    findingId: a.finding_id,
    item: a.item_code,
    agentId: a.agent_id,
    comment: a.comment,
    status: a.status as AppealView['status'],
    inspectorDecision: a.inspector_decision as AppealView['inspectorDecision'],
    inspectorNote: a.inspector_note,
    finalDecision: a.final_decision as AppealView['finalDecision'],
    finalNote: a.final_note,
    createdAt: a.created_at,
  };
}

/**
 * The agent appeals one failed finding of their own released result, with a comment. Once per finding.
 * A finding that passed or does not apply has nothing to appeal: overturning it could only lower the score.
 */
export async function fileAppeal(ctx: Ctx, findingId: string, comment: string): Promise<AppealView> {
  authorize(ctx.actor, 'qa.appeal');
  const written = comment.trim();
  if (written.length < 4 || written.length > 2000) throw new AppError('VALIDATION_FAILED', { detail: 'comment' });
  // Free text is stored masked, as every note is: a card, ID or mobile number typed in does not stay.
  const text = scrubText(written).slice(0, 2000);
  return inTransaction(ctx, async (tctx) => {
    const f = await tctx.db.selectFrom('qa_findings').selectAll().where('id', '=', findingId).executeTakeFirst();
    if (!f) throw new AppError('QA_FINDING_NOT_FOUND');
    const inspection = await lockInspection(tctx.db, f.inspection_id);
    if (inspection.agent_id === null || inspection.agent_id !== ctx.actor.userId)
      throw new AppError('QA_NOT_YOUR_INSPECTION');
    if (inspection.status !== 'released') throw new AppError('QA_NOT_RELEASED');
    const earlier = await tctx.db
      .selectFrom('qa_appeals')
      .select('status')
      .where('finding_id', '=', findingId)
      .executeTakeFirst();
    if (earlier) throw new AppError(earlier.status === 'final' ? 'QA_APPEAL_FINAL' : 'QA_APPEAL_EXISTS');
    if (f.result !== 'fail') throw new AppError('QA_APPEAL_NOT_FAILED');
    const id = newId(ctx.clock.now());
    await tctx.db
      .insertInto('qa_appeals')
      .values({
        id,
        inspection_id: inspection.id,
        finding_id: findingId,
        agent_id: ctx.actor.userId,
        comment: text,
        status: 'open',
        inspector_id: null,
        inspector_decision: null,
        inspector_note: null,
        reinspected_at: null,
        supervisor_id: null,
        final_decision: null,
        final_note: null,
        decided_at: null,
        created_at: ctx.clock.now().toISOString(),
      })
      .execute();
    await audit(tctx, {
      action: 'qa.appeal_file',
      entityType: 'qa_appeal',
      entityId: id,
      contactId: inspection.contact_id,
      details: { findingId, item: f.item_code },
    });
    return loadAppeal(tctx.db, id);
  });
}

async function lockAppeal(db: Executor, id: string) {
  const a = await forUpdate(db, db.selectFrom('qa_appeals').selectAll().where('id', '=', id)).executeTakeFirst();
  if (!a) throw new AppError('QA_APPEAL_NOT_FOUND');
  return a;
}

/** An inspector re-inspects the appealed finding and proposes: uphold it or overturn it. */
export async function reinspectAppeal(
  ctx: Ctx,
  appealId: string,
  input: { decision: 'upheld' | 'overturned'; note: string },
): Promise<AppealView> {
  authorize(ctx.actor, 'qa.review');
  return inTransaction(ctx, async (tctx) => {
    const a = await lockAppeal(tctx.db, appealId);
    if (a.status !== 'open') throw new AppError(a.status === 'final' ? 'QA_APPEAL_FINAL' : 'QA_APPEAL_WRONG_STEP');
    await tctx.db
      .updateTable('qa_appeals')
      .set({
        status: 'reinspected',
        inspector_id: ctx.actor.userId,
        inspector_decision: input.decision,
        inspector_note: scrubText(input.note.trim()).slice(0, 2000),
        reinspected_at: ctx.clock.now().toISOString(),
      })
      .where('id', '=', appealId)
      .execute();
    await audit(tctx, {
      action: 'qa.appeal_reinspect',
      entityType: 'qa_appeal',
      entityId: appealId,
      details: { decision: input.decision },
    });
    return loadAppeal(tctx.db, appealId);
  });
}

/** The supervisor's final ruling: an overturn changes the finding and the score; no appeal after it. */
export async function ruleAppeal(
  ctx: Ctx,
  appealId: string,
  input: { decision: 'upheld' | 'overturned'; note: string },
): Promise<AppealView> {
  authorize(ctx.actor, 'qa.appeal.rule');
  return inTransaction(ctx, async (tctx) => {
    const a = await lockAppeal(tctx.db, appealId);
    if (a.status !== 'reinspected')
      throw new AppError(a.status === 'final' ? 'QA_APPEAL_FINAL' : 'QA_APPEAL_WRONG_STEP');
    const inspection = await lockInspection(tctx.db, a.inspection_id);
    const f = await tctx.db
      .selectFrom('qa_findings')
      .selectAll()
      .where('id', '=', a.finding_id)
      .executeTakeFirstOrThrow();
    const now = ctx.clock.now().toISOString();
    if (input.decision === 'overturned' && f.result !== 'n/a') {
      await tctx.db
        .updateTable('qa_findings')
        .set({ result: flip(f.result) })
        .where('id', '=', f.id)
        .execute();
      await rescore(tctx.db, inspection.id, inspection.scorecard_version_id);
    }
    await tctx.db
      .updateTable('qa_appeals')
      .set({
        status: 'final',
        supervisor_id: ctx.actor.userId,
        final_decision: input.decision,
        final_note: scrubText(input.note.trim()).slice(0, 2000),
        decided_at: now,
      })
      .where('id', '=', appealId)
      .execute();
    await audit(tctx, {
      action: 'qa.appeal_rule',
      entityType: 'qa_appeal',
      entityId: appealId,
      contactId: inspection.contact_id,
      details: { decision: input.decision, item: f.item_code, inspectorDecision: a.inspector_decision },
    });
    return loadAppeal(tctx.db, appealId);
  });
}

export interface ItemOverturns {
  item: string;
  /** Findings the engine failed. */
  autoFailed: number;
  /** Findings a reviewer confirmed or overturned, and those overturned. */
  reviewed: number;
  reviewOverturned: number;
  /** reviewOverturned / reviewed (0 when none reviewed). */
  reviewOverturnRate: number;
  /** Appeals ruled finally, and those the ruling overturned. */
  appeals: number;
  appealsOverturned: number;
  /** appealsOverturned / appeals (0 when none ruled). */
  appealOverturnRate: number;
}

/**
 * Per item: how often people overturned the machine (review) and the result (appeal) — for the QA lead,
 * to see which rules need work. `period` limits it to the inspections of those bank days (a period's
 * figures), joined rather than listed by id: a busy period holds more inspections than a query takes
 * parameters.
 */
export async function overturnRates(ctx: Ctx, period: BankDays = {}): Promise<ItemOverturns[]> {
  authorize(ctx.actor, 'qa.inspect');
  const { since, before } = bankDayBounds(period);
  let fq = ctx.db
    .selectFrom('qa_findings as f')
    .innerJoin('qa_inspections as i', 'i.id', 'f.inspection_id')
    .select(['f.item_code', 'f.auto_result', 'f.review'])
    .where((eb) => eb.or([eb('f.auto_result', '=', 'fail'), eb('f.review', 'is not', null)]));
  let aq = ctx.db
    .selectFrom('qa_appeals as a')
    .innerJoin('qa_findings as f', 'f.id', 'a.finding_id')
    .innerJoin('qa_inspections as i', 'i.id', 'f.inspection_id')
    .select(['f.item_code', 'a.final_decision'])
    .where('a.final_decision', 'is not', null);
  if (since) {
    fq = fq.where('i.created_at', '>=', since);
    aq = aq.where('i.created_at', '>=', since);
  }
  if (before) {
    fq = fq.where('i.created_at', '<', before);
    aq = aq.where('i.created_at', '<', before);
  }
  const [findings, appeals] = [await fq.execute(), await aq.execute()];
  const by = new Map<string, ItemOverturns>();
  const get = (item: string) => {
    let v = by.get(item);
    if (!v) {
      v = {
        item,
        autoFailed: 0,
        reviewed: 0,
        reviewOverturned: 0,
        reviewOverturnRate: 0,
        appeals: 0,
        appealsOverturned: 0,
        appealOverturnRate: 0,
      };
      by.set(item, v);
    }
    return v;
  };
  for (const f of findings) {
    const v = get(f.item_code);
    if (f.auto_result === 'fail') v.autoFailed++;
    if (f.review) v.reviewed++;
    if (f.review === 'overturned') v.reviewOverturned++;
  }
  for (const a of appeals) {
    const v = get(a.item_code);
    v.appeals++;
    if (a.final_decision === 'overturned') v.appealsOverturned++;
  }
  const rate = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 1000);
  for (const v of by.values()) {
    v.reviewOverturnRate = rate(v.reviewOverturned, v.reviewed);
    v.appealOverturnRate = rate(v.appealsOverturned, v.appeals);
  }
  return [...by.values()].sort((x, y) => x.item.localeCompare(y.item));
}
