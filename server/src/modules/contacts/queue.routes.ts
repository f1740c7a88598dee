import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { listQueues, listWaiting } from './queues.ts';
import { takeNext } from './take.service.ts';

/** Queues: their waiting counts, the contacts waiting in one, and "next customer". */
export const queueRoutes: ModuleRoutes = async (app) => {
  handle(app, api.queues, async (request) => listQueues(request.ctx));
  handle(app, api.waiting, async (request) => listWaiting(request.ctx, request.params.code));
  handle(app, api.takeNext, async (request) => takeNext(request.ctx, request.params.code));
};
