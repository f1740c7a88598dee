import {
  healthSchema,
  loginRequestSchema,
  loginResponseSchema,
  meSchema,
  roleSchema,
  userSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import { checkAuditChain } from '../audit.ts';
import {
  createUser,
  currentUser,
  listUsers,
  login,
  logout,
  resetPassword,
  revokeUserSessions,
  setUserDisabled,
} from '../auth/auth.service.ts';
import { createDepartment, departmentInputSchema, listDepartments } from '../departments.ts';
import { bearerToken } from './auth-hook.ts';
import type { ModuleRoutes } from './types.ts';

const departmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  handles: z.array(z.string()),
});

/** Health, sign-in, users, departments and audit verification. */
export const platformRoutes: ModuleRoutes = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: { tags: ['platform'], summary: 'Liveness and database', response: { 200: healthSchema } },
    },
    async (request) => {
      await request.ctx.db.selectFrom('counters').select('name').limit(1).execute();
      return { status: 'ok' as const, db: request.ctx.dbKind };
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { public: true, idempotent: false, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; returns a bearer token',
        body: loginRequestSchema,
        response: { 200: loginResponseSchema },
      },
    },
    async (request) => login(request.ctx, { ...request.body, ip: request.ip }),
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        response: { 204: z.undefined().describe('Signed out: the token no longer works') },
      },
    },
    async (request, reply) => {
      await logout(request.ctx, bearerToken(request.headers.authorization));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, with the policy actions they may take (`permissions`)',
        response: { 200: meSchema },
      },
    },
    async (request) => currentUser(request.ctx),
  );

  app.get('/api/users', { schema: { tags: ['admin'], response: { 200: z.array(userSchema) } } }, async (request) =>
    listUsers(request.ctx),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['admin'],
        body: z.object({
          username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/),
          displayName: z.string().min(1).max(40),
          role: roleSchema,
          password: z.string().min(1).max(200),
          agentNo: z
            .string()
            .regex(/^\d{4,8}$/)
            .nullish(),
          departmentId: z.string().nullish(),
        }),
        response: { 201: userSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createUser(request.ctx, request.body)),
  );

  const userParams = z.object({ id: z.string().min(1).max(64) });
  const noContent = (what: string) => ({ 204: z.undefined().describe(what) });

  app.post(
    '/api/users/:id/disable',
    {
      schema: {
        tags: ['admin'],
        summary: 'Disable a user: their sessions end at once',
        params: userParams,
        response: noContent('Disabled'),
      },
    },
    async (request, reply) => {
      await setUserDisabled(request.ctx, request.params.id, true);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/users/:id/enable',
    { schema: { tags: ['admin'], params: userParams, response: noContent('Enabled') } },
    async (request, reply) => {
      await setUserDisabled(request.ctx, request.params.id, false);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      schema: {
        tags: ['admin'],
        summary: "Reset a user's password: their sessions end",
        params: userParams,
        body: z.object({ password: z.string().min(1).max(200) }),
        response: noContent('Password set'),
      },
    },
    async (request, reply) => {
      await resetPassword(request.ctx, request.params.id, request.body.password);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/users/:id/sessions/revoke',
    {
      schema: {
        tags: ['admin'],
        summary: 'End every session of a user',
        params: userParams,
        response: { 200: z.object({ revoked: z.number().int() }) },
      },
    },
    async (request) => ({ revoked: await revokeUserSessions(request.ctx, request.params.id) }),
  );

  app.get(
    '/api/departments',
    { schema: { tags: ['contacts'], response: { 200: z.array(departmentSchema) } } },
    async (request) => listDepartments(request.ctx),
  );

  app.post(
    '/api/departments',
    { schema: { tags: ['admin'], body: departmentInputSchema, response: { 201: departmentSchema } } },
    async (request, reply) => reply.status(201).send(await createDepartment(request.ctx, request.body)),
  );

  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary: 'Check the audit hash chain',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            firstBroken: z.number().optional(),
            problem: z.string().optional(),
          }),
        },
      },
    },
    async (request) => checkAuditChain(request.ctx),
  );
};
