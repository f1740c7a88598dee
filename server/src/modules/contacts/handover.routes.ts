import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { acknowledgeHandover, getHandover, listMyHandovers, transferContact } from './handover.service.ts';

/** Referral and hand-over (guide §3.4): transfer with a packet, the receiver's look and acknowledgement. */
export const handoverRoutes: ModuleRoutes = async (app) => {
  handle(app, api.transfer, async (request) => transferContact(request.ctx, request.params.id, request.body));
  handle(app, api.handover, async (request) => getHandover(request.ctx, request.params.id));
  handle(app, api.acknowledgeHandover, async (request) => acknowledgeHandover(request.ctx, request.params.id));
  handle(app, api.myHandovers, async (request) => listMyHandovers(request.ctx));
};
