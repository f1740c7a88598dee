/**
 * Use cases of the knowledge base's articles: write, review, publish, retire, read. Every change commits
 * with its audit record, the search index row and the generation bump in one transaction, so a published
 * version is searchable the moment the approval returns and a draft never is.
 */
import { audit } from '../../platform/audit.ts';
import { authorize, can, requireSecondPerson } from '../../platform/auth/policy.ts';
import { bankDate, bankDayStart } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { schedule } from '../../platform/jobs/jobs.ts';
import type { ArticleRow, VersionRow } from './article.repository.ts';
import * as repo from './article.repository.ts';
import {
  type ArticleContent,
  type ArticleView,
  type Audience,
  articleContentSchema,
  type CreateArticleInput,
  contentProblem,
  createArticleSchema,
  type Kind,
  OPEN_STATUSES,
  takesEffectLater,
  updateDraftSchema,
  type VersionStatus,
} from './article.ts';
import { type IndexSource, indexRow } from './index-doc.ts';
import { renderBodies } from './params/catalog.ts';
import { renderVersions } from './params/render-cache.ts';

export const KB_TOPIC = 'kb';
export const ACTIVATE_JOB = 'kb.activate_version';
export const EXPIRE_JOB = 'kb.expire_version';

const parseList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
};

function actorName(ctx: Ctx): string {
  return ctx.actor.username;
}

function versionRow(
  ctx: Ctx,
  articleId: string,
  versionNo: number,
  c: ArticleContent,
  status: VersionStatus = 'draft',
): VersionRow {
  const now = ctx.clock.now().toISOString();
  return {
    id: newId(ctx.clock.now()),
    article_id: articleId,
    version_no: versionNo,
    status,
    title: c.title,
    body: c.body,
    questions: JSON.stringify(c.questions),
    tags: JSON.stringify(c.tags),
    products: JSON.stringify(c.products),
    intent: c.intent ?? null,
    audience: c.audience,
    source: c.source ?? null,
    effective_from: c.effectiveFrom ?? null,
    effective_to: c.effectiveTo ?? null,
    author_id: ctx.actor.userId,
    author_name: actorName(ctx),
    reviewer_id: null,
    reviewer_name: null,
    review_comment: null,
    created_at: now,
    updated_at: now,
    submitted_at: null,
    published_at: null,
  };
}

export function contentOf(v: VersionRow): ArticleContent {
  return {
    title: v.title,
    body: v.body,
    questions: parseList(v.questions),
    tags: parseList(v.tags),
    products: parseList(v.products),
    intent: v.intent,
    audience: v.audience as Audience,
    source: v.source,
    effectiveFrom: v.effective_from,
    effectiveTo: v.effective_to,
  };
}

function check(kind: Kind, c: Partial<ArticleContent>): void {
  const problem = contentProblem(kind, c);
  if (problem) throw new AppError(problem);
}

/**
 * Views of several versions, rendering live parameters with one catalogue read per product (or none,
 * when the cached renderings are still current).
 */
export async function toViews(ctx: Ctx, rows: ReadonlyArray<VersionRow & { kind: string }>): Promise<ArticleView[]> {
  const rendered = await renderVersions(ctx, rows);
  return rows.map((v, i) => {
    const c = contentOf(v);
    const r = rendered[i] ?? { text: v.body, unresolved: [] };
    return {
      id: v.article_id,
      kind: v.kind as Kind,
      versionId: v.id,
      version: v.version_no,
      status: v.status as VersionStatus,
      title: v.title,
      body: v.body,
      rendered: r.text,
      unresolved: [...r.unresolved],
      questions: c.questions,
      tags: c.tags,
      products: c.products,
      intent: v.intent,
      audience: c.audience,
      source: v.source,
      effectiveFrom: v.effective_from,
      effectiveTo: v.effective_to,
      author: v.author_name,
      authoredByMe: ctx.actor.userId !== null && v.author_id === ctx.actor.userId,
      reviewer: v.reviewer_name,
      reviewComment: v.review_comment,
      publishedAt: v.published_at,
      updatedAt: v.updated_at,
    };
  });
}

export function indexSource(kind: string, v: VersionRow): IndexSource {
  const c = contentOf(v);
  return {
    articleId: v.article_id,
    versionId: v.id,
    kind,
    audience: c.audience,
    title: c.title,
    body: c.body,
    questions: c.questions,
    tags: c.tags,
    products: c.products,
  };
}

async function oneView(ctx: Ctx, v: VersionRow, kind: string): Promise<ArticleView> {
  const [view] = await toViews(ctx, [{ ...v, kind }]);
  return view as ArticleView;
}

/** A kb_editor writes a new article; it starts as a draft of version 1. */
export async function createArticle(ctx: Ctx, input: CreateArticleInput): Promise<ArticleView> {
  authorize(ctx.actor, 'kb.write');
  const { id: wantedId, kind, ...rest } = createArticleSchema.parse(input);
  const content = articleContentSchema.parse(rest);
  check(kind, content);
  return inTransaction(ctx, async (tctx) => {
    const id = wantedId ?? newId(ctx.clock.now()).toLowerCase();
    if (await repo.findArticle(tctx.db, id)) throw new AppError('KB_ARTICLE_EXISTS');
    const now = ctx.clock.now().toISOString();
    await repo.insertArticles(tctx.db, [
      { id, kind, status: 'active', current_version_id: null, created_at: now, updated_at: now },
    ]);
    const version = versionRow(ctx, id, 1, content);
    await repo.insertVersions(tctx.db, [version]);
    await audit(tctx, {
      action: 'kb.article.create',
      entityType: 'kb_article',
      entityId: id,
      details: { kind, versionId: version.id, title: content.title },
    });
    return oneView(tctx, version, kind);
  });
}

async function getOpenVersion(ctx: Ctx, versionId: string): Promise<{ v: VersionRow; a: ArticleRow }> {
  const v = await repo.lockVersion(ctx.db, versionId);
  if (!v) throw new AppError('KB_VERSION_NOT_FOUND');
  const a = await repo.lockArticle(ctx.db, v.article_id);
  if (!a) throw new AppError('KB_VERSION_NOT_FOUND');
  if (a.status !== 'active') throw new AppError('KB_ARTICLE_RETIRED');
  return { v, a };
}

function requireAuthor(ctx: Ctx, v: VersionRow): void {
  if (ctx.actor.kind !== 'system' && v.author_id !== ctx.actor.userId) throw new AppError('KB_NOT_AUTHOR');
}

/** The author edits their draft. */
export async function updateDraft(ctx: Ctx, versionId: string, patch: unknown): Promise<ArticleView> {
  authorize(ctx.actor, 'kb.write');
  const changes = updateDraftSchema.parse(patch);
  return inTransaction(ctx, async (tctx) => {
    const { v, a } = await getOpenVersion(tctx, versionId);
    requireAuthor(ctx, v);
    if (v.status !== 'draft') throw new AppError('KB_BAD_STATE', { detail: v.status });
    const next = { ...contentOf(v), ...Object.fromEntries(Object.entries(changes).filter(([, x]) => x !== undefined)) };
    check(a.kind as Kind, next);
    const row = versionRow(ctx, a.id, v.version_no, next as ArticleContent);
    const set = {
      title: row.title,
      body: row.body,
      questions: row.questions,
      tags: row.tags,
      products: row.products,
      intent: row.intent,
      audience: row.audience,
      source: row.source,
      effective_from: row.effective_from,
      effective_to: row.effective_to,
      updated_at: row.updated_at,
    };
    await repo.updateVersion(tctx.db, v.id, set);
    await audit(tctx, {
      action: 'kb.version.update',
      entityType: 'kb_article',
      entityId: a.id,
      details: { versionId: v.id, fields: Object.keys(changes) },
    });
    return oneView(tctx, { ...v, ...set }, a.kind);
  });
}

/** Starts the next version of an article as a draft, copied from its latest version. */
export async function newDraft(ctx: Ctx, articleId: string): Promise<ArticleView> {
  authorize(ctx.actor, 'kb.write');
  return inTransaction(ctx, async (tctx) => {
    const a = await repo.lockArticle(tctx.db, articleId);
    if (!a) throw new AppError('KB_ARTICLE_NOT_FOUND');
    if (a.status !== 'active') throw new AppError('KB_ARTICLE_RETIRED');
    const versions = await repo.versionsOf(tctx.db, articleId);
    if (versions.some((v) => OPEN_STATUSES.includes(v.status as VersionStatus))) throw new AppError('KB_DRAFT_EXISTS');
    const latest = versions[0];
    if (!latest) throw new AppError('KB_ARTICLE_NOT_FOUND');
    const row = versionRow(ctx, a.id, latest.version_no + 1, { ...contentOf(latest), effectiveFrom: null });
    await repo.insertVersions(tctx.db, [row]);
    await audit(tctx, {
      action: 'kb.version.create',
      entityType: 'kb_article',
      entityId: a.id,
      details: { versionId: row.id, version: row.version_no },
    });
    return oneView(tctx, row, a.kind);
  });
}

/** The author sends the draft for review. Submitting twice changes nothing. */
export async function submitVersion(ctx: Ctx, versionId: string): Promise<ArticleView> {
  authorize(ctx.actor, 'kb.write');
  return inTransaction(ctx, async (tctx) => {
    const { v, a } = await getOpenVersion(tctx, versionId);
    requireAuthor(ctx, v);
    if (v.status === 'in_review') return oneView(tctx, v, a.kind);
    if (v.status !== 'draft') throw new AppError('KB_BAD_STATE', { detail: v.status });
    const now = ctx.clock.now().toISOString();
    await repo.updateVersion(tctx.db, v.id, { status: 'in_review', submitted_at: now, updated_at: now });
    await audit(tctx, {
      action: 'kb.version.submit',
      entityType: 'kb_article',
      entityId: a.id,
      details: { versionId },
    });
    publishEvent(tctx, KB_TOPIC, 'version.submitted', { id: a.id, versionId, title: v.title });
    return oneView(tctx, { ...v, status: 'in_review', submitted_at: now, updated_at: now }, a.kind);
  });
}

function requireOtherReviewer(ctx: Ctx, v: VersionRow): void {
  authorize(ctx.actor, 'kb.review');
  requireSecondPerson(ctx.actor, v.author_id, 'KB_SELF_REVIEW');
}

/**
 * Another editor or a supervisor approves a version in review. It is served at once, or from its
 * effective date (a job makes it current then). Approving an approved version changes nothing.
 */
export async function approveVersion(ctx: Ctx, versionId: string, comment?: string | null): Promise<ArticleView> {
  return inTransaction(ctx, async (tctx) => {
    // Who may review is decided before the version is read: a refused caller learns nothing of its state.
    authorize(ctx.actor, 'kb.review');
    const { v, a } = await getOpenVersion(tctx, versionId);
    requireOtherReviewer(ctx, v);
    if (v.status === 'published' || v.status === 'scheduled') return oneView(tctx, v, a.kind);
    if (v.status !== 'in_review') throw new AppError('KB_BAD_STATE', { detail: v.status });
    const [rendered] = await renderBodies(tctx, [v.body]);
    if (rendered && rendered.unresolved.length > 0) {
      throw new AppError('KB_UNKNOWN_PARAMETER', { details: { unresolved: rendered.unresolved } });
    }
    const now = ctx.clock.now().toISOString();
    const reviewed = {
      reviewer_id: ctx.actor.userId,
      reviewer_name: actorName(ctx),
      review_comment: comment ?? null,
      updated_at: now,
    };
    await repo.updateVersion(tctx.db, v.id, reviewed);
    const approved = { ...v, ...reviewed };
    const result = await publishApproved(tctx, a, approved);
    await audit(tctx, {
      action: 'kb.version.approve',
      entityType: 'kb_article',
      entityId: a.id,
      details: { versionId, version: v.version_no, status: result.status, effectiveFrom: v.effective_from },
    });
    return oneView(tctx, result, a.kind);
  });
}

/**
 * Makes an approved version current now, or schedules it for its effective date. Any other version of the
 * article still waiting for its date is superseded: the latest approval wins.
 */
export async function publishApproved(ctx: Ctx, a: ArticleRow, v: VersionRow): Promise<VersionRow> {
  const today = bankDate(ctx.clock.now());
  const now = ctx.clock.now().toISOString();
  await ctx.db
    .updateTable('kb_versions')
    .set({ status: 'superseded', updated_at: now })
    .where('article_id', '=', a.id)
    .where('status', '=', 'scheduled')
    .where('id', '!=', v.id)
    .execute();
  if (takesEffectLater(v.effective_from, today)) {
    await repo.updateVersion(ctx.db, v.id, { status: 'scheduled', updated_at: now });
    await schedule(ctx, {
      kind: ACTIVATE_JOB,
      payload: { versionId: v.id },
      runAt: bankDayStart(v.effective_from as string),
      dedupeKey: `${ACTIVATE_JOB}:${v.id}`,
    });
    return { ...v, status: 'scheduled', updated_at: now };
  }
  return makeCurrent(ctx, a, v);
}

/** Serves `v`: the previous version is superseded, the index row replaced, readers told. */
async function makeCurrent(ctx: Ctx, a: ArticleRow, v: VersionRow): Promise<VersionRow> {
  const now = ctx.clock.now().toISOString();
  if (a.current_version_id && a.current_version_id !== v.id) {
    await repo.updateVersion(ctx.db, a.current_version_id, { status: 'superseded', updated_at: now });
  }
  const published = { ...v, status: 'published', published_at: v.published_at ?? now, updated_at: now };
  await repo.updateVersion(ctx.db, v.id, {
    status: published.status,
    published_at: published.published_at,
    updated_at: now,
  });
  await repo.updateArticle(ctx.db, a.id, { current_version_id: v.id, updated_at: now });
  await repo.replaceIndexRows(ctx.db, [indexRow(indexSource(a.kind, v), now)]);
  await repo.bumpGeneration(ctx.db);
  if (v.effective_to) {
    await schedule(ctx, {
      kind: EXPIRE_JOB,
      payload: { versionId: v.id },
      runAt: bankDayStart(v.effective_to),
      dedupeKey: `${EXPIRE_JOB}:${v.id}`,
    });
  }
  publishEvent(ctx, KB_TOPIC, 'article.published', { id: a.id, versionId: v.id, version: v.version_no });
  return published;
}

/** The reviewer sends a version back to its author with a comment. */
export async function rejectVersion(ctx: Ctx, versionId: string, comment: string): Promise<ArticleView> {
  return inTransaction(ctx, async (tctx) => {
    authorize(ctx.actor, 'kb.review');
    const { v, a } = await getOpenVersion(tctx, versionId);
    requireOtherReviewer(ctx, v);
    if (v.status !== 'in_review') throw new AppError('KB_BAD_STATE', { detail: v.status });
    const now = ctx.clock.now().toISOString();
    const set = {
      status: 'draft',
      reviewer_id: ctx.actor.userId,
      reviewer_name: actorName(ctx),
      review_comment: comment,
      updated_at: now,
    };
    await repo.updateVersion(tctx.db, v.id, set);
    await audit(tctx, {
      action: 'kb.version.reject',
      entityType: 'kb_article',
      entityId: a.id,
      details: { versionId, comment },
    });
    return oneView(tctx, { ...v, ...set }, a.kind);
  });
}

/** Takes an article out of service: it leaves the index at once; its history stays. */
export async function retireArticle(ctx: Ctx, articleId: string, reason: string): Promise<void> {
  authorize(ctx.actor, 'kb.review');
  await inTransaction(ctx.db, async (trx) => {
    const a = await repo.lockArticle(trx, articleId);
    if (!a) throw new AppError('KB_ARTICLE_NOT_FOUND');
    if (a.status === 'retired') return;
    await retireLocked({ ...ctx, db: trx }, a, reason);
  });
}

/**
 * Retires a locked, active article inside the caller's transaction: its open and served versions are
 * withdrawn (kept in history), it leaves the search index and the matcher, and the retirement is audited.
 */
export async function retireLocked(tctx: Ctx, a: ArticleRow, reason: string): Promise<void> {
  const now = tctx.clock.now().toISOString();
  await tctx.db
    .updateTable('kb_versions')
    .set({ status: 'withdrawn', updated_at: now })
    .where('article_id', '=', a.id)
    .where('status', 'in', ['published', 'scheduled', 'draft', 'in_review'])
    .execute();
  await repo.updateArticle(tctx.db, a.id, { status: 'retired', current_version_id: null, updated_at: now });
  await repo.deleteIndexRow(tctx.db, a.id);
  await repo.bumpGeneration(tctx.db);
  await audit(tctx, { action: 'kb.article.retire', entityType: 'kb_article', entityId: a.id, reason });
  publishEvent(tctx, KB_TOPIC, 'article.retired', { id: a.id });
}

/** Job: a scheduled version's effective date has come. */
export async function activateVersion(ctx: Ctx, versionId: string): Promise<void> {
  const v = await repo.lockVersion(ctx.db, versionId);
  if (v?.status !== 'scheduled') return;
  const a = await repo.lockArticle(ctx.db, v.article_id);
  if (a?.status !== 'active') return;
  if (takesEffectLater(v.effective_from, bankDate(ctx.clock.now()))) return;
  await makeCurrent(ctx, a, v);
  await audit(ctx, { action: 'kb.version.activate', entityType: 'kb_article', entityId: a.id, details: { versionId } });
}

/** Job: a served version's effective end has come; the article is no longer served. */
export async function expireVersion(ctx: Ctx, versionId: string): Promise<void> {
  const v = await repo.lockVersion(ctx.db, versionId);
  if (v?.status !== 'published') return;
  const a = await repo.lockArticle(ctx.db, v.article_id);
  if (!a || a.current_version_id !== v.id) return;
  if (v.effective_to && v.effective_to > bankDate(ctx.clock.now())) return;
  const now = ctx.clock.now().toISOString();
  await repo.updateVersion(ctx.db, v.id, { status: 'expired', updated_at: now });
  await repo.updateArticle(ctx.db, a.id, { current_version_id: null, updated_at: now });
  await repo.deleteIndexRow(ctx.db, a.id);
  await repo.bumpGeneration(ctx.db);
  await audit(ctx, { action: 'kb.version.expire', entityType: 'kb_article', entityId: a.id, details: { versionId } });
  publishEvent(ctx, KB_TOPIC, 'article.expired', { id: a.id, versionId });
}

/** The served version of an article, rendered. Customers (public audience) see only public articles. */
export async function getArticle(
  ctx: Ctx,
  articleId: string,
  options: { audiences?: readonly Audience[] } = {},
): Promise<ArticleView> {
  if (ctx.actor.kind !== 'system' || !options.audiences) authorize(ctx.actor, 'kb.read');
  const a = await repo.findArticle(ctx.db, articleId);
  if (a?.status !== 'active' || !a.current_version_id) throw new AppError('KB_ARTICLE_NOT_FOUND');
  const v = await repo.findVersion(ctx.db, a.current_version_id);
  if (!v || (options.audiences && !options.audiences.includes(v.audience as Audience))) {
    throw new AppError('KB_ARTICLE_NOT_FOUND');
  }
  return oneView(ctx, v, a.kind);
}

/** Editors and reviewers see every version, drafts included. */
export async function getVersion(ctx: Ctx, versionId: string): Promise<ArticleView> {
  if (!can(ctx.actor, 'kb.write')) authorize(ctx.actor, 'kb.review');
  const v = await repo.findVersion(ctx.db, versionId);
  const a = v ? await repo.findArticle(ctx.db, v.article_id) : undefined;
  if (!v || !a) throw new AppError('KB_VERSION_NOT_FOUND');
  return oneView(ctx, v, a.kind);
}

export async function listVersions(ctx: Ctx, articleId: string): Promise<ArticleView[]> {
  if (!can(ctx.actor, 'kb.write')) authorize(ctx.actor, 'kb.review');
  const a = await repo.findArticle(ctx.db, articleId);
  if (!a) throw new AppError('KB_ARTICLE_NOT_FOUND');
  const rows = await repo.versionsOf(ctx.db, articleId);
  return toViews(
    ctx,
    rows.map((r) => ({ ...r, kind: a.kind })),
  );
}

export interface ArticleSummary {
  id: string;
  kind: Kind;
  status: string;
  title: string;
  currentVersion: number | null;
  /** The newest version's number and state (a draft or one in review shows here). */
  latestVersion: number;
  latestStatus: VersionStatus;
  latestVersionId: string;
  updatedAt: string;
}

/** The editors' work list: articles with their served and newest version, optionally by kind or state. */
export async function listArticles(
  ctx: Ctx,
  filter: { kind?: Kind | undefined; latestStatus?: VersionStatus | undefined; limit: number; offset: number },
): Promise<ArticleSummary[]> {
  if (!can(ctx.actor, 'kb.write')) authorize(ctx.actor, 'kb.review');
  let q = ctx.db
    .selectFrom('kb_articles as a')
    .innerJoin('kb_versions as v', 'v.article_id', 'a.id')
    .leftJoin('kb_versions as c', 'c.id', 'a.current_version_id')
    .select([
      'a.id',
      'a.kind',
      'a.status',
      'a.updated_at',
      'v.id as latest_id',
      'v.title',
      'v.version_no',
      'v.status as latest_status',
      'c.version_no as current_no',
    ])
    .where(({ eb, selectFrom }) =>
      eb(
        'v.version_no',
        '=',
        selectFrom('kb_versions as m')
          .select(({ fn }) => fn.max('m.version_no').as('n'))
          .whereRef('m.article_id', '=', 'a.id'),
      ),
    );
  if (filter.kind) q = q.where('a.kind', '=', filter.kind);
  if (filter.latestStatus) q = q.where('v.status', '=', filter.latestStatus);
  const rows = await q
    .orderBy('a.updated_at', 'desc')
    .orderBy('a.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as Kind,
    status: r.status,
    title: r.title,
    currentVersion: r.current_no ?? null,
    latestVersion: r.version_no,
    latestStatus: r.latest_status as VersionStatus,
    latestVersionId: r.latest_id,
    updatedAt: r.updated_at,
  }));
}
