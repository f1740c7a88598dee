/**
 * The knowledge base (guide §1.2, §2.1–2.3): products, processes, regulations, scripts and FAQs, with a
 * review workflow, live product parameters, Chinese search and FAQ matching. Other modules import only
 * from here.
 */
import { z } from 'zod';
import { can } from '../../platform/auth/policy.ts';
import { defineJob } from '../../platform/jobs/worker.ts';
import type { ModuleDef } from '../module.ts';
import { kbCommand } from './knowledge.cli.ts';
import { knowledgeRoutes } from './knowledge.routes.ts';
import { seedKnowledge } from './knowledge.seed.ts';
import { knowledgeMigrations } from './migrations/index.ts';
import { cardsCatalog } from './params/cards-catalog.ts';
import { useProductCatalog } from './params/catalog.ts';
import { ACTIVATE_JOB, activateVersion, EXPIRE_JOB, expireVersion, KB_TOPIC } from './publishing.service.ts';

export { getArticle } from './article.service.ts';
export type { ArticleView, Audience, Kind } from './article.ts';
export type { MatchAnswer, MatchResponse } from './match/match.service.ts';
export { matchQuestion } from './match/match.service.ts';
export type { ProductCatalog } from './params/catalog.ts';
export type { SearchResponse, SearchResult } from './search/search.service.ts';
export { searchKnowledge } from './search/search.service.ts';
export { useProductCatalog };

const versionJob = z.object({ versionId: z.string() });

export const knowledgeModule: ModuleDef = {
  name: 'knowledge',
  migrations: knowledgeMigrations,
  routes: knowledgeRoutes,
  jobs: {
    [ACTIVATE_JOB]: defineJob({ payload: versionJob, run: (ctx, p) => activateVersion(ctx, p.versionId) }),
    [EXPIRE_JOB]: defineJob({ payload: versionJob, run: (ctx, p) => expireVersion(ctx, p.versionId) }),
  },
  // `kb`: publications and reviews, for editors' and agents' screens to refresh.
  topics: { [KB_TOPIC]: (ctx) => can(ctx.actor, 'kb.read') },
  cli: { kb: kbCommand },
  seedDemo: (ctx) => seedKnowledge(ctx),
  // Live parameters render from the card engine's product catalogue.
  init: async () => useProductCatalog(cardsCatalog),
};
