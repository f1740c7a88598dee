import { z } from 'zod';
import { roleSchema } from './vocabulary.schemas.ts';

/** The platform's own API (server/src/platform/http/platform.routes.ts): users, departments, audit. */

export const createUserInputSchema = z.object({
  username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/),
  displayName: z.string().min(1).max(40),
  role: roleSchema,
  password: z.string().min(1).max(200),
  agentNo: z
    .string()
    .regex(/^\d{4,8}$/)
    .nullish(),
  departmentId: z.string().nullish(),
});

export const departmentSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  handles: z.array(z.string()),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentInputSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  nameZh: z.string().min(1).max(60),
  nameEn: z.string().min(1).max(80),
  handles: z.array(z.string().min(1).max(60)).max(100).default([]),
});

export const auditVerifySchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  firstBroken: z.number().optional(),
  problem: z.string().optional(),
});
