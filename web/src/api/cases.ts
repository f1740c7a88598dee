import type { CaseDetailDto, CaseDto, CaseFeedback, RootCauseView } from '@carddesk/contracts';
import { casesEndpoints as cases } from '@carddesk/contracts/endpoints';
import { type Body, type CallOptions, call, type Query } from '../app/api.ts';

/**
 * The cases module's API (complaints with regulatory clocks, referral, closing with feedback). Paths, bodies
 * and answers are the contract's (`packages/contracts/src/routes/cases.ts`).
 */
export type { CaseEvent, CaseState, CustomerCaseItem } from '@carddesk/contracts';
export type Case = CaseDto;
export type CaseDetail = CaseDetailDto;
export type RootCause = RootCauseView;
export type Feedback = CaseFeedback;

export type ComplaintIntake = Body<typeof cases.openComplaint>;
/** "Repayment not credited" (还款未入账): the desk records the customer's transfer; it never posts repayments. */
export type RepaymentTraceIntake = Body<typeof cases.openRepaymentTrace>;
export type Handover = Body<typeof cases.refer>['handover'];
/** The filters of the case list (all optional). */
export type CaseListQuery = Query<typeof cases.list>;

/** Where the agent works: inside a contact (`X-Contact-Id`) or with a supervisor's written reason. */
type Ctx = Pick<CallOptions, 'contactId' | 'accessReason'>;

export const openComplaint = (key: string, input: ComplaintIntake, ctx: Ctx) =>
  call(cases.openComplaint, { body: input }, { ...ctx, idempotencyKey: key });
export const openRepaymentTrace = (key: string, input: RepaymentTraceIntake, ctx: Ctx) =>
  call(cases.openRepaymentTrace, { body: input }, { ...ctx, idempotencyKey: key });
export const listCases = (query: CaseListQuery, signal?: AbortSignal) => call(cases.list, { query }, { signal });
export const getCase = (id: string, ctx: Ctx = {}, signal?: AbortSignal) =>
  call(cases.get, { params: { id } }, { ...ctx, signal });
export const referCase = (key: string, id: string, input: Body<typeof cases.refer>, ctx: Ctx = {}) =>
  call(cases.refer, { params: { id }, body: input }, { ...ctx, idempotencyKey: key });
export const acceptCase = (key: string, id: string) => call(cases.accept, { params: { id } }, { idempotencyKey: key });
export const resolveCase = (key: string, id: string, input: Body<typeof cases.resolve>) =>
  call(cases.resolve, { params: { id }, body: input }, { idempotencyKey: key });
export const notifyResult = (key: string, id: string, input: Body<typeof cases.notifyResult>) =>
  call(cases.notifyResult, { params: { id }, body: input }, { idempotencyKey: key });
export const recordFeedback = (key: string, id: string, input: Body<typeof cases.feedback>) =>
  call(cases.feedback, { params: { id }, body: input }, { idempotencyKey: key });
export const closeCase = (key: string, id: string, input: Body<typeof cases.close>) =>
  call(cases.close, { params: { id }, body: input }, { idempotencyKey: key });
/** The head-office complaint manager approves a branch's 30-day extension, with a note. */
export const approveExtension = (key: string, id: string, note: string) =>
  call(cases.approveExtension, { params: { id }, body: { note } }, { idempotencyKey: key });

export const listRootCauses = (signal?: AbortSignal) => call(cases.listRootCauses, {}, { signal });
export const complaintAnalysis = (query: Query<typeof cases.analysis>, signal?: AbortSignal) =>
  call(cases.analysis, { query }, { signal });

export function caseItems(answer: { items: Case[] } | undefined): Case[] {
  return answer?.items ?? [];
}
