import { api } from '../app/api.ts';

/** The cases module's API (complaints with regulatory clocks, referral, closing with feedback). */
export type CaseState = 'received' | 'referred' | 'in_progress' | 'resolved' | 'notified' | 'under_review' | 'closed';
export type Feedback = 'satisfied' | 'unsatisfied' | 'no_answer';

export interface Case {
  id: string;
  number: string;
  kind: 'complaint' | 'fraud';
  state: CaseState;
  stateLabel: string;
  customerId: string;
  contactId: string | null;
  cardId: string | null;
  channel: string;
  productCode: string | null;
  category: string;
  summary: string;
  demand: string;
  callbackPhone: string | null;
  ownerId: string | null;
  department: string | null;
  priority: 'normal' | 'urgent';
  receivedAt: string;
  dueDate: string;
  duePaused: boolean;
  deadlineAt: string;
  promisedDate: string | null;
  resolution: string | null;
  resolvedOnSpot: boolean;
  feedback: Feedback | null;
  rootCause: string | null;
  remediation: string | null;
  closedAt: string | null;
  breachedAt: string | null;
  extended: boolean;
  complex: boolean;
}

export interface CaseEvent {
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  kind: string;
  body: string | null;
  details: Record<string, unknown>;
}

export interface CaseDetail extends Case {
  events: CaseEvent[];
  messages: Array<{ id: string; kind: string; channel: string; body: string; sentAt: string }>;
}

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
export const listCases = (query: Record<string, string | number | boolean | undefined>, signal?: AbortSignal) =>
  api<{ items: Case[]; total: number }>('/api/cases', { query, signal });
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

export interface RootCause {
  code: string;
  nameZh: string;
  nameEn: string;
  description?: string;
  active?: boolean;
}
export const listRootCauses = (signal?: AbortSignal) => api<RootCause[]>('/api/cases/root-causes', { signal });

export function caseItems(answer: { items: Case[] } | undefined): Case[] {
  return answer?.items ?? [];
}
