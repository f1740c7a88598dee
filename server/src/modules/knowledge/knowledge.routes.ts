import {
  articleSchema,
  articleSummarySchema,
  calendarDateSchema,
  kbMatchResponseSchema,
  kbSearchResponseSchema,
  kbSuggestionSchema,
  kbSynonymSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import {
  approveVersion,
  createArticle,
  getArticle,
  getVersion,
  listArticles,
  listVersions,
  newDraft,
  rejectVersion,
  retireArticle,
  submitVersion,
  updateDraft,
} from './article.service.ts';
import { articleContentSchema, articleIdSchema, kindSchema, VERSION_STATUSES } from './article.ts';
import {
  outcomeInputSchema,
  recordOutcome,
  recordSuggestion,
  suggestionInputSchema,
} from './match/feedback.service.ts';
import { matchInputSchema, matchQuestion } from './match/match.service.ts';
import { searchInputSchema, searchKnowledge } from './search/search.service.ts';
import { addSynonyms, listSynonymViews, removeSynonym, synonymInputSchema } from './synonyms.service.ts';

const tags = ['knowledge'];
/** The customer self-service routes act as this named service, limited to the public audience. */
const selfServiceCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('kb-self-service') });
const idParams = z.object({ id: articleIdSchema });
const versionParams = z.object({ versionId: z.string().min(1).max(64) });

/** Knowledge base: search and matching for everyone on staff, the editing workflow for editors. */
export const knowledgeRoutes: ModuleRoutes = async (app) => {
  app.get(
    '/api/kb/search',
    {
      schema: {
        tags,
        summary: 'Search published knowledge (Chinese, synonyms, traditional, pinyin initials)',
        querystring: searchInputSchema,
        response: { 200: kbSearchResponseSchema },
      },
    },
    async (request) => searchKnowledge(request.ctx, request.query),
  );

  app.post(
    '/api/kb/match',
    {
      schema: {
        tags,
        summary: 'Best published FAQ answers for a question, or none',
        body: matchInputSchema,
        response: { 200: kbMatchResponseSchema },
      },
    },
    async (request) => matchQuestion(request.ctx, request.body),
  );

  // Self-service chat: no staff session; only customer-visible (public) FAQs; rate-limited per address.
  app.post(
    '/api/public/kb/match',
    {
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Customer self-service: best public FAQ answers for a question, or none',
        security: [],
        body: matchInputSchema,
        response: { 200: kbMatchResponseSchema },
      },
    },
    async (request) => matchQuestion(selfServiceCtx(request.ctx), request.body, { audiences: ['public'] }),
  );

  app.get(
    '/api/public/kb/articles/:id',
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Customer self-service: a public article',
        security: [],
        params: idParams,
        response: { 200: articleSchema },
      },
    },
    async (request) => getArticle(selfServiceCtx(request.ctx), request.params.id, { audiences: ['public'] }),
  );

  app.get(
    '/api/kb/articles/:id',
    {
      schema: {
        tags,
        summary: 'The served version of an article, rendered',
        params: idParams,
        response: { 200: articleSchema },
      },
    },
    async (request) => getArticle(request.ctx, request.params.id),
  );

  app.get(
    '/api/kb/articles',
    {
      schema: {
        tags,
        summary: 'Editors: articles with their newest version',
        querystring: z.object({
          kind: kindSchema.optional(),
          status: z.enum(VERSION_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.array(articleSummarySchema) },
      },
    },
    async (request) =>
      listArticles(request.ctx, {
        kind: request.query.kind,
        latestStatus: request.query.status,
        limit: request.query.limit,
        offset: request.query.offset,
      }),
  );

  app.post(
    '/api/kb/articles',
    {
      schema: {
        tags,
        summary: 'Write a new article (draft)',
        body: articleContentSchema.extend({ id: articleIdSchema.optional(), kind: kindSchema }),
        response: { 201: articleSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createArticle(request.ctx, request.body)),
  );

  app.get(
    '/api/kb/articles/:id/versions',
    {
      schema: {
        tags,
        summary: 'Editors: every version of an article',
        params: idParams,
        response: { 200: z.array(articleSchema) },
      },
    },
    async (request) => listVersions(request.ctx, request.params.id),
  );

  app.post(
    '/api/kb/articles/:id/versions',
    {
      schema: {
        tags,
        summary: 'Start the next version as a draft',
        params: idParams,
        response: { 201: articleSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await newDraft(request.ctx, request.params.id)),
  );

  app.post(
    '/api/kb/articles/:id/retire',
    {
      schema: {
        tags,
        summary: 'Take an article out of service',
        params: idParams,
        body: z.object({ reason: z.string().trim().min(4).max(500) }),
        response: { 204: z.undefined().describe('Retired') },
      },
    },
    async (request, reply) => {
      await retireArticle(request.ctx, request.params.id, request.body.reason);
      return reply.status(204).send();
    },
  );

  // Learning from the desk: a suggestion shown to an agent, then what the agent did with it.
  app.post(
    '/api/kb/suggestions',
    {
      schema: {
        tags,
        summary: 'Record that an FAQ suggestion was shown to the agent (the question is stored masked)',
        body: suggestionInputSchema,
        response: { 201: kbSuggestionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await recordSuggestion(request.ctx, request.body)),
  );

  app.post(
    '/api/kb/suggestions/:id/outcome',
    {
      schema: {
        tags,
        summary: 'Record what the agent did with a suggestion: used it, chose another FAQ, or searched instead',
        params: z.object({ id: z.string().min(1).max(64) }),
        body: outcomeInputSchema,
        response: { 204: z.undefined().describe('Recorded') },
      },
    },
    async (request, reply) => {
      await recordOutcome(request.ctx, request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/kb/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'Editors: one version, drafts included',
        params: versionParams,
        response: { 200: articleSchema },
      },
    },
    async (request) => getVersion(request.ctx, request.params.versionId),
  );

  app.patch(
    '/api/kb/versions/:versionId',
    {
      schema: {
        tags,
        summary: 'The author edits a draft',
        params: versionParams,
        body: articleContentSchema.partial().extend({ effectiveFrom: calendarDateSchema.nullish() }),
        response: { 200: articleSchema },
      },
    },
    async (request) => updateDraft(request.ctx, request.params.versionId, request.body),
  );

  app.post(
    '/api/kb/versions/:versionId/submit',
    { schema: { tags, summary: 'Send a draft for review', params: versionParams, response: { 200: articleSchema } } },
    async (request) => submitVersion(request.ctx, request.params.versionId),
  );

  app.post(
    '/api/kb/versions/:versionId/approve',
    {
      schema: {
        tags,
        summary: 'Approve and publish (another editor or a supervisor)',
        params: versionParams,
        body: z.object({ comment: z.string().trim().max(500).nullish() }).default({}),
        response: { 200: articleSchema },
      },
    },
    async (request) => approveVersion(request.ctx, request.params.versionId, request.body.comment),
  );

  app.post(
    '/api/kb/versions/:versionId/reject',
    {
      schema: {
        tags,
        summary: 'Send a version back to its author',
        params: versionParams,
        body: z.object({ comment: z.string().trim().min(2).max(500) }),
        response: { 200: articleSchema },
      },
    },
    async (request) => rejectVersion(request.ctx, request.params.versionId, request.body.comment),
  );

  app.get(
    '/api/kb/synonyms',
    { schema: { tags, summary: 'The synonym table', response: { 200: z.array(kbSynonymSchema) } } },
    async (request) => listSynonymViews(request.ctx),
  );
  app.post(
    '/api/kb/synonyms',
    { schema: { tags, summary: 'Add a synonym', body: synonymInputSchema, response: { 201: kbSynonymSchema } } },
    async (request, reply) => {
      const [added] = await addSynonyms(request.ctx, [request.body]);
      return reply.status(201).send(added as NonNullable<typeof added>);
    },
  );
  app.delete(
    '/api/kb/synonyms/:id',
    {
      schema: {
        tags,
        summary: 'Remove a synonym',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 204: z.undefined().describe('Removed') },
      },
    },
    async (request, reply) => {
      await removeSynonym(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );
};
