import { platformEndpoints as pl } from '@carddesk/contracts/endpoints';
import { type Body, call } from '../../app/api.ts';

/** Users and departments (the platform's routes in the contract). */
export type { Department } from '@carddesk/contracts';
export type NewUser = Body<typeof pl.createUser>;

export const listUsers = (signal?: AbortSignal) => call(pl.listUsers, {}, { signal });
export const listRoles = (signal?: AbortSignal) => call(pl.listRoles, {}, { signal });
export const createUser = (key: string, body: NewUser) => call(pl.createUser, { body }, { idempotencyKey: key });
export const listDepartments = (signal?: AbortSignal) => call(pl.listDepartments, {}, { signal });
export const createDepartment = (key: string, body: Body<typeof pl.createDepartment>) =>
  call(pl.createDepartment, { body }, { idempotencyKey: key });
