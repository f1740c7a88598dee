import { emergencyEndpoints as em } from '@carddesk/contracts/endpoints';
import { type Body, call } from '../app/api.ts';

/**
 * The emergency lane (guide §3.3, server/src/modules/emergency): block at once, guide, open a fraud case.
 * Paths, bodies and answers are the contract's (`packages/contracts/src/routes/emergency.ts`).
 */
export type { EmergencyKind, EmergencyReport, MarkedResult, ReviewTransaction } from '@carddesk/contracts';

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const opts = (ctx: Ctx) => ({ contactId: ctx.contactId, accessReason: ctx.accessReason });

export const reportEmergency = (key: string, input: Body<typeof em.report>, ctx: Ctx) =>
  call(em.report, { body: input }, { idempotencyKey: key, ...opts(ctx) });
export const reportTransactions = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  call(em.transactions, { params: { id } }, { signal, ...opts(ctx) });
export const markUnrecognised = (key: string, id: string, transactionIds: string[], ctx: Ctx) =>
  call(em.markUnrecognised, { params: { id }, body: { transactionIds } }, { idempotencyKey: key, ...opts(ctx) });
/** The formal loss report once the caller is verified: blocked for good, replacement ordered. */
export const formalLossReport = (key: string, id: string, ctx: Ctx) =>
  call(em.formalReport, { params: { id } }, { idempotencyKey: key, ...opts(ctx) });
