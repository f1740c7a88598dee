import { z } from 'zod';
import { nluEndpoints } from '../endpoints/nlu.ts';
import { defineRoutes } from '../http/route.ts';
import { nluAnalysisSchema } from '../nlu.ts';

export const nluRoutes = defineRoutes(
  nluEndpoints,
  { tags: ['nlu'] },
  {
    analyze: {
      summary: '识别一句客户话语的类型、意图、要素与情绪 / Classify one customer utterance',
      // `text` is any string here so that empty and over-long text get their own error codes from the engine
      // (NLU_TEXT_REQUIRED, NLU_TEXT_TOO_LONG) rather than a generic validation failure.
      body: z.object({ text: z.string() }),
      response: { 200: nluAnalysisSchema },
    },
  },
);
