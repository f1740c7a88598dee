/**
 * What the QA portal, the agent's workstation and the supervisor read: an inspection with its transcript,
 * the agent's own released results and trend, appeal lists, calibration rounds, the draft guard as a
 * request, and per item / agent / team figures. Changes live in review, scorecard and calibration services.
 */
import { audit } from '../../platform/audit.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import { staffByIds } from '../../platform/auth/staff.ts';
import type { Ctx } from '../../platform/context.ts';
import { allDepartments } from '../../platform/departments.ts';
import { AppError } from '../../platform/errors.ts';
import { type BankDays, bankDayBounds } from './bank-days.ts';
import { contactTranscript } from './contact-transcript.ts';
import type { Speaker } from './engine/engine.ts';
import type { GuardVerdict } from './engine/guard.ts';
import { scorecardSchema } from './engine/scorecard.ts';
import { checkDraft } from './guard.service.ts';
import { getInspection, type InspectionView, loadInspection } from './inspection.service.ts';
import { type AppealView, loadAppeal, overturnRates } from './review.service.ts';

export interface InspectionDetail extends InspectionView {
  turns: { speaker: Speaker; text: string; at?: string | undefined }[];
  items: { code: string; title: string }[];
  appeals: AppealView[];
}

/** An inspection with the transcript it was scored on (getInspection decides who may see it, and audits). */
export async function inspectionDetail(ctx: Ctx, id: string): Promise<InspectionDetail> {
  // Inspectors and supervisors, or an agent for their own released results: decided before any read.
  if (!can(ctx.actor, 'qa.inspect')) authorize(ctx.actor, 'qa.appeal');
  const view = await getInspection(ctx, id);
  const turns = view.contactId
    ? (await contactTranscript(ctx, view.contactId)).transcript.turns.map((t) => ({
        speaker: t.speaker,
        text: t.text,
        ...(t.at ? { at: t.at } : {}),
      }))
    : [];
  const version = await ctx.db
    .selectFrom('qa_scorecard_versions')
    .select('definition')
    .where('id', '=', view.scorecardVersionId)
    .executeTakeFirst();
  const parsed = version ? scorecardSchema.safeParse(JSON.parse(version.definition)) : undefined;
  const items = parsed?.success ? parsed.data.items.map((i) => ({ code: i.code, title: i.title })) : [];
  const appealIds = await ctx.db.selectFrom('qa_appeals').select('id').where('inspection_id', '=', id).execute();
  const appeals = await Promise.all(appealIds.map((a) => loadAppeal(ctx.db, a.id)));
  return { ...view, turns, items, appeals };
}

/** The signed-in agent's released results (newest first), their weekly average and their appeals. */
export async function myResults(ctx: Ctx): Promise<{
  inspections: InspectionView[];
  trend: { week: string; count: number; average: number }[];
  appeals: AppealView[];
}> {
  authorize(ctx.actor, 'qa.appeal');
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('FORBIDDEN');
  const rows = await ctx.db
    .selectFrom('qa_inspections')
    .select(['id', 'week', 'score_tenths'])
    .where('agent_id', '=', userId)
    .where('status', '=', 'released')
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  const inspections = await Promise.all(rows.slice(0, 50).map((r) => loadInspection(ctx, r.id)));
  const weeks = new Map<string, { sum: number; count: number }>();
  for (const r of rows) {
    const w = weeks.get(r.week) ?? { sum: 0, count: 0 };
    w.sum += r.score_tenths;
    w.count++;
    weeks.set(r.week, w);
  }
  const trend = [...weeks.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([week, w]) => ({ week, count: w.count, average: Math.round(w.sum / w.count) / 10 }));
  const appealRows = await ctx.db
    .selectFrom('qa_appeals')
    .select('id')
    .where('agent_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  const appeals = await Promise.all(appealRows.map((a) => loadAppeal(ctx.db, a.id)));
  await audit(ctx, { action: 'qa.own_results_read', entityType: 'user', entityId: userId });
  return { inspections, trend, appeals };
}

/**
 * Appeals: inspectors (to re-inspect) and supervisors (to rule) see every appeal, by status; an agent
 * sees their own.
 */
export async function listAppeals(
  ctx: Ctx,
  query: { status?: 'open' | 'reinspected' | 'final' | undefined },
): Promise<AppealView[]> {
  const all = can(ctx.actor, 'qa.review') || can(ctx.actor, 'qa.appeal.rule');
  if (!all) authorize(ctx.actor, 'qa.appeal');
  let q = ctx.db.selectFrom('qa_appeals').select('id').orderBy('created_at').limit(200);
  if (!all) q = q.where('agent_id', '=', ctx.actor.userId ?? '');
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.execute();
  return Promise.all(rows.map((r) => loadAppeal(ctx.db, r.id)));
}

/** Calibration rounds, newest first, with whether the caller has sent results. */
export async function listCalibrations(ctx: Ctx): Promise<
  {
    id: string;
    inspectionId: string;
    leadId: string;
    status: 'open' | 'closed';
    createdAt: string;
    closedAt: string | null;
    submitted: boolean;
  }[]
> {
  authorize(ctx.actor, 'qa.calibrate');
  const rows = await ctx.db
    .selectFrom('qa_calibrations')
    .selectAll()
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
  const mine = new Set(
    (
      await ctx.db
        .selectFrom('qa_calibration_scores')
        .select('calibration_id')
        .where('inspector_id', '=', ctx.actor.userId ?? '')
        .execute()
    ).map((r) => r.calibration_id),
  );
  return rows.map((r) => ({
    id: r.id,
    inspectionId: r.inspection_id,
    leadId: r.lead_id,
    status: r.status === 'closed' ? 'closed' : 'open',
    createdAt: r.created_at,
    closedAt: r.closed_at,
    submitted: mine.has(r.id),
  }));
}

/** The guard on a draft, asked by the desk while the agent types (the send path checks again). */
export async function guardCheck(ctx: Ctx, draft: { channel: 'phone' | 'chat'; text: string }): Promise<GuardVerdict> {
  authorize(ctx.actor, 'qa.guard');
  return checkDraft(ctx, draft);
}

interface Group {
  inspections: number;
  sum: number;
  passed: number;
  fatal: number;
}
const emptyGroup = (): Group => ({ inspections: 0, sum: 0, passed: 0, fatal: 0 });
const groupView = (g: Group) => ({
  inspections: g.inspections,
  average: g.inspections ? Math.round(g.sum / g.inspections) / 10 : 0,
  passRate: g.inspections ? Math.round((1000 * g.passed) / g.inspections) / 1000 : 0,
  fatal: g.fatal,
});

/**
 * A period's inspections (oldest first) and their findings — for the figures and the results workbook. The
 * findings are joined to the period, not listed by id: a busy period holds more inspections than a query
 * takes parameters.
 */
export async function inspectionsInPeriod(ctx: Ctx, period: BankDays) {
  const { since, before } = bankDayBounds(period);
  let q = ctx.db
    .selectFrom('qa_inspections')
    .select([
      'id',
      'contact_id',
      'external_id',
      'agent_id',
      'agent_no',
      'channel',
      'score_tenths',
      'passed',
      'fatal',
      'status',
      'scorecard_version_id',
      'created_at',
    ])
    .orderBy('created_at')
    .orderBy('id');
  let f = ctx.db
    .selectFrom('qa_findings as f')
    .innerJoin('qa_inspections as i', 'i.id', 'f.inspection_id')
    .select(['f.inspection_id', 'f.item_code', 'f.result']);
  if (since) {
    q = q.where('created_at', '>=', since);
    f = f.where('i.created_at', '>=', since);
  }
  if (before) {
    q = q.where('created_at', '<', before);
    f = f.where('i.created_at', '<', before);
  }
  const inspections = await q.execute();
  return { inspections, findings: inspections.length ? await f.execute() : [] };
}

/**
 * Per item (applicable, failed, overturned by review and by appeal), per agent and per team (the agent's
 * department): inspections, average score, pass rate, fatal results — for the supervisor and the QA lead.
 * `from` / `to` are bank days of the inspection (Asia/Shanghai, UTC+8).
 */
export async function qaStats(ctx: Ctx, query: { from?: string | undefined; to?: string | undefined }) {
  authorize(ctx.actor, 'qa.inspect');
  const { inspections, findings } = await inspectionsInPeriod(ctx, query);
  const staff = await staffByIds(
    ctx.db,
    inspections.map((i) => i.agent_id).filter((a): a is string => a !== null),
  );
  const departments = new Map((await allDepartments(ctx.db)).map((d) => [d.id, d]));
  const agents = new Map<string, Group & { agentNo: string | null }>();
  const teams = new Map<string, Group>();
  const add = (g: Group, i: (typeof inspections)[number]) => {
    g.inspections++;
    g.sum += i.score_tenths;
    if (i.passed === 1) g.passed++;
    if (i.fatal === 1) g.fatal++;
  };
  for (const i of inspections) {
    if (!i.agent_id) continue;
    const a = agents.get(i.agent_id) ?? { ...emptyGroup(), agentNo: i.agent_no };
    add(a, i);
    agents.set(i.agent_id, a);
    const team = staff.get(i.agent_id)?.departmentId ?? 'front_line';
    const t = teams.get(team) ?? emptyGroup();
    add(t, i);
    teams.set(team, t);
  }
  const titles = new Map<string, string>();
  const versionIds = [...new Set(inspections.map((i) => i.scorecard_version_id))];
  if (versionIds.length) {
    for (const v of await ctx.db
      .selectFrom('qa_scorecard_versions')
      .select('definition')
      .where('id', 'in', versionIds)
      .execute()) {
      const parsed = scorecardSchema.safeParse(JSON.parse(v.definition));
      if (parsed.success) for (const it of parsed.data.items) titles.set(it.code, it.title);
    }
  }
  const items = new Map<string, { applicable: number; failed: number }>();
  for (const f of findings) {
    const it = items.get(f.item_code) ?? { applicable: 0, failed: 0 };
    if (f.result !== 'n/a') it.applicable++;
    if (f.result === 'fail') it.failed++;
    items.set(f.item_code, it);
  }
  const overturns = new Map((await overturnRates(ctx, query)).map((o) => [o.item, o]));
  return {
    items: [...items.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([item, it]) => ({
        item,
        title: titles.get(item) ?? item,
        applicable: it.applicable,
        failed: it.failed,
        failRate: it.applicable ? Math.round((1000 * it.failed) / it.applicable) / 1000 : 0,
        reviewed: overturns.get(item)?.reviewed ?? 0,
        reviewOverturned: overturns.get(item)?.reviewOverturned ?? 0,
        reviewOverturnRate: overturns.get(item)?.reviewOverturnRate ?? 0,
        appeals: overturns.get(item)?.appeals ?? 0,
        appealsOverturned: overturns.get(item)?.appealsOverturned ?? 0,
        appealOverturnRate: overturns.get(item)?.appealOverturnRate ?? 0,
      })),
    agents: [...agents.entries()].map(([agentId, g]) => ({
      agentId,
      agentNo: g.agentNo,
      name: staff.get(agentId)?.displayName ?? null,
      ...groupView(g),
    })),
    teams: [...teams.entries()].map(([team, g]) => {
      const d = departments.get(team);
      return { team: d?.code ?? team, name: d?.nameZh ?? '一线坐席', ...groupView(g) };
    }),
  };
}
