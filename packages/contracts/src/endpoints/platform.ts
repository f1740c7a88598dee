import { get, post, pub } from '../http/endpoint.ts';

/** The platform's endpoints (server/src/platform/http/platform.routes.ts): health, sign-in, users, departments. */
export const platformEndpoints = {
  health: pub(get('/api/health')),
  login: pub(post('/api/auth/login')),
  logout: post('/api/auth/logout'),
  me: get('/api/auth/me'),
  listUsers: get('/api/users'),
  listRoles: get('/api/roles'),
  createUser: post('/api/users'),
  disableUser: post('/api/users/:id/disable'),
  enableUser: post('/api/users/:id/enable'),
  resetPassword: post('/api/users/:id/password'),
  revokeSessions: post('/api/users/:id/sessions/revoke'),
  listDepartments: get('/api/departments'),
  createDepartment: post('/api/departments'),
  verifyAudit: get('/api/audit/verify'),
} as const;
