import { api } from '../app/api.ts';
import type { TransactionView } from './cards.ts';

/** The emergency lane (guide §3.3, server/src/modules/emergency): block at once, guide, open a fraud case. */
export type EmergencyKind = 'lost' | 'stolen' | 'fraud';

export interface EmergencyReport {
  id: string;
  customerId: string;
  cardId: string;
  cardLast4: string;
  contactId: string | null;
  kind: EmergencyKind;
  action: 'reported_lost' | 'frozen';
  reportedAt: string;
  protection: { covered: boolean; hours: number; maxCoverFen: number | null; from: string | null; to: string | null };
  replacementCardId: string | null;
  caseId: string | null;
  confirmation: string;
}

export interface ReviewTransaction extends TransactionView {
  inProtectionWindow: boolean;
  alreadyDisputed: boolean;
}

/** Marking unrecognised transactions opens the fraud case and sends the customer the checklist. */
export interface MarkedResult {
  case: { id: string; number: string; dueDate: string };
  transactions: Array<{
    transactionId: string;
    amountFen: number;
    chargebackDeadline: string;
    bankClaimDeadline: string;
  }>;
  checklist: string;
}

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const opts = (ctx: Ctx) => ({ contactId: ctx.contactId, accessReason: ctx.accessReason });
const r = (id: string) => `/api/emergency/reports/${encodeURIComponent(id)}`;

export const reportEmergency = (
  key: string,
  input: { customerId: string; cardId: string; kind: EmergencyKind },
  ctx: Ctx,
) => api<EmergencyReport>('/api/emergency/reports', { method: 'POST', body: input, idempotencyKey: key, ...opts(ctx) });
export const reportTransactions = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<{ protection: EmergencyReport['protection']; transactions: ReviewTransaction[] }>(`${r(id)}/transactions`, {
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
export const orderReplacement = (key: string, id: string, ctx: Ctx) =>
  api<unknown>(`${r(id)}/replacement`, { method: 'POST', body: {}, idempotencyKey: key, ...opts(ctx) });
