import { cardSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { annualFeeWaiverCheck } from '../card-ops/annual-fee.service.ts';
import { cancelCard } from '../card-ops/cancel.service.ts';
import { activateCard, freezeCard, orderReplacement, reportCardLost, unfreezeCard } from '../card-ops/card.service.ts';
import { idParams } from './schemas.ts';

const tags = ['cards'];
const reason = z.string().trim().min(1).max(200);

/** Card operations: activation, freeze, loss report, replacement, cancellation, annual-fee waiver check. */
export const cardRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/cards/:id/freeze',
    {
      schema: {
        tags,
        summary: 'Temporary freeze (takes effect at once; idempotent)',
        params: idParams,
        body: z.object({ reason: reason.optional() }).optional(),
        response: { 200: cardSchema },
      },
    },
    async (request) => freezeCard(request.ctx, { cardId: request.params.id, reason: request.body?.reason ?? null }),
  );
  app.post(
    '/api/cards/:id/unfreeze',
    { schema: { tags, summary: 'Lift a temporary freeze', params: idParams, response: { 200: cardSchema } } },
    async (request) => unfreezeCard(request.ctx, { cardId: request.params.id }),
  );
  app.post(
    '/api/cards/:id/report-lost',
    {
      schema: {
        tags,
        summary: 'Loss report: the card is blocked at once and a replacement ordered',
        params: idParams,
        body: z.object({ kind: z.enum(['lost', 'stolen']).default('lost'), note: reason.optional() }).optional(),
        response: {
          200: z.object({ card: cardSchema, replacementCardId: z.string(), expectedDelivery: z.string().nullable() }),
        },
      },
    },
    async (request) =>
      reportCardLost(request.ctx, {
        cardId: request.params.id,
        kind: request.body?.kind ?? 'lost',
        note: request.body?.note ?? null,
      }),
  );
  app.post(
    '/api/cards/:id/activate',
    {
      schema: { tags, summary: 'Activate a new or replacement card', params: idParams, response: { 200: cardSchema } },
    },
    async (request) => activateCard(request.ctx, { cardId: request.params.id }),
  );
  app.post(
    '/api/cards/:id/replace',
    {
      schema: {
        tags,
        summary: 'Order a replacement card (damaged, expiring, after loss, new design)',
        params: idParams,
        body: z.object({ reason: z.enum(['damaged', 'expiring', 'after_loss', 'new_design']) }),
        response: {
          200: z.object({ card: cardSchema, replacementCardId: z.string(), expectedDelivery: z.string().nullable() }),
        },
      },
    },
    async (request) => orderReplacement(request.ctx, { cardId: request.params.id, reason: request.body.reason }),
  );
  app.post(
    '/api/cards/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a card (the primary card closes the account; only with nothing owed)',
        params: idParams,
        body: z.object({ reason: reason.optional() }).optional(),
        response: { 200: cardSchema },
      },
    },
    async (request) => cancelCard(request.ctx, { cardId: request.params.id, reason: request.body?.reason ?? null }),
  );
  app.get(
    '/api/cards/:id/annual-fee-waiver',
    {
      schema: {
        tags,
        summary: 'Annual fee and how far the customer is from its waiver',
        params: idParams,
        response: {
          200: z.object({
            cardId: z.string(),
            isPrimary: z.boolean(),
            annualFeeFen: z.number().int(),
            firstYearFree: z.boolean(),
            nextFeeDate: z.string().nullable(),
            purchasesNeeded: z.number().int().nullable(),
            purchasesSoFar: z.number().int(),
            purchasesToGo: z.number().int().nullable(),
            spendNeededFen: z.number().int().nullable(),
            spendSoFarFen: z.number().int(),
            spendToGoFen: z.number().int().nullable(),
            waivedIfAnniversaryToday: z.boolean(),
            explanation: z.string(),
          }),
        },
      },
    },
    async (request) => annualFeeWaiverCheck(request.ctx, { cardId: request.params.id }),
  );
};
