/**
 * Article views: a version row as the editors and readers see it (live parameters rendered), its content,
 * and its search-index source.
 */
import type { Ctx } from '../../platform/context.ts';
import type { VersionRow } from './article.repository.ts';
import type { ArticleContent, ArticleView, Audience, Kind, VersionStatus } from './article.ts';
import type { IndexSource } from './index-doc.ts';
import { renderVersions } from './params/render-cache.ts';

const parseList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
};

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

export async function oneView(ctx: Ctx, v: VersionRow, kind: string): Promise<ArticleView> {
  const [view] = await toViews(ctx, [{ ...v, kind }]);
  return view as ArticleView;
}
