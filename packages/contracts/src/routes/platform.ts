import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, meSchema, roleInfoSchema, userSchema } from '../auth.ts';
import { healthSchema } from '../common.ts';
import { platformEndpoints } from '../endpoints/platform.ts';
import { defineRoutes } from '../http/route.ts';
import { auditVerifySchema, createUserInputSchema, departmentInputSchema, departmentSchema } from '../platform.ts';

const userParams = z.object({ id: z.string().min(1).max(64) });
const noContent = (what: string) => ({ 204: z.undefined().describe(what) }) as const;

/** Health, sign-in, users, departments and audit verification. */
export const platformRoutes = defineRoutes(
  platformEndpoints,
  { tags: ['admin'] },
  {
    health: { tags: ['platform'], summary: 'Liveness and database', response: { 200: healthSchema } },
    // Failed attempts must count whatever the answer, and the answer (a live token) is never stored.
    login: {
      tags: ['auth'],
      summary: 'Sign in; returns a bearer token',
      idempotent: false,
      body: loginRequestSchema,
      response: { 200: loginResponseSchema },
    },
    logout: {
      tags: ['auth'],
      summary: 'End this session',
      response: { 204: z.undefined().describe('Signed out: the token no longer works') },
    },
    me: {
      tags: ['auth'],
      summary: 'The signed-in user, with the policy actions they may take (`permissions`)',
      response: { 200: meSchema },
    },
    listUsers: { response: { 200: z.array(userSchema) } },
    listRoles: {
      summary: 'The staff roles with what the policy lets each do, and whether it needs a department',
      response: { 200: z.array(roleInfoSchema) },
    },
    createUser: { body: createUserInputSchema, response: { 201: userSchema } },
    disableUser: {
      summary: 'Disable a user: their sessions end at once',
      params: userParams,
      response: noContent('Disabled'),
    },
    enableUser: { params: userParams, response: noContent('Enabled') },
    resetPassword: {
      summary: "Reset a user's password: their sessions end",
      params: userParams,
      body: z.object({ password: z.string().min(1).max(200) }),
      response: noContent('Password set'),
    },
    revokeSessions: {
      summary: 'End every session of a user',
      params: userParams,
      response: { 200: z.object({ revoked: z.number().int() }) },
    },
    listDepartments: { tags: ['contacts'], response: { 200: z.array(departmentSchema) } },
    createDepartment: { body: departmentInputSchema, response: { 201: departmentSchema } },
    verifyAudit: { summary: 'Check the audit hash chain', response: { 200: auditVerifySchema } },
  },
);
