import type { CaseDetailDto, CaseDto, CaseFeedback, CaseList, RootCauseView } from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * The cases module's API (complaints with regulatory clocks, referral, closing with feedback). The response
 * types are the server's own schemas, inferred in `@carddesk/contracts`.
 */
export type { CaseEvent, CaseState, CustomerCaseItem } from '@carddesk/contracts';
export type Case = CaseDto;
export type CaseDetail = CaseDetailDto;
export type RootCause = RootCauseView;
export type Feedback = CaseFeedback;

export interface ComplaintIntake {
  customerId: string;
  contactId?: string;
  cardId?: string;
  channel: 'phone' | 'chat' | string;
  productCode?: string;
  category: string;
  summary: string;
  demand: string;
  callbackPhone?: string;
  resolvedOnSpot?: { result: string };
}

export interface Handover {
  whoIsCustomer?: string;
  verification?: string;
  whatWasSaid?: string;
  whatWasDone?: string;
}

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const k = (id: string) => `/api/cases/${encodeURIComponent(id)}`;
const post = <T>(path: string, key: string, body: unknown, ctx: Ctx = {}) =>
  api<T>(path, { method: 'POST', body, idempotencyKey: key, contactId: ctx.contactId, accessReason: ctx.accessReason });

export const openComplaint = (key: string, input: ComplaintIntake, ctx: Ctx) =>
  post<Case>('/api/cases/complaints', key, input, ctx);

/** "Repayment not credited" (还款未入账): the desk records the customer's transfer; it never posts repayments. */
export interface RepaymentTraceIntake {
  customerId: string;
  contactId?: string;
  cardId?: string;
  channel: string;
  transferReference: string;
  amountFen: number;
  paidOn: string;
  paidVia?: string;
}
export const openRepaymentTrace = (key: string, input: RepaymentTraceIntake, ctx: Ctx) =>
  post<Case>('/api/cases/repayment-traces', key, input, ctx);
export const listCases = (query: Record<string, string | number | boolean | undefined>, signal?: AbortSignal) =>
  api<CaseList>('/api/cases', { query, signal });
export const getCase = (id: string, ctx: Ctx = {}, signal?: AbortSignal) =>
  api<CaseDetail>(k(id), { signal, contactId: ctx.contactId, accessReason: ctx.accessReason });
export const referCase = (
  key: string,
  id: string,
  input: { department: string; promisedDate: string; handover: Handover; note?: string },
  ctx: Ctx = {},
) => post<Case>(`${k(id)}/refer`, key, input, ctx);
export const acceptCase = (key: string, id: string) => post<Case>(`${k(id)}/accept`, key, {});
export const resolveCase = (key: string, id: string, input: { result: string }) =>
  post<Case>(`${k(id)}/resolve`, key, input);
export const notifyResult = (key: string, id: string, input: { message?: string }) =>
  post<Case>(`${k(id)}/notify-result`, key, input);
export const recordFeedback = (key: string, id: string, input: { feedback: Feedback; note?: string }) =>
  post<Case>(`${k(id)}/feedback`, key, input);
export const closeCase = (key: string, id: string, input: { rootCause?: string; remediation?: string }) =>
  post<Case>(`${k(id)}/close`, key, input);

export const listRootCauses = (signal?: AbortSignal) => api<RootCause[]>('/api/cases/root-causes', { signal });

export function caseItems(answer: { items: Case[] } | undefined): Case[] {
  return answer?.items ?? [];
}
