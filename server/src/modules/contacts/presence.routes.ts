import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { myState, setMyState } from './presence.service.ts';

/** The agent's own state (示闲 / 示忙 / 小休 / 话后整理). */
export const presenceRoutes: ModuleRoutes = async (app) => {
  handle(app, api.myState, async (request) => myState(request.ctx));
  handle(app, api.setMyState, async (request) => setMyState(request.ctx, request.body));
};
