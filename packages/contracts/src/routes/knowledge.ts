import { z } from 'zod';
import { calendarDateSchema } from '../common.ts';
import { knowledgeEndpoints } from '../endpoints/knowledge.ts';
import { defineRoutes } from '../http/route.ts';
import {
  ARTICLE_VERSION_STATUSES,
  articleContentSchema,
  articleIdSchema,
  articleKindSchema,
  articleSchema,
  articleSummarySchema,
  kbMatchInputSchema,
  kbMatchResponseSchema,
  kbOutcomeInputSchema,
  kbSearchInputSchema,
  kbSearchResponseSchema,
  kbSuggestionInputSchema,
  kbSuggestionSchema,
  kbSynonymInputSchema,
  kbSynonymSchema,
} from '../knowledge.ts';

const idParams = z.object({ id: articleIdSchema });
const versionParams = z.object({ versionId: z.string().min(1).max(64) });

/** Knowledge base: search and matching for everyone on staff, the editing workflow for editors. */
export const knowledgeRoutes = defineRoutes(
  knowledgeEndpoints,
  { tags: ['knowledge'] },
  {
    search: {
      summary: 'Search published knowledge (Chinese, synonyms, traditional, pinyin initials)',
      query: kbSearchInputSchema,
      response: { 200: kbSearchResponseSchema },
    },
    match: {
      summary: 'Best published FAQ answers for a question, or none',
      body: kbMatchInputSchema,
      response: { 200: kbMatchResponseSchema },
    },
    publicMatch: {
      summary: 'Customer self-service: best public FAQ answers for a question, or none',
      body: kbMatchInputSchema,
      response: { 200: kbMatchResponseSchema },
    },
    publicArticle: {
      summary: 'Customer self-service: a public article',
      params: idParams,
      response: { 200: articleSchema },
    },
    article: {
      summary: 'The served version of an article, rendered',
      params: idParams,
      response: { 200: articleSchema },
    },
    listArticles: {
      summary: 'Editors: articles with their newest version',
      query: z.object({
        kind: articleKindSchema.optional(),
        status: z.enum(ARTICLE_VERSION_STATUSES).optional(),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        offset: z.coerce.number().int().min(0).default(0),
      }),
      response: { 200: z.array(articleSummarySchema) },
    },
    createArticle: {
      summary: 'Write a new article (draft)',
      body: articleContentSchema.extend({ id: articleIdSchema.optional(), kind: articleKindSchema }),
      response: { 201: articleSchema },
    },
    listVersions: {
      summary: 'Editors: every version of an article',
      params: idParams,
      response: { 200: z.array(articleSchema) },
    },
    newVersion: {
      summary: 'Start the next version as a draft',
      params: idParams,
      response: { 201: articleSchema },
    },
    retire: {
      summary: 'Take an article out of service',
      params: idParams,
      body: z.object({ reason: z.string().trim().min(4).max(500) }),
      response: { 204: z.undefined().describe('Retired') },
    },
    // Learning from the desk: a suggestion shown to an agent, then what the agent did with it.
    recordSuggestion: {
      summary: 'Record that an FAQ suggestion was shown to the agent (the question is stored masked)',
      body: kbSuggestionInputSchema,
      response: { 201: kbSuggestionSchema },
    },
    recordOutcome: {
      summary: 'Record what the agent did with a suggestion: used it, chose another FAQ, or searched instead',
      params: z.object({ id: z.string().min(1).max(64) }),
      body: kbOutcomeInputSchema,
      response: { 204: z.undefined().describe('Recorded') },
    },
    version: {
      summary: 'Editors: one version, drafts included',
      params: versionParams,
      response: { 200: articleSchema },
    },
    updateDraft: {
      summary: 'The author edits a draft',
      params: versionParams,
      body: articleContentSchema.partial().extend({ effectiveFrom: calendarDateSchema.nullish() }),
      response: { 200: articleSchema },
    },
    submit: { summary: 'Send a draft for review', params: versionParams, response: { 200: articleSchema } },
    approve: {
      summary: 'Approve and publish (another editor or a supervisor)',
      params: versionParams,
      body: z.object({ comment: z.string().trim().max(500).nullish() }).default({}),
      response: { 200: articleSchema },
    },
    reject: {
      summary: 'Send a version back to its author',
      params: versionParams,
      body: z.object({ comment: z.string().trim().min(2).max(500) }),
      response: { 200: articleSchema },
    },
    listSynonyms: { summary: 'The synonym table', response: { 200: z.array(kbSynonymSchema) } },
    addSynonym: { summary: 'Add a synonym', body: kbSynonymInputSchema, response: { 201: kbSynonymSchema } },
    removeSynonym: {
      summary: 'Remove a synonym',
      params: z.object({ id: z.string().min(1).max(64) }),
      response: { 204: z.undefined().describe('Removed') },
    },
  },
);
