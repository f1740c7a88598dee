import { platformRoutes as api } from '@carddesk/contracts';
import { checkAuditChain } from '../audit.ts';
import {
  createUser,
  currentUser,
  listRoles,
  listUsers,
  login,
  logout,
  resetPassword,
  revokeUserSessions,
  setUserDisabled,
} from '../auth/auth.service.ts';
import { createDepartment, listDepartments } from '../departments.ts';
import { bearerToken } from './auth-hook.ts';
import { handle } from './route.ts';
import type { ModuleRoutes } from './types.ts';

/** Health, sign-in, users, departments and audit verification: the handlers of `platformRoutes` (contracts). */
export const platformRoutes: ModuleRoutes = async (app) => {
  handle(app, api.health, async (request) => {
    await request.ctx.db.selectFrom('counters').select('name').limit(1).execute();
    return { status: 'ok' as const, db: request.ctx.dbKind };
  });

  handle(app, api.login, { rateLimit: { max: 20, timeWindow: '1 minute' } }, async (request) =>
    login(request.ctx, { ...request.body, ip: request.ip }),
  );

  handle(app, api.logout, async (request) => {
    await logout(request.ctx, bearerToken(request.headers.authorization));
  });

  handle(app, api.me, async (request) => currentUser(request.ctx));

  handle(app, api.listUsers, async (request) => listUsers(request.ctx));
  handle(app, api.listRoles, async (request) => listRoles(request.ctx));
  handle(app, api.createUser, async (request) => createUser(request.ctx, request.body));
  handle(app, api.disableUser, async (request) => setUserDisabled(request.ctx, request.params.id, true));
  handle(app, api.enableUser, async (request) => setUserDisabled(request.ctx, request.params.id, false));
  handle(app, api.resetPassword, async (request) =>
    resetPassword(request.ctx, request.params.id, request.body.password),
  );
  handle(app, api.revokeSessions, async (request) => ({
    revoked: await revokeUserSessions(request.ctx, request.params.id),
  }));

  handle(app, api.listDepartments, async (request) => listDepartments(request.ctx));
  handle(app, api.createDepartment, async (request) => createDepartment(request.ctx, request.body));

  handle(app, api.verifyAudit, async (request) => checkAuditChain(request.ctx));
};
