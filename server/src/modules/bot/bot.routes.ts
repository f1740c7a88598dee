import { botRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { turnAssist } from './assist.service.ts';
import { botMetrics } from './metrics.service.ts';
import { readBotRouting, setBotRouting } from './settings.ts';

/** The assistant's staff routes: the routing setting (admins), agent assist per customer message, its figures. */
export const botRoutes: ModuleRoutes = async (app) => {
  handle(app, api.settings, async (request) => readBotRouting(request.ctx));
  handle(app, api.updateSettings, async (request) => setBotRouting(request.ctx, request.body));
  handle(app, api.turnAssist, async (request) => turnAssist(request.ctx, request.params.id, request.params.seq));
  handle(app, api.metrics, async (request) => botMetrics(request.ctx, request.query));
};
