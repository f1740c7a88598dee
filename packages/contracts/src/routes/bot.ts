import { z } from 'zod';
import { botMetricsQuerySchema, botMetricsSchema, botRoutingSchema, turnAssistSchema } from '../bot.ts';
import { botEndpoints } from '../endpoints/bot.ts';
import { defineRoutes } from '../http/route.ts';

export const botRoutes = defineRoutes(
  botEndpoints,
  { tags: ['bot'] },
  {
    settings: {
      summary: '智能助手接待规则:各渠道默认与时段 / Who answers first per channel and time of day',
      response: { 200: botRoutingSchema },
    },
    updateSettings: {
      summary: 'Change who answers first (the whole routing document; audited)',
      body: botRoutingSchema,
      response: { 200: botRoutingSchema },
    },
    turnAssist: {
      summary: 'Agent assist for one customer message of the contact: intent, FAQ answer, suggested operation',
      params: z.object({ id: z.string().min(1).max(64), seq: z.coerce.number().int().min(1) }),
      response: { 200: turnAssistSchema },
    },
    metrics: {
      summary: 'The assistant measured: containment, hand-over reasons, wrong-answer reports, satisfaction',
      query: botMetricsQuerySchema,
      response: { 200: botMetricsSchema },
    },
  },
);
