import { api } from '../app/api.ts';

/** The card engine's API as the workstation uses it (server/src/modules/cards). Money is integer fen. */
export type CardStatus = 'pending_activation' | 'active' | 'frozen' | 'lost' | 'stolen' | 'replaced' | 'closed';

export interface CardSummary {
  id: string;
  accountId: string;
  last4: string;
  maskedNumber: string;
  status: CardStatus;
  statusLabel: string;
  isPrimary: boolean;
  productId: string;
  productName: string;
  expiryMonth: string;
}

export interface CustomerHit {
  id: string;
  maskedName: string;
  maskedPhone: string;
  flags: { vip: boolean; vulnerable: boolean };
  cards: CardSummary[];
}

export interface AccountView {
  id: string;
  productId: string;
  productName: string;
  status: string;
  currency: string;
  creditLimitFen: number;
  temporaryLimit: { amountFen: number; validFrom: string; validUntil: string } | null;
  effectiveLimitFen: number;
  availableCreditFen: number;
  cashLimitFen: number;
  availableCashFen: number;
  balanceFen: number;
  overLimit: boolean;
  overdueSince: string | null;
  overdueDays: number;
  minimumDueUnpaidFen: number;
  statementDay: number;
  nextStatementDate: string;
  openedOn: string;
  activatedOn: string | null;
  pointsBalance: number;
}

export interface StatementView {
  id: string;
  accountId: string;
  statementDate: string;
  periodStart: string;
  dueDate: string;
  graceUntil: string;
  newBalanceFen: number;
  minimumPaymentFen: number;
  paidFen: number;
  remainingFen: number;
  interestFen: number;
  feesFen: number;
  status: string;
}

export interface TransactionView {
  id: string;
  accountId: string;
  cardId: string | null;
  cardLast4: string | null;
  kind: string;
  kindLabel: string;
  amountFen: number;
  txnDate: string;
  postingDate: string;
  merchant: string | null;
  city: string | null;
  description: string;
  suspicious: boolean;
}

export interface InstallmentPlanView {
  id: string;
  accountId: string;
  kind: string;
  principalFen: number;
  periods: number;
  periodsBilled: number;
  feeRatePerPeriod: string;
  aprPercent: string;
  earPercent: string;
  remainingPrincipalFen: number;
  status: string;
  createdAt: string;
}

/** The customer 360 view: the card engine's part plus the sections other modules add (promises, contacts, cases). */
export interface Customer360 {
  customer: {
    id: string;
    maskedName: string;
    maskedPhone: string;
    maskedIdNumber: string;
    maskedAddress: string;
    gender: string;
    salutation: string;
    flags: { vip: boolean; vulnerable: boolean; note: string | null };
    customerSince: string;
  };
  accounts: AccountView[];
  cards: CardSummary[];
  latestStatements: StatementView[];
  recentTransactions: TransactionView[];
  installmentPlans: InstallmentPlanView[];
  [section: string]: unknown;
}

export interface ScheduleLine {
  period: number;
  principalFen: number;
  feeFen: number;
  paymentFen: number;
  remainingPrincipalFen: number;
}

/** The engine's quote: what the customer must be told before agreeing (《2022通知》). */
export interface InstallmentQuote {
  quoteId: string;
  accountId: string;
  kind: 'bill' | 'transaction' | 'cash';
  principalFen: number;
  periods: number;
  feeRatePerPeriod: string;
  perPeriodPaymentFen: number;
  totalFeeFen: number;
  totalPaymentFen: number;
  aprPercent: string;
  earPercent: string;
  naiveAnnualPercent: string;
  schedule: ScheduleLine[];
  expiresAt: string;
  notice: string;
}

/** Whether and how far the limit may be raised today, from the same rules the change request enforces. */
export interface LimitEligibility {
  accountId: string;
  currentLimitFen: number;
  permanent: {
    eligible: boolean;
    code: 'LIMIT_INCREASE_TOO_EARLY' | 'LIMIT_INCREASE_NOT_ELIGIBLE' | 'LIMIT_OUT_OF_RANGE' | null;
    reason: string | null;
    earliest: string | null;
    maxLimitFen: number;
    approvalAboveFen: number;
  };
  temporary: { maxExtraFen: number; maxDays: number; latestValidUntil: string; overdue: boolean };
}

export interface LimitChange {
  id: string;
  accountId: string;
  kind: string;
  oldLimitFen: number;
  newLimitFen: number;
  validFrom: string | null;
  validUntil: string | null;
  status: 'applied' | 'pending_approval' | string;
}

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const opts = (ctx: Ctx) => ({ contactId: ctx.contactId, accessReason: ctx.accessReason });
const enc = encodeURIComponent;

export const searchCustomers = (q: string, ctx: Ctx, signal?: AbortSignal) =>
  api<{ by: string; hits: CustomerHit[] }>('/api/customers', { query: { q }, signal, ...opts(ctx) });
/** The masked screen-pop summary (name, phone, flags, cards): shown before the caller is verified. */
export interface CustomerSummary {
  id: string;
  maskedName: string;
  maskedPhone: string;
  salutation: string;
  flags: { vip: boolean; vulnerable: boolean; note?: string | null };
  cards: CardSummary[];
}
export const getCustomerSummary = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<CustomerSummary>(`/api/customers/${enc(id)}/summary`, { signal, ...opts(ctx) });
export const getCustomer360 = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<Customer360>(`/api/customers/${enc(id)}`, { signal, ...opts(ctx) });
export const listTransactions = (accountId: string, ctx: Ctx, signal?: AbortSignal) =>
  api<TransactionView[]>(`/api/accounts/${enc(accountId)}/transactions`, { signal, ...opts(ctx) });

export const freezeCard = (key: string, cardId: string, reason: string, ctx: Ctx) =>
  api<unknown>(`/api/cards/${enc(cardId)}/freeze`, {
    method: 'POST',
    body: { reason },
    idempotencyKey: key,
    ...opts(ctx),
  });
export const unfreezeCard = (key: string, cardId: string, ctx: Ctx) =>
  api<unknown>(`/api/cards/${enc(cardId)}/unfreeze`, { method: 'POST', body: {}, idempotencyKey: key, ...opts(ctx) });

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
export const acceptInstallment = (key: string, quoteId: string, ctx: Ctx) =>
  api<InstallmentPlanView>('/api/installments', {
    method: 'POST',
    body: { quoteId },
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
