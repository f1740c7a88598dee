import {
  emergencyKindSchema,
  emergencyReportSchema,
  fraudDecisionSchema,
  idSchema,
  markedResultSchema,
  recentTransactionsSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import {
  confirmLossReport,
  decideFraudCase,
  getEmergencyReport,
  markUnrecognised,
  recentTransactions,
  reportEmergency,
} from './emergency.service.ts';
import { emergencySettingsSchema, readEmergencySettings, updateEmergencySettings } from './emergency.settings.ts';

const tags = ['emergency'];
const params = z.object({ id: idSchema });

/** The emergency lane over HTTP (work inside a contact: send `X-Contact-Id`). */
export const emergencyRoutes: ModuleRoutes = async (app) => {
  app.get(
    '/api/emergency/settings',
    {
      schema: {
        tags,
        summary: '紧急业务规则:拒付时限、失卡保障、卡组织 / Emergency lane settings',
        response: { 200: emergencySettingsSchema },
      },
    },
    async (request) => readEmergencySettings(request.ctx),
  );
  app.put(
    '/api/emergency/settings',
    {
      schema: {
        tags,
        summary: 'Change the emergency lane settings (the parts given replace the stored ones)',
        body: emergencySettingsSchema.partial(),
        response: { 200: emergencySettingsSchema },
      },
    },
    async (request) => updateEmergencySettings(request.ctx, request.body),
  );

  app.post(
    '/api/emergency/reports',
    {
      schema: {
        tags,
        summary:
          'Lost, stolen or fraud: stop the card at once as a temporary block (临时挂失, no verification needed) ' +
          'and confirm to the customer; the formal loss report follows after verification',
        body: z.object({ customerId: idSchema, cardId: idSchema, kind: emergencyKindSchema }),
        response: { 201: emergencyReportSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await reportEmergency(request.ctx, request.body)),
  );
  app.get(
    '/api/emergency/reports/:id',
    { schema: { tags, params, response: { 200: emergencyReportSchema } } },
    async (request) => getEmergencyReport(request.ctx, request.params.id),
  );
  app.get(
    '/api/emergency/reports/:id/transactions',
    {
      schema: {
        tags,
        summary: 'Recent transactions of the card, with the protection window',
        params,
        response: { 200: recentTransactionsSchema },
      },
    },
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
        response: { 201: markedResultSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await markUnrecognised(request.ctx, request.params.id, request.body.transactionIds)),
  );
  app.post(
    '/api/emergency/fraud-cases/:id/decision',
    {
      schema: {
        tags,
        summary:
          'Decide a fraud case: bank_liable writes the disputed amounts off; customer_liable returns them ' +
          'with nothing charged for the time they were disputed',
        params,
        body: z.object({ outcome: z.enum(['bank_liable', 'customer_liable']) }),
        response: { 200: fraudDecisionSchema },
      },
    },
    async (request) => decideFraudCase(request.ctx, request.params.id, request.body.outcome),
  );
  app.post(
    '/api/emergency/reports/:id/formal-report',
    {
      schema: {
        tags,
        summary:
          'Formal loss report once the caller is verified: the temporarily blocked card is blocked for good ' +
          '(never active in between) and the replacement is ordered',
        params,
        response: { 200: emergencyReportSchema },
      },
    },
    async (request) => confirmLossReport(request.ctx, request.params.id),
  );
};
