import { calendarDateSchema } from '@carddesk/contracts';
import { z } from 'zod';

/**
 * Request schemas of the cards API. The response schemas are the API's contract with its clients and live in
 * `@carddesk/contracts` (packages/contracts/src/cards.ts), where the web application takes its types from.
 */
export const idParams = z.object({ id: z.string().min(1).max(64) });

export const transactionQuery = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
