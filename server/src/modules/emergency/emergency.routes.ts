import { emergencyRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import {
  confirmLossReport,
  decideFraudCase,
  getEmergencyReport,
  markUnrecognised,
  recentTransactions,
  reportEmergency,
} from './emergency.service.ts';
import { readEmergencySettings, updateEmergencySettings } from './emergency.settings.ts';

/** The emergency lane: the handlers of `emergencyRoutes` (packages/contracts/src/routes/emergency.ts). */
export const emergencyRoutes: ModuleRoutes = async (app) => {
  handle(app, api.settings, async (request) => readEmergencySettings(request.ctx));
  handle(app, api.updateSettings, async (request) => updateEmergencySettings(request.ctx, request.body));

  handle(app, api.report, async (request) => reportEmergency(request.ctx, request.body));
  handle(app, api.getReport, async (request) => getEmergencyReport(request.ctx, request.params.id));
  handle(app, api.transactions, async (request) => recentTransactions(request.ctx, request.params.id));
  handle(app, api.markUnrecognised, async (request) =>
    markUnrecognised(request.ctx, request.params.id, request.body.transactionIds),
  );
  handle(app, api.decideFraudCase, async (request) =>
    decideFraudCase(request.ctx, request.params.id, request.body.outcome),
  );
  handle(app, api.formalReport, async (request) => confirmLossReport(request.ctx, request.params.id));
};
