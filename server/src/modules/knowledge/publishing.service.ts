/**
 * The way of an article's versions to being served and out of it: submit for review, approve (at once or
 * from the effective date, by a job), reject, retire, expire. Every change commits with its audit record,
 * the search index row and the generation bump in one transaction, so a published version is searchable the
 * moment the approval returns and a draft never is.
 */
import { audit } from '../../platform/audit.ts';
import { authorize, requireSecondPerson } from '../../platform/auth/policy.ts';
import { bankDate, bankDayStart } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { schedule } from '../../platform/jobs/jobs.ts';
import type { ArticleRow, VersionRow } from './article.repository.ts';
import * as repo from './article.repository.ts';
import { actorName, getOpenVersion, requireAuthor } from './article.service.ts';
import { type ArticleView, takesEffectLater } from './article.ts';
import { indexSource, oneView } from './article.view.ts';
import { indexRow } from './index-doc.ts';
import { renderBodies } from './params/catalog.ts';

export const KB_TOPIC = 'kb';
export const ACTIVATE_JOB = 'kb.activate_version';
export const EXPIRE_JOB = 'kb.expire_version';

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
  await inTransaction(ctx, async (tctx) => {
    const a = await repo.lockArticle(tctx.db, articleId);
    if (!a) throw new AppError('KB_ARTICLE_NOT_FOUND');
    if (a.status === 'retired') return;
    await retireLocked(tctx, a, reason);
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
