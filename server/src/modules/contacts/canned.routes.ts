import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { deleteCannedReply, listCannedReplies, saveCannedReply } from './canned.service.ts';

/** 常用语: the team's canned chat replies. */
export const cannedRoutes: ModuleRoutes = async (app) => {
  handle(app, api.cannedReplies, async (request) => listCannedReplies(request.ctx));
  handle(app, api.addCannedReply, async (request) => saveCannedReply(request.ctx, null, request.body));
  handle(app, api.editCannedReply, async (request) => saveCannedReply(request.ctx, request.params.id, request.body));
  handle(app, api.removeCannedReply, async (request) => deleteCannedReply(request.ctx, request.params.id));
};
