import { knowledgeRoutes as api } from '@carddesk/contracts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import {
  createArticle,
  getArticle,
  getVersion,
  listArticles,
  listVersions,
  newDraft,
  updateDraft,
} from './article.service.ts';
import { recordOutcome, recordSuggestion } from './match/feedback.service.ts';
import { matchQuestion } from './match/match.service.ts';
import { approveVersion, rejectVersion, retireArticle, submitVersion } from './publishing.service.ts';
import { searchKnowledge } from './search/search.service.ts';
import { addSynonyms, listSynonymViews, removeSynonym } from './synonyms.service.ts';

/** The customer self-service routes act as this named service, limited to the public audience. */
const selfServiceCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('kb-self-service') });

/** Knowledge base: the handlers of `knowledgeRoutes` (packages/contracts/src/routes/knowledge.ts). */
export const knowledgeRoutes: ModuleRoutes = async (app) => {
  handle(app, api.search, async (request) => searchKnowledge(request.ctx, request.query));
  handle(app, api.match, async (request) => matchQuestion(request.ctx, request.body));

  // Self-service chat: no staff session (public in the contract); rate-limited per address.
  handle(app, api.publicMatch, { rateLimit: { max: 30, timeWindow: '1 minute' } }, async (request) =>
    matchQuestion(selfServiceCtx(request.ctx), request.body, { audiences: ['public'] }),
  );
  handle(app, api.publicArticle, { rateLimit: { max: 60, timeWindow: '1 minute' } }, async (request) =>
    getArticle(selfServiceCtx(request.ctx), request.params.id, { audiences: ['public'] }),
  );

  handle(app, api.article, async (request) => getArticle(request.ctx, request.params.id));
  handle(app, api.listArticles, async (request) =>
    listArticles(request.ctx, {
      kind: request.query.kind,
      latestStatus: request.query.status,
      limit: request.query.limit,
      offset: request.query.offset,
    }),
  );
  handle(app, api.createArticle, async (request) => createArticle(request.ctx, request.body));
  handle(app, api.listVersions, async (request) => listVersions(request.ctx, request.params.id));
  handle(app, api.newVersion, async (request) => newDraft(request.ctx, request.params.id));
  handle(app, api.retire, async (request) => retireArticle(request.ctx, request.params.id, request.body.reason));

  handle(app, api.recordSuggestion, async (request) => recordSuggestion(request.ctx, request.body));
  handle(app, api.recordOutcome, async (request) => recordOutcome(request.ctx, request.params.id, request.body));

  handle(app, api.version, async (request) => getVersion(request.ctx, request.params.versionId));
  handle(app, api.updateDraft, async (request) => updateDraft(request.ctx, request.params.versionId, request.body));
  handle(app, api.submit, async (request) => submitVersion(request.ctx, request.params.versionId));
  handle(app, api.approve, async (request) =>
    approveVersion(request.ctx, request.params.versionId, request.body.comment),
  );
  handle(app, api.reject, async (request) =>
    rejectVersion(request.ctx, request.params.versionId, request.body.comment),
  );

  handle(app, api.listSynonyms, async (request) => listSynonymViews(request.ctx));
  handle(app, api.addSynonym, async (request) => {
    const [added] = await addSynonyms(request.ctx, [request.body]);
    return added as NonNullable<typeof added>;
  });
  handle(app, api.removeSynonym, async (request) => removeSynonym(request.ctx, request.params.id));
};
