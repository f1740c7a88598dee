import { z } from 'zod';
import { idSchema } from '../common.ts';
import {
  emergencyKindSchema,
  emergencyReportSchema,
  emergencySettingsSchema,
  fraudDecisionSchema,
  markedResultSchema,
  recentTransactionsSchema,
} from '../emergency.ts';
import { emergencyEndpoints } from '../endpoints/emergency.ts';
import { defineRoutes } from '../http/route.ts';

const params = z.object({ id: idSchema });

/** The emergency lane over HTTP. */
export const emergencyRoutes = defineRoutes(
  emergencyEndpoints,
  { tags: ['emergency'] },
  {
    settings: {
      summary: '紧急业务规则:拒付时限、失卡保障、卡组织 / Emergency lane settings',
      response: { 200: emergencySettingsSchema },
    },
    updateSettings: {
      summary: 'Change the emergency lane settings (the parts given replace the stored ones)',
      body: emergencySettingsSchema.partial(),
      response: { 200: emergencySettingsSchema },
    },
    report: {
      summary:
        'Lost, stolen or fraud: stop the card at once as a temporary block (临时挂失, no verification needed) ' +
        'and confirm to the customer; the formal loss report follows after verification',
      body: z.object({ customerId: idSchema, cardId: idSchema, kind: emergencyKindSchema }),
      response: { 201: emergencyReportSchema },
    },
    getReport: { params, response: { 200: emergencyReportSchema } },
    transactions: {
      summary: 'Recent transactions of the card, with the protection window',
      params,
      response: { 200: recentTransactionsSchema },
    },
    markUnrecognised: {
      summary: 'Mark transactions the customer did not make: opens the fraud case and sends the checklist',
      params,
      body: z.object({ transactionIds: z.array(idSchema).min(1).max(100) }),
      response: { 201: markedResultSchema },
    },
    decideFraudCase: {
      summary:
        'Decide a fraud case: bank_liable writes the disputed amounts off; customer_liable returns them ' +
        'with nothing charged for the time they were disputed',
      params,
      body: z.object({ outcome: z.enum(['bank_liable', 'customer_liable']) }),
      response: { 200: fraudDecisionSchema },
    },
    formalReport: {
      summary:
        'Formal loss report once the caller is verified: the temporarily blocked card is blocked for good ' +
        '(never active in between) and the replacement is ordered',
      params,
      response: { 200: emergencyReportSchema },
    },
  },
);
