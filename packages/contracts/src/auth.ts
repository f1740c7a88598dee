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

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: meSchema,
});
