/**
 * Scorecards and their versions: the QA lead drafts a version, another person with the same right
 * publishes it (four eyes), publishing retires the version before it. Inspections name the version they
 * were scored with, so a result can always be explained by the rules in force then.
 */
import { audit } from '../../platform/audit.ts';
import { authorize, requireSecondPerson } from '../../platform/auth/policy.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { forUpdate, inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { DEFAULT_SCORECARD_CODE, DEFAULT_SCORECARD_NAME, defaultScorecard } from './engine/default-scorecard.ts';
import { type CompiledScorecard, compileScorecard } from './engine/engine.ts';
import { type ScorecardDefinition, scorecardSchema } from './engine/scorecard.ts';

export interface ScorecardVersionView {
  id: string;
  code: string;
  version: number;
  status: 'draft' | 'published' | 'retired';
  definition: ScorecardDefinition;
  createdBy: string | null;
  createdAt: string;
  publishedBy: string | null;
  publishedAt: string | null;
}

/** Puts the guide's default scorecard in place as version 1, published by the system, once. */
export async function ensureDefaultScorecard(deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db
    .insertInto('qa_scorecards')
    .values({
      id: newId(deps.clock.now()),
      code: DEFAULT_SCORECARD_CODE,
      name: DEFAULT_SCORECARD_NAME,
      created_by: null,
      created_at: now,
    })
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const card = await deps.db
    .selectFrom('qa_scorecards')
    .select('id')
    .where('code', '=', DEFAULT_SCORECARD_CODE)
    .executeTakeFirstOrThrow();
  await deps.db
    .insertInto('qa_scorecard_versions')
    .values({
      id: newId(deps.clock.now()),
      scorecard_id: card.id,
      version: 1,
      definition: JSON.stringify(defaultScorecard()),
      status: 'published',
      created_by: null,
      created_at: now,
      published_by: null,
      published_at: now,
    })
    .onConflict((oc) => oc.columns(['scorecard_id', 'version']).doNothing())
    .execute();
}

function parseDefinition(input: unknown): ScorecardDefinition {
  const parsed = scorecardSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('QA_SCORECARD_INVALID', {
      details: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

/** A new scorecard with its first version as a draft. */
export async function createScorecard(
  ctx: Ctx,
  input: { code: string; name: string; definition: unknown },
): Promise<ScorecardVersionView> {
  authorize(ctx.actor, 'qa.scorecard.edit');
  const definition = parseDefinition(input.definition);
  if (!/^[a-z][a-z0-9_-]{1,39}$/.test(input.code)) throw new AppError('VALIDATION_FAILED', { detail: 'code' });
  return inTransaction(ctx, async (tctx) => {
    const exists = await tctx.db
      .selectFrom('qa_scorecards')
      .select('id')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (exists) throw new AppError('VALIDATION_FAILED', { detail: 'code exists' });
    const now = ctx.clock.now().toISOString();
    const id = newId(ctx.clock.now());
    await tctx.db
      .insertInto('qa_scorecards')
      .values({
        id,
        code: input.code,
        name: input.name.trim().slice(0, 100),
        created_by: ctx.actor.userId,
        created_at: now,
      })
      .execute();
    await audit(tctx, {
      action: 'qa.scorecard_create',
      entityType: 'qa_scorecard',
      entityId: id,
      details: { code: input.code },
    });
    return insertDraft(tctx, id, input.code, 1, definition);
  });
}

/** A new draft version of an existing scorecard. */
export async function draftScorecardVersion(ctx: Ctx, code: string, input: unknown): Promise<ScorecardVersionView> {
  authorize(ctx.actor, 'qa.scorecard.edit');
  const definition = parseDefinition(input);
  return inTransaction(ctx, async (tctx) => {
    const card = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('qa_scorecards').selectAll().where('code', '=', code),
    ).executeTakeFirst();
    if (!card) throw new AppError('QA_SCORECARD_NOT_FOUND');
    const last = await tctx.db
      .selectFrom('qa_scorecard_versions')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('scorecard_id', '=', card.id)
      .executeTakeFirst();
    return insertDraft(tctx, card.id, code, Number(last?.max ?? 0) + 1, definition);
  });
}

async function insertDraft(
  ctx: Ctx,
  scorecardId: string,
  code: string,
  version: number,
  definition: ScorecardDefinition,
): Promise<ScorecardVersionView> {
  const now = ctx.clock.now().toISOString();
  const row = {
    id: newId(ctx.clock.now()),
    scorecard_id: scorecardId,
    version,
    definition: JSON.stringify(definition),
    status: 'draft',
    created_by: ctx.actor.userId,
    created_at: now,
    published_by: null,
    published_at: null,
  };
  await ctx.db.insertInto('qa_scorecard_versions').values(row).execute();
  await audit(ctx, {
    action: 'qa.scorecard_draft',
    entityType: 'qa_scorecard_version',
    entityId: row.id,
    details: { code, version, items: definition.items.map((i) => i.code) },
  });
  return versionView(row, code);
}

/** Publishes a draft (never by its author) and retires the version in force. */
export async function publishScorecardVersion(ctx: Ctx, versionId: string): Promise<ScorecardVersionView> {
  authorize(ctx.actor, 'qa.scorecard.edit');
  return inTransaction(ctx, async (tctx) => {
    const found = await tctx.db
      .selectFrom('qa_scorecard_versions')
      .select('scorecard_id')
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!found) throw new AppError('QA_SCORECARD_NOT_FOUND');
    // The scorecard is locked first: two versions published at once take turns, and one stays in force.
    const card = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('qa_scorecards').select('code').where('id', '=', found.scorecard_id),
    ).executeTakeFirstOrThrow();
    const v = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('qa_scorecard_versions').selectAll().where('id', '=', versionId),
    ).executeTakeFirstOrThrow();
    if (v.status !== 'draft') throw new AppError('QA_SCORECARD_VERSION_NOT_DRAFT');
    requireSecondPerson(ctx.actor, v.created_by, 'QA_SCORECARD_SAME_PERSON');
    // A draft older than the version in force was written without its changes: publishing it would roll
    // the scorecard back. It is redrafted from the version in force instead.
    const newer = await tctx.db
      .selectFrom('qa_scorecard_versions')
      .select('version')
      .where('scorecard_id', '=', v.scorecard_id)
      .where('status', '=', 'published')
      .where('version', '>', v.version)
      .executeTakeFirst();
    if (newer) throw new AppError('QA_SCORECARD_DRAFT_STALE', { details: { inForce: newer.version } });
    const now = ctx.clock.now().toISOString();
    const retired = await tctx.db
      .updateTable('qa_scorecard_versions')
      .set({ status: 'retired' })
      .where('scorecard_id', '=', v.scorecard_id)
      .where('status', '=', 'published')
      .returning('version')
      .execute();
    await tctx.db
      .updateTable('qa_scorecard_versions')
      .set({ status: 'published', published_by: ctx.actor.userId, published_at: now })
      .where('id', '=', versionId)
      .execute();
    await audit(tctx, {
      action: 'qa.scorecard_publish',
      entityType: 'qa_scorecard_version',
      entityId: versionId,
      details: { code: card.code, version: v.version, retired: retired.map((r) => r.version), author: v.created_by },
    });
    return versionView({ ...v, status: 'published', published_by: ctx.actor.userId, published_at: now }, card.code);
  });
}

function versionView(
  v: {
    id: string;
    version: number;
    status: string;
    definition: string;
    created_by: string | null;
    created_at: string;
    published_by: string | null;
    published_at: string | null;
  },
  code: string,
): ScorecardVersionView {
  return {
    id: v.id,
    code,
    version: v.version,
    status: v.status as ScorecardVersionView['status'],
    definition: JSON.parse(v.definition) as ScorecardDefinition,
    createdBy: v.created_by,
    createdAt: v.created_at,
    publishedBy: v.published_by,
    publishedAt: v.published_at,
  };
}

/** Every version of a scorecard, newest first. */
export async function listScorecardVersions(ctx: Ctx, code: string): Promise<ScorecardVersionView[]> {
  authorize(ctx.actor, 'qa.inspect');
  const rows = await ctx.db
    .selectFrom('qa_scorecard_versions as v')
    .innerJoin('qa_scorecards as s', 's.id', 'v.scorecard_id')
    .selectAll('v')
    .where('s.code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
  if (rows.length === 0) throw new AppError('QA_SCORECARD_NOT_FOUND');
  return rows.map((r) => versionView(r, code));
}

/** Every scorecard with its versions (newest first), by code. */
export async function listScorecards(
  ctx: Ctx,
): Promise<{ code: string; name: string; versions: ScorecardVersionView[] }[]> {
  authorize(ctx.actor, 'qa.inspect');
  const cards = await ctx.db.selectFrom('qa_scorecards').selectAll().orderBy('code').execute();
  const versions = await ctx.db.selectFrom('qa_scorecard_versions').selectAll().orderBy('version', 'desc').execute();
  return cards.map((c) => ({
    code: c.code,
    name: c.name,
    versions: versions.filter((v) => v.scorecard_id === c.id).map((v) => versionView(v, c.code)),
  }));
}

const compiled = new Map<string, CompiledScorecard>();

/** The published version of a scorecard, compiled (once per version and process). */
export async function publishedScorecard(
  ctx: Pick<Ctx, 'db'>,
  code: string = DEFAULT_SCORECARD_CODE,
): Promise<{ versionId: string; version: number; scorecard: CompiledScorecard }> {
  const row = await ctx.db
    .selectFrom('qa_scorecard_versions as v')
    .innerJoin('qa_scorecards as s', 's.id', 'v.scorecard_id')
    .select(['v.id', 'v.version', 'v.definition'])
    .where('s.code', '=', code)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
  if (!row) throw new AppError('QA_SCORECARD_NOT_FOUND');
  let scorecard = compiled.get(row.id);
  if (!scorecard) {
    scorecard = compileScorecard(scorecardSchema.parse(JSON.parse(row.definition)));
    compiled.set(row.id, scorecard);
  }
  return { versionId: row.id, version: row.version, scorecard };
}
