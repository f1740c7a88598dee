import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { createPromise, fulfilPromise, listPromises } from './promise.service.ts';

/** Promises to the customer: recorded on a contact, listed by owner, marked kept. */
export const promiseRoutes: ModuleRoutes = async (app) => {
  handle(app, api.createPromise, async (request) => createPromise(request.ctx, request.params.id, request.body));
  handle(app, api.listPromises, async (request) =>
    listPromises(request.ctx, {
      scope: request.query.scope,
      overdueOnly: request.query.overdue === '1' || request.query.overdue === 'true',
    }),
  );
  handle(app, api.fulfilPromise, async (request) => fulfilPromise(request.ctx, request.params.id, request.body.note));
};
