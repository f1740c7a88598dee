/** HTTP: `POST /api/nlu/analyze` for the agent workstation's live assist and the chat bot. */
import { contactTypeSchema } from '@carddesk/contracts';
import { z } from 'zod';
import { authorize } from '../../platform/auth/policy.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { analyze } from './engine.ts';

const currencySchema = z.enum(['CNY', 'USD', 'HKD', 'EUR', 'GBP', 'JPY']);

const slotsSchema = z.object({
  amounts: z.array(z.object({ text: z.string(), minor: z.number().int(), currency: currencySchema })).optional(),
  installmentTerms: z.array(z.object({ text: z.string(), periods: z.number().int() })).optional(),
  dates: z
    .array(
      z.object({
        text: z.string(),
        kind: z.enum(['date', 'monthly']),
        date: z.string().optional(),
        dayOfMonth: z.number().int().optional(),
      }),
    )
    .optional(),
  cardLast4: z.array(z.object({ text: z.string(), last4: z.string() })).optional(),
  durations: z
    .array(
      z.object({
        text: z.string(),
        value: z.number(),
        unit: z.enum(['minute', 'hour', 'day', 'week', 'month', 'year']),
      }),
    )
    .optional(),
  merchants: z.array(z.object({ text: z.string(), name: z.string() })).optional(),
});

export const analyzeResponseSchema = z.object({
  type: contactTypeSchema,
  intent: z.string(),
  confidence: z.number(),
  alternatives: z.array(z.object({ intent: z.string(), confidence: z.number() })),
  slots: slotsSchema,
  emotion: z.object({
    anger: z.number(),
    anxiety: z.number(),
    level: z.enum(['calm', 'elevated', 'high']),
    escalate: z.boolean(),
    cues: z.array(z.string()),
  }),
});

// `text` is any string here so that empty and over-long text get their own error codes from the engine
// (NLU_TEXT_REQUIRED, NLU_TEXT_TOO_LONG) rather than a generic validation failure.
const analyzeBodySchema = z.object({ text: z.string() });

export const nluRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/nlu/analyze',
    {
      schema: {
        tags: ['nlu'],
        summary: '识别一句客户话语的类型、意图、要素与情绪 / Classify one customer utterance',
        body: analyzeBodySchema,
        response: { 200: analyzeResponseSchema },
      },
    },
    // Authenticated by default (the platform's auth hook): this route is not `public`.
    async (request) => {
      authorize(request.ctx.actor, 'nlu.analyze');
      const result = analyze(request.body.text, { now: request.ctx.clock.now() });
      return analyzeResponseSchema.parse({ ...result, alternatives: [...result.alternatives] });
    },
  );
};
