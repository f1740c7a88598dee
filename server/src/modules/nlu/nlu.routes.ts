/** HTTP: `POST /api/nlu/analyze` for the agent workstation's live assist and the chat bot. */
import { nluRoutes as api, nluAnalysisSchema } from '@carddesk/contracts';
import { authorize } from '../../platform/auth/policy.ts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { analyze } from './engine.ts';

export const nluRoutes: ModuleRoutes = async (app) => {
  // The text is classified and dropped, never stored: binary noise (NUL included) gets an answer.
  // Authenticated by default (the platform's auth hook): this route is not `public`.
  handle(app, api.analyze, { analysisOnly: true }, async (request) => {
    authorize(request.ctx.actor, 'nlu.analyze');
    const result = analyze(request.body.text, { now: request.ctx.clock.now() });
    return nluAnalysisSchema.parse({ ...result, alternatives: [...result.alternatives] });
  });
};
