import { z } from 'zod';

/** Calendar date in the bank's zone (Asia/Shanghai): YYYY-MM-DD. */
export const calendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  // A date that exists: 2027-02-30 or month 13 would be rolled over silently by date arithmetic.
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'not a calendar date',
    },
  );
/** An instant, always UTC ISO-8601. */
export const instantSchema = z.string();
export const idSchema = z.string().min(1).max(64);
export const fenSchema = z.number().int().safe();

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string().optional(),
    details: z.unknown().optional(),
  }),
});

export const healthSchema = z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) });
