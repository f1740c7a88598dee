import type { Role, User } from '@carddesk/contracts';
import { api } from '../../app/api.ts';

export interface Department {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  handles: string[];
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  agentNo?: string | null;
  departmentId?: string | null;
}

export const listUsers = (signal?: AbortSignal) => api<User[]>('/api/users', { signal });
export const createUser = (key: string, body: NewUser) =>
  api<User>('/api/users', { method: 'POST', body, idempotencyKey: key });
export const listDepartments = (signal?: AbortSignal) => api<Department[]>('/api/departments', { signal });
export const createDepartment = (key: string, body: Omit<Department, 'id'>) =>
  api<Department>('/api/departments', { method: 'POST', body, idempotencyKey: key });
