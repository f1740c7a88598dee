import type {
  CardView,
  Customer360View,
  CustomerSearch,
  CustomerSummary,
  InstallmentPlanView,
  InstallmentQuote,
  LimitChange,
  LimitEligibility,
  TransactionView,
} from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * The card engine's API as the workstation uses it (server/src/modules/cards). The response types are the
 * server's own schemas, inferred in `@carddesk/contracts`. Money is integer fen.
 */
export type {
  AccountView,
  CardStatus,
  CardSummary,
  Customer360View,
  CustomerHit,
  CustomerSummary,
  InstallmentPlanView,
  InstallmentQuote,
  LimitChange,
  LimitEligibility,
  ScheduleLine,
  StatementView,
  TransactionView,
} from '@carddesk/contracts';

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const opts = (ctx: Ctx) => ({ contactId: ctx.contactId, accessReason: ctx.accessReason });
const enc = encodeURIComponent;

/** A POST: the query (a mobile, ID or card number) travels in the body, never in the URL. */
export const searchCustomers = (q: string, ctx: Ctx, signal?: AbortSignal) =>
  api<CustomerSearch>('/api/customers/search', { method: 'POST', body: { q }, signal, ...opts(ctx) });
export const getCustomerSummary = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<CustomerSummary>(`/api/customers/${enc(id)}/summary`, { signal, ...opts(ctx) });
export const getCustomer360 = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<Customer360View>(`/api/customers/${enc(id)}`, { signal, ...opts(ctx) });
export const listTransactions = (accountId: string, ctx: Ctx, signal?: AbortSignal) =>
  api<TransactionView[]>(`/api/accounts/${enc(accountId)}/transactions`, { signal, ...opts(ctx) });

export const freezeCard = (key: string, cardId: string, reason: string, ctx: Ctx) =>
  api<CardView>(`/api/cards/${enc(cardId)}/freeze`, {
    method: 'POST',
    body: { reason },
    idempotencyKey: key,
    ...opts(ctx),
  });
export const unfreezeCard = (key: string, cardId: string, ctx: Ctx) =>
  api<CardView>(`/api/cards/${enc(cardId)}/unfreeze`, { method: 'POST', body: {}, idempotencyKey: key, ...opts(ctx) });

export const quoteInstallment = (
  key: string,
  input: {
    accountId: string;
    kind: 'bill' | 'transaction' | 'cash';
    periods: number;
    principalFen?: number;
    sourceId?: string;
  },
  ctx: Ctx,
) =>
  api<InstallmentQuote>('/api/installments/quote', { method: 'POST', body: input, idempotencyKey: key, ...opts(ctx) });
/** The customer said yes to the quote shown: the server keeps the consent with the plan, named by the quote's hash. */
export const acceptInstallment = (
  key: string,
  quote: Pick<InstallmentQuote, 'quoteId' | 'quoteHash'>,
  ctx: Ctx,
  payoutAccount?: { accountNumber: string; holderName: string },
) =>
  api<InstallmentPlanView>('/api/installments', {
    method: 'POST',
    body: {
      quoteId: quote.quoteId,
      quoteHash: quote.quoteHash,
      customerAgreed: true,
      ...(payoutAccount ? { payoutAccount } : {}),
    },
    idempotencyKey: key,
    ...opts(ctx),
  });

export const limitEligibility = (accountId: string, ctx: Ctx, signal?: AbortSignal) =>
  api<LimitEligibility>(`/api/accounts/${enc(accountId)}/limit/eligibility`, { signal, ...opts(ctx) });
export const requestPermanentLimit = (key: string, accountId: string, newLimitFen: number, ctx: Ctx) =>
  api<LimitChange>(`/api/accounts/${enc(accountId)}/limit/permanent`, {
    method: 'POST',
    body: { newLimitFen },
    idempotencyKey: key,
    ...opts(ctx),
  });
export const requestTemporaryLimit = (
  key: string,
  accountId: string,
  input: { extraFen: number; validUntil: string },
  ctx: Ctx,
) =>
  api<LimitChange>(`/api/accounts/${enc(accountId)}/limit/temporary`, {
    method: 'POST',
    body: input,
    idempotencyKey: key,
    ...opts(ctx),
  });
