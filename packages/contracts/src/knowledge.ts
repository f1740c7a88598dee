import { z } from 'zod';
import { calendarDateSchema } from './common.ts';

/**
 * The knowledge base's API responses (server/src/modules/knowledge): articles and their versions, search hits,
 * FAQ matches and synonyms. The server answers through these schemas; the web application reads the inferred
 * types. Article ids are stable names (`faq-card-loss`).
 */

export const ARTICLE_KINDS = ['product', 'process', 'regulation', 'script', 'faq'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];
export const articleKindSchema = z.enum(ARTICLE_KINDS);

/** public: customers may see it (self-service chat); internal: staff only. */
export const ARTICLE_AUDIENCES = ['public', 'internal'] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];
export const articleAudienceSchema = z.enum(ARTICLE_AUDIENCES);

/**
 * draft → in_review → published (or scheduled until its effective date, then published); in_review → draft
 * when the reviewer sends it back; published → superseded by the next version, expired after its effective
 * end, withdrawn when the article is retired.
 */
export const ARTICLE_VERSION_STATUSES = [
  'draft',
  'in_review',
  'scheduled',
  'published',
  'superseded',
  'expired',
  'withdrawn',
] as const;
export type ArticleVersionStatus = (typeof ARTICLE_VERSION_STATUSES)[number];
export const articleVersionStatusSchema = z.enum(ARTICLE_VERSION_STATUSES);

/** One version of an article, with its body rendered (live product parameters filled in). */
export const articleSchema = z.object({
  id: z.string(),
  kind: articleKindSchema,
  versionId: z.string(),
  version: z.number(),
  status: articleVersionStatusSchema,
  title: z.string(),
  body: z.string(),
  rendered: z.string(),
  unresolved: z.array(z.string()),
  questions: z.array(z.string()),
  tags: z.array(z.string()),
  products: z.array(z.string()),
  intent: z.string().nullable(),
  audience: articleAudienceSchema,
  source: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  author: z.string(),
  /** Whether the caller wrote this version: only the author edits and submits it, and may not approve it (four eyes). */
  authoredByMe: z.boolean(),
  reviewer: z.string().nullable(),
  reviewComment: z.string().nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ArticleDto = z.infer<typeof articleSchema>;

export const articleSummarySchema = z.object({
  id: z.string(),
  kind: articleKindSchema,
  status: z.string(),
  title: z.string(),
  currentVersion: z.number().nullable(),
  latestVersion: z.number(),
  latestStatus: articleVersionStatusSchema,
  latestVersionId: z.string(),
  updatedAt: z.string(),
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;

const range = z.tuple([z.number(), z.number()]);

export const kbHitSchema = z.object({
  id: z.string(),
  kind: articleKindSchema,
  title: z.string(),
  version: z.number(),
  snippet: z.string(),
  /** Character ranges of the snippet and of the title that matched the query. */
  highlights: z.array(range),
  titleHighlights: z.array(range),
  score: z.number(),
  tags: z.array(z.string()),
  products: z.array(z.string()),
  source: z.string().nullable(),
  audience: articleAudienceSchema,
  updatedAt: z.string(),
});
export type KbHit = z.infer<typeof kbHitSchema>;

export const kbSearchResponseSchema = z.object({
  terms: z.array(z.string()),
  mode: z.enum(['all', 'any']),
  results: z.array(kbHitSchema),
});
export type KbSearchResponse = z.infer<typeof kbSearchResponseSchema>;

/** `POST /api/kb/match`: the published FAQ answers for a question, or none when none is likely enough. */
export const kbMatchResponseSchema = z.object({
  none: z.boolean(),
  matches: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      answer: z.string(),
      confidence: z.number(),
      intent: z.string().nullable(),
      source: z.string().nullable(),
      version: z.number(),
    }),
  ),
  /** Two FAQs too close to call: ask the customer which one they mean. */
  clarify: z.object({ question: z.string(), ids: z.tuple([z.string(), z.string()]) }).nullable(),
});
export type KbMatch = z.infer<typeof kbMatchResponseSchema>;

/** `POST /api/kb/suggestions`: the id of a recorded FAQ suggestion, for its outcome. */
export const kbSuggestionSchema = z.object({ id: z.string() });
export type KbSuggestion = z.infer<typeof kbSuggestionSchema>;

export const kbSynonymSchema = z.object({ id: z.string(), phrase: z.string(), canonical: z.string() });
export type KbSynonym = z.infer<typeof kbSynonymSchema>;

// ---- What the routes take (`routes/knowledge.ts`); the services parse their input with the same schemas. ----

/** Article ids are stable names (`faq-card-loss`) so imported files, links and match results agree. */
export const articleIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{1,79}$/, 'letters, digits, _ . - (2–80)');

const words = z.array(z.string().trim().min(1).max(40)).max(30);

export const articleContentSchema = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(50_000),
  questions: z.array(z.string().trim().min(2).max(200)).max(50).default([]),
  tags: words.default([]),
  products: z
    .array(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/))
    .max(30)
    .default([]),
  intent: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .nullish(),
  audience: articleAudienceSchema.default('internal'),
  source: z.string().trim().max(500).nullish(),
  effectiveFrom: calendarDateSchema.nullish(),
  effectiveTo: calendarDateSchema.nullish(),
});

export const kbSearchInputSchema = z.object({
  q: z.string().trim().min(1).max(200),
  kind: z
    .union([articleKindSchema, z.array(articleKindSchema)])
    .optional()
    .transform((k) => (k === undefined ? undefined : Array.isArray(k) ? k : [k])),
  product: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const kbMatchInputSchema = z.object({
  question: z.string().trim().min(1).max(500),
  limit: z.number().int().min(1).max(10).default(3),
});

/** What the agent did with an FAQ suggestion they were shown (the server learns from it). */
export const SUGGESTION_OUTCOMES = ['used', 'chose_other', 'searched'] as const;
export type SuggestionOutcome = (typeof SUGGESTION_OUTCOMES)[number];

export const kbSuggestionInputSchema = z.object({
  question: z.string().trim().min(1).max(500),
  faqId: articleIdSchema,
});

export const kbOutcomeInputSchema = z
  .object({
    outcome: z.enum(SUGGESTION_OUTCOMES),
    /** The FAQ the agent used instead (with `chose_other` only). */
    faqId: articleIdSchema.optional(),
  })
  .refine((x) => (x.outcome === 'chose_other') === (x.faqId !== undefined), {
    message: 'faqId is given with chose_other, and only with it',
  });

export const kbSynonymInputSchema = z.object({
  phrase: z.string().trim().min(1).max(40),
  canonical: z.string().trim().min(1).max(40),
});
