import { z } from 'zod';
import { contactTypeSchema } from './vocabulary.schemas.ts';

/**
 * The NLU's reading of one utterance (`POST /api/nlu/analyze`): contact type, intent with its confidence and
 * the runners-up, the slots found in the text, and the customer's emotion with the cues that showed it.
 * The server answers through this schema; the workstation's live assist reads the inferred type.
 */
const currencySchema = z.enum(['CNY', 'USD', 'HKD', 'EUR', 'GBP', 'JPY']);

export const nluSlotsSchema = z.object({
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

export const nluAnalysisSchema = z.object({
  type: contactTypeSchema,
  intent: z.string(),
  confidence: z.number(),
  alternatives: z.array(z.object({ intent: z.string(), confidence: z.number() })),
  slots: nluSlotsSchema,
  emotion: z.object({
    anger: z.number(),
    anxiety: z.number(),
    level: z.enum(['calm', 'elevated', 'high']),
    escalate: z.boolean(),
    cues: z.array(z.string()),
  }),
});

export type NluAnalysis = z.infer<typeof nluAnalysisSchema>;
