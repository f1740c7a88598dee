import type { EmergencyKind, EmergencyReport, MarkedResult, RecentTransactions } from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * The emergency lane (guide §3.3, server/src/modules/emergency): block at once, guide, open a fraud case.
 * The response types are the server's own schemas, inferred in `@carddesk/contracts`.
 */
export type { EmergencyKind, EmergencyReport, MarkedResult, ReviewTransaction } from '@carddesk/contracts';

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const opts = (ctx: Ctx) => ({ contactId: ctx.contactId, accessReason: ctx.accessReason });
const r = (id: string) => `/api/emergency/reports/${encodeURIComponent(id)}`;

export const reportEmergency = (
  key: string,
  input: { customerId: string; cardId: string; kind: EmergencyKind },
  ctx: Ctx,
) => api<EmergencyReport>('/api/emergency/reports', { method: 'POST', body: input, idempotencyKey: key, ...opts(ctx) });
export const reportTransactions = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<RecentTransactions>(`${r(id)}/transactions`, {
    signal,
    ...opts(ctx),
  });
export const markUnrecognised = (key: string, id: string, transactionIds: string[], ctx: Ctx) =>
  api<MarkedResult>(`${r(id)}/unrecognised`, {
    method: 'POST',
    body: { transactionIds },
    idempotencyKey: key,
    ...opts(ctx),
  });
/** The formal loss report once the caller is verified: blocked for good, replacement ordered. */
export const formalLossReport = (key: string, id: string, ctx: Ctx) =>
  api<EmergencyReport>(`${r(id)}/formal-report`, { method: 'POST', body: {}, idempotencyKey: key, ...opts(ctx) });
