/** HTTP: `POST /api/nlu/analyze` for the agent workstation's live assist and the chat bot. */
import { nluRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { analyzeUtterance } from './analyze.service.ts';

export const nluRoutes: ModuleRoutes = async (app) => {
  // The text is classified and dropped, never stored: binary noise (NUL included) gets an answer.
  // Authenticated by default (the platform's auth hook): this route is not `public`.
  handle(app, api.analyze, { analysisOnly: true }, async (request) => analyzeUtterance(request.ctx, request.body.text));
};
