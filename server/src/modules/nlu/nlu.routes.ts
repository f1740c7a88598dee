/** HTTP: `POST /api/nlu/analyze` for the agent workstation's live assist and the chat bot. */
import { nluAnalysisSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { analyzeUtterance } from './analyze.service.ts';

// `text` is any string here so that empty and over-long text get their own error codes from the engine
// (NLU_TEXT_REQUIRED, NLU_TEXT_TOO_LONG) rather than a generic validation failure.
const analyzeBodySchema = z.object({ text: z.string() });

export const nluRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/nlu/analyze',
    {
      // The text is classified and dropped, never stored: binary noise (NUL included) gets an answer.
      config: { analysisOnly: true },
      schema: {
        tags: ['nlu'],
        summary: '识别一句客户话语的类型、意图、要素与情绪 / Classify one customer utterance',
        body: analyzeBodySchema,
        response: { 200: nluAnalysisSchema },
      },
    },
    // Authenticated by default (the platform's auth hook): this route is not `public`.
    async (request) => analyzeUtterance(request.ctx, request.body.text),
  );
};
