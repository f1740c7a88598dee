/**
 * Knowledge articles: kinds, version states and the pure rules of the review workflow. No I/O here.
 */
import {
  ARTICLE_AUDIENCES as AUDIENCES,
  type ArticleAudience as Audience,
  articleContentSchema,
  articleIdSchema,
  ARTICLE_KINDS as KINDS,
  type ArticleKind as Kind,
  articleKindSchema as kindSchema,
  ARTICLE_VERSION_STATUSES as VERSION_STATUSES,
  type ArticleVersionStatus as VersionStatus,
} from '@carddesk/contracts';
import type { z } from 'zod';

// Kinds, audiences and version states are part of the API contract; the workflow rules below are the module's.
// So are article ids and contents (what the routes take).
export {
  AUDIENCES,
  type Audience,
  articleContentSchema,
  articleIdSchema,
  KINDS,
  type Kind,
  kindSchema,
  VERSION_STATUSES,
  type VersionStatus,
};

/** Versions still being worked on: an article has at most one. */
export const OPEN_STATUSES: readonly VersionStatus[] = ['draft', 'in_review'];

export type ArticleContent = z.infer<typeof articleContentSchema>;

export const createArticleSchema = articleContentSchema.extend({
  id: articleIdSchema.optional(),
  kind: kindSchema,
});
export type CreateArticleInput = z.input<typeof createArticleSchema>;

export const updateDraftSchema = articleContentSchema.partial();

/** What a reader gets: the served (or requested) version, with live parameters rendered. */
export interface ArticleView {
  id: string;
  kind: Kind;
  versionId: string;
  version: number;
  status: VersionStatus;
  title: string;
  /** Markdown as written, placeholders included. */
  body: string;
  /** Markdown with live product parameters filled in from the catalogue. */
  rendered: string;
  /** Placeholders that could not be filled (shown as a marker in `rendered`). */
  unresolved: string[];
  questions: string[];
  tags: string[];
  products: string[];
  intent: string | null;
  audience: Audience;
  source: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  author: string;
  /** Whether the caller wrote this version (only the author edits and submits; four eyes on approval). */
  authoredByMe: boolean;
  reviewer: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

/** Content checks shared by the API and import: an FAQ needs phrasings; an end comes after a start. */
export function contentProblem(
  kind: Kind,
  c: Partial<ArticleContent>,
): 'KB_FAQ_NEEDS_QUESTIONS' | 'KB_BAD_EFFECTIVE_DATES' | undefined {
  if (kind === 'faq' && (c.questions ?? []).length === 0) return 'KB_FAQ_NEEDS_QUESTIONS';
  if (c.effectiveFrom && c.effectiveTo && c.effectiveTo <= c.effectiveFrom) return 'KB_BAD_EFFECTIVE_DATES';
  return undefined;
}

/** Does the version take effect later than `today` (bank calendar)? */
export function takesEffectLater(effectiveFrom: string | null, today: string): boolean {
  return effectiveFrom !== null && effectiveFrom > today;
}

/** Markdown → plain text, for indexing and snippets (headings, emphasis, links, tables, code marks). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/^\s*\|?\s*:?-{3,}.*$/gm, '')
    .replace(/[*_`~|]+/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
