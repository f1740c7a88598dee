/**
 * Calibration (issue 19 §6): several inspectors score the same inspected contact blind — nobody sees the
 * others' results until the lead closes the round — and the deviation of each inspector and each item
 * from the lead's own scores is reported. Calibration results never touch the inspection or the agent's
 * score.
 */
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import { staffByIds } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { forUpdate, inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { FindingResult } from './engine/engine.ts';
import { scorecardSchema } from './engine/scorecard.ts';

const RESULTS: readonly string[] = ['pass', 'fail', 'n/a'];

/** The lead opens a round on an inspection. */
export async function startCalibration(ctx: Ctx, inspectionId: string): Promise<{ id: string }> {
  authorize(ctx.actor, 'qa.calibrate');
  return inTransaction(ctx, async (tctx) => {
    const inspection = await tctx.db
      .selectFrom('qa_inspections')
      .select('id')
      .where('id', '=', inspectionId)
      .executeTakeFirst();
    if (!inspection) throw new AppError('QA_INSPECTION_NOT_FOUND');
    const id = newId(ctx.clock.now());
    await tctx.db
      .insertInto('qa_calibrations')
      .values({
        id,
        inspection_id: inspectionId,
        lead_id: ctx.actor.userId ?? 'system',
        status: 'open',
        created_at: ctx.clock.now().toISOString(),
        closed_at: null,
      })
      .execute();
    await audit(tctx, {
      action: 'qa.calibration_start',
      entityType: 'qa_calibration',
      entityId: id,
      details: { inspectionId },
    });
    return { id };
  });
}

/** An inspector's (or the lead's) blind results per item; sent again, they replace the earlier ones. */
export async function submitCalibration(
  ctx: Ctx,
  calibrationId: string,
  results: Record<string, FindingResult>,
): Promise<void> {
  authorize(ctx.actor, 'qa.calibrate');
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('FORBIDDEN');
  await inTransaction(ctx, async (tctx) => {
    const cal = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('qa_calibrations').selectAll().where('id', '=', calibrationId),
    ).executeTakeFirst();
    if (!cal) throw new AppError('QA_CALIBRATION_NOT_FOUND');
    if (cal.status !== 'open') throw new AppError('QA_CALIBRATION_CLOSED');
    const items = new Set(
      (
        await tctx.db
          .selectFrom('qa_findings')
          .select('item_code')
          .where('inspection_id', '=', cal.inspection_id)
          .execute()
      ).map((f) => f.item_code),
    );
    const entries = Object.entries(results);
    if (entries.length === 0 || entries.some(([item, r]) => !items.has(item) || !RESULTS.includes(r))) {
      throw new AppError('VALIDATION_FAILED', { detail: 'results' });
    }
    await tctx.db
      .deleteFrom('qa_calibration_scores')
      .where('calibration_id', '=', calibrationId)
      .where('inspector_id', '=', userId)
      .execute();
    const now = ctx.clock.now().toISOString();
    await tctx.db
      .insertInto('qa_calibration_scores')
      .values(
        entries.map(([item, result]) => ({
          id: newId(ctx.clock.now()),
          calibration_id: calibrationId,
          inspector_id: userId,
          item_code: item,
          result,
          created_at: now,
        })),
      )
      .execute();
    await audit(tctx, {
      action: 'qa.calibration_submit',
      entityType: 'qa_calibration',
      entityId: calibrationId,
      details: { items: entries.length },
    });
  });
}

export interface CalibrationReport {
  id: string;
  inspectionId: string;
  /** The lead whose scores are the reference, named from the staff directory. */
  leadId: string;
  leadName: string;
  /** Per inspector: items scored that the lead scored too, and the share that differ from the lead's. */
  inspectors: { inspectorId: string; name: string; compared: number; differ: number; deviation: number }[];
  /** Per item (with its title in the inspection's scorecard version): inspectors compared and the share differing. */
  items: { item: string; title: string; compared: number; differ: number; deviation: number }[];
}

/** The lead closes the round: from then on the results are visible, as deviations from the lead's. */
export async function closeCalibration(ctx: Ctx, calibrationId: string): Promise<CalibrationReport> {
  authorize(ctx.actor, 'qa.calibrate');
  return inTransaction(ctx, async (tctx) => {
    const cal = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('qa_calibrations').selectAll().where('id', '=', calibrationId),
    ).executeTakeFirst();
    if (!cal) throw new AppError('QA_CALIBRATION_NOT_FOUND');
    if (cal.lead_id !== ctx.actor.userId) throw new AppError('QA_CALIBRATION_LEAD_ONLY');
    if (cal.status === 'open') {
      const reference = await tctx.db
        .selectFrom('qa_calibration_scores')
        .select('id')
        .where('calibration_id', '=', calibrationId)
        .where('inspector_id', '=', cal.lead_id)
        .executeTakeFirst();
      if (!reference) throw new AppError('QA_CALIBRATION_NO_REFERENCE');
      await tctx.db
        .updateTable('qa_calibrations')
        .set({ status: 'closed', closed_at: ctx.clock.now().toISOString() })
        .where('id', '=', calibrationId)
        .execute();
      await audit(tctx, { action: 'qa.calibration_close', entityType: 'qa_calibration', entityId: calibrationId });
    }
    return calibrationReport(tctx, calibrationId);
  });
}

/** The report of a closed round (an open round is blind: refused). */
export async function calibrationReport(ctx: Ctx, calibrationId: string): Promise<CalibrationReport> {
  authorize(ctx.actor, 'qa.calibrate');
  const cal = await ctx.db.selectFrom('qa_calibrations').selectAll().where('id', '=', calibrationId).executeTakeFirst();
  if (!cal) throw new AppError('QA_CALIBRATION_NOT_FOUND');
  if (cal.status !== 'closed') throw new AppError('QA_CALIBRATION_CLOSED', { detail: 'still open: scores are blind' });
  const scores = await ctx.db
    .selectFrom('qa_calibration_scores')
    .selectAll()
    .where('calibration_id', '=', calibrationId)
    .execute();
  const lead = new Map(scores.filter((s) => s.inspector_id === cal.lead_id).map((s) => [s.item_code, s.result]));
  const inspectors = new Map<string, { compared: number; differ: number }>();
  const items = new Map<string, { compared: number; differ: number }>();
  for (const s of scores) {
    if (s.inspector_id === cal.lead_id) continue;
    const want = lead.get(s.item_code);
    if (want === undefined) continue;
    const d = s.result !== want ? 1 : 0;
    const i = inspectors.get(s.inspector_id) ?? { compared: 0, differ: 0 };
    i.compared++;
    i.differ += d;
    inspectors.set(s.inspector_id, i);
    const t = items.get(s.item_code) ?? { compared: 0, differ: 0 };
    t.compared++;
    t.differ += d;
    items.set(s.item_code, t);
  }
  const share = (x: { compared: number; differ: number }) =>
    x.compared === 0 ? 0 : Math.round((1000 * x.differ) / x.compared) / 1000;
  // Names from the platform's staff directory (an id no longer there is shown as it is).
  const staff = await staffByIds(ctx.db, [cal.lead_id, ...inspectors.keys()]);
  const nameOf = (id: string) => staff.get(id)?.displayName ?? id;
  const version = await ctx.db
    .selectFrom('qa_inspections')
    .innerJoin('qa_scorecard_versions', 'qa_scorecard_versions.id', 'qa_inspections.scorecard_version_id')
    .select('qa_scorecard_versions.definition')
    .where('qa_inspections.id', '=', cal.inspection_id)
    .executeTakeFirst();
  const parsed = version ? scorecardSchema.safeParse(JSON.parse(version.definition)) : undefined;
  const titles = new Map(parsed?.success ? parsed.data.items.map((i) => [i.code, i.title] as const) : []);
  return {
    id: cal.id,
    inspectionId: cal.inspection_id,
    leadId: cal.lead_id,
    leadName: nameOf(cal.lead_id),
    inspectors: [...inspectors]
      .map(([inspectorId, v]) => ({ inspectorId, name: nameOf(inspectorId), ...v, deviation: share(v) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    items: [...items]
      .map(([item, v]) => ({ item, title: titles.get(item) ?? item, ...v, deviation: share(v) }))
      .sort((a, b) => a.item.localeCompare(b.item)),
  };
}
