import { z } from 'zod';
import { PERMISSIONS } from './permissions.ts';
import { roleSchema } from './vocabulary.schemas.ts';

export const loginRequestSchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  agentNo: z.string().nullable(),
  departmentId: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

/** The signed-in user with the policy actions they may take (`/api/auth/me`, the sign-in answer). */
export const meSchema = userSchema.extend({ permissions: z.array(z.enum(PERMISSIONS)) });
export type Me = z.infer<typeof meSchema>;

/** What a role may do, from the policy (the admin's user editor asks for a department when it is needed). */
export const roleInfoSchema = z.object({
  role: roleSchema,
  /** Its work is its own department's (hand-overs, cases): a user of this role must belong to one. */
  needsDepartment: z.boolean(),
  permissions: z.array(z.enum(PERMISSIONS)),
});
export type RoleInfo = z.infer<typeof roleInfoSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: meSchema,
});
