/**
 * Use cases of the knowledge base's articles: write drafts and read articles and versions. Review,
 * publication and retirement are in `publishing.service.ts`. Every change commits with its audit record in one
 * transaction.
 */
import { audit } from '../../platform/audit.ts';
import { authorize, can } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
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
  updateDraftSchema,
  type VersionStatus,
} from './article.ts';
import { contentOf, oneView, toViews } from './article.view.ts';

export function actorName(ctx: Ctx): string {
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

function check(kind: Kind, c: Partial<ArticleContent>): void {
  const problem = contentProblem(kind, c);
  if (problem) throw new AppError(problem);
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

export async function getOpenVersion(ctx: Ctx, versionId: string): Promise<{ v: VersionRow; a: ArticleRow }> {
  const v = await repo.lockVersion(ctx.db, versionId);
  if (!v) throw new AppError('KB_VERSION_NOT_FOUND');
  const a = await repo.lockArticle(ctx.db, v.article_id);
  if (!a) throw new AppError('KB_VERSION_NOT_FOUND');
  if (a.status !== 'active') throw new AppError('KB_ARTICLE_RETIRED');
  return { v, a };
}

export function requireAuthor(ctx: Ctx, v: VersionRow): void {
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
