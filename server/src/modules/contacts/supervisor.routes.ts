import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
import { contactStats, supervisorLive } from './stats.service.ts';
import { listSupervisorContacts } from './supervisor-contacts.service.ts';

/** Supervision: the dashboard figures, the live floor, the contacts behind a figure, alerts. */
export const supervisorRoutes: ModuleRoutes = async (app) => {
  handle(app, api.stats, async (request) => contactStats(request.ctx, request.query.from, request.query.to));
  handle(app, api.live, async (request) => supervisorLive(request.ctx));
  handle(app, api.supervisorContacts, async (request) => listSupervisorContacts(request.ctx, request.query));
  handle(app, api.alerts, async (request) => listAlerts(request.ctx, { open: request.query.open === '1' }));
  handle(app, api.acknowledgeAlert, async (request) => acknowledgeAlert(request.ctx, request.params.id));
};
