import { idSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import {
  getEmergencyReport,
  markUnrecognised,
  orderReplacementForReport,
  recentTransactions,
  reportEmergency,
} from './emergency.service.ts';

const tags = ['emergency'];
const params = z.object({ id: idSchema });

/** The emergency lane over HTTP (work inside a contact: send `X-Contact-Id`). */
export const emergencyRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/emergency/reports',
    {
      schema: {
        tags,
        summary: 'Lost, stolen or fraud: block the card at once (no verification needed) and confirm to the customer',
        body: z.object({ customerId: idSchema, cardId: idSchema, kind: z.enum(['lost', 'stolen', 'fraud']) }),
      },
    },
    async (request, reply) => reply.status(201).send(await reportEmergency(request.ctx, request.body)),
  );
  app.get('/api/emergency/reports/:id', { schema: { tags, params } }, async (request) =>
    getEmergencyReport(request.ctx, request.params.id),
  );
  app.get(
    '/api/emergency/reports/:id/transactions',
    { schema: { tags, summary: 'Recent transactions of the card, with the protection window', params } },
    async (request) => recentTransactions(request.ctx, request.params.id),
  );
  app.post(
    '/api/emergency/reports/:id/unrecognised',
    {
      schema: {
        tags,
        summary: 'Mark transactions the customer did not make: opens the fraud case and sends the checklist',
        params,
        body: z.object({ transactionIds: z.array(idSchema).min(1).max(100) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await markUnrecognised(request.ctx, request.params.id, request.body.transactionIds)),
  );
  app.post(
    '/api/emergency/reports/:id/replacement',
    { schema: { tags, summary: 'Order the replacement card', params } },
    async (request) => orderReplacementForReport(request.ctx, request.params.id),
  );
};
