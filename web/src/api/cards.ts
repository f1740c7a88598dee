import { api } from '../app/api.ts';

/** The card engine's API as the workstation uses it (server/src/modules/cards). Money is integer fen. */
export interface CustomerHit {
  id: string;
  maskedName: string;
  maskedPhone?: string | null;
  maskedIdNumber?: string | null;
  flags?: string[];
}

export interface CardView {
  id: string;
  accountId: string;
  productCode?: string;
  productName?: string;
  maskedPan: string;
  last4: string;
  isPrimary: boolean;
  status: string;
  statusReason?: string | null;
  expiryMonth?: string;
  activatedOn?: string | null;
  deliveryStatus?: string;
}

export interface AccountView {
  id: string;
  productCode?: string;
  productName?: string;
  status: string;
  creditLimitFen: number;
  tempLimitFen?: number;
  tempLimitUntil?: string | null;
  availableFen?: number;
  cashLimitFen?: number;
  balanceFen: number;
  statementDay?: number;
  overdueSince?: string | null;
  pointsBalance?: number;
  activatedOn?: string | null;
}

export interface StatementView {
  id: string;
  accountId: string;
  statementDate: string;
  periodStart?: string;
  dueDate: string;
  graceUntil?: string;
  newBalanceFen: number;
  minimumPaymentFen: number;
  paidFen?: number;
  status: string;
  interestFen?: number;
  feesFen?: number;
}

export interface TransactionView {
  id: string;
  accountId: string;
  cardId?: string | null;
  kind: string;
  amountFen: number;
  txnDate: string;
  postingDate?: string;
  merchant?: string | null;
  description?: string;
  city?: string | null;
  suspicious?: boolean;
}

export interface InstallmentPlanView {
  id: string;
  accountId: string;
  kind: string;
  principalFen: number;
  periods: number;
  paidPeriods?: number;
  periodFeeFen?: number;
  totalFeeFen?: number;
  apr?: string;
  status: string;
  remainingPrincipalFen?: number;
}

/** The customer 360 view: the cards module's sections plus sections other modules contribute. */
export interface Customer360 {
  customer: {
    id: string;
    maskedName: string;
    maskedPhone?: string | null;
    maskedIdNumber?: string | null;
    maskedAddress?: string | null;
    gender?: string | null;
    flags: string[];
    preferences?: Record<string, unknown>;
  };
  accounts: AccountView[];
  cards: CardView[];
  statements?: StatementView[];
  transactions?: TransactionView[];
  installments?: InstallmentPlanView[];
  sections?: Record<string, unknown>;
  [section: string]: unknown;
}

export interface InstallmentQuote {
  id?: string;
  quoteId?: string;
  kind: string;
  principalFen: number;
  periods: number;
  periodFeeRate?: string;
  firstPaymentFen?: number;
  periodPaymentFen?: number;
  periodPrincipalFen?: number;
  periodFeeFen?: number;
  totalFeeFen: number;
  totalRepaymentFen?: number;
  apr: string;
  ear?: string;
  method?: string;
  expiresAt?: string;
  schedule?: Array<{ period: number; dueDate?: string; principalFen: number; feeFen: number; paymentFen?: number }>;
  disclosure?: string;
}

export interface LimitEligibility {
  eligible: boolean;
  kind: 'temporary' | 'permanent';
  currentLimitFen: number;
  maxLimitFen?: number;
  suggestedLimitFen?: number;
  reasons: string[];
  validUntil?: string | null;
  needsApproval?: boolean;
}

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };

const opts = (ctx: Ctx) => ({ contactId: ctx.contactId, accessReason: ctx.accessReason });

export const searchCustomers = (q: string, ctx: Ctx, signal?: AbortSignal) =>
  api<CustomerHit[]>('/api/customers', { query: { q }, signal, ...opts(ctx) });
export const getCustomer360 = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  api<Customer360>(`/api/customers/${encodeURIComponent(id)}`, { signal, ...opts(ctx) });
export const listTransactions = (accountId: string, ctx: Ctx, signal?: AbortSignal) =>
  api<TransactionView[]>(`/api/accounts/${encodeURIComponent(accountId)}/transactions`, { signal, ...opts(ctx) });

export const freezeCard = (key: string, cardId: string, reason: string, ctx: Ctx) =>
  api<CardView>(`/api/cards/${encodeURIComponent(cardId)}/freeze`, {
    method: 'POST',
    body: { reason },
    idempotencyKey: key,
    ...opts(ctx),
  });
export const unfreezeCard = (key: string, cardId: string, ctx: Ctx) =>
  api<CardView>(`/api/cards/${encodeURIComponent(cardId)}/unfreeze`, {
    method: 'POST',
    body: {},
    idempotencyKey: key,
    ...opts(ctx),
  });
export const reportLost = (
  key: string,
  cardId: string,
  input: { reason: 'lost' | 'stolen'; replace: boolean },
  ctx: Ctx,
) =>
  api<CardView>(`/api/cards/${encodeURIComponent(cardId)}/report-lost`, {
    method: 'POST',
    body: input,
    idempotencyKey: key,
    ...opts(ctx),
  });

export const quoteInstallment = (
  key: string,
  input: {
    accountId: string;
    kind: 'bill' | 'transaction' | 'cash';
    principalFen: number;
    periods: number;
    transactionId?: string;
  },
  ctx: Ctx,
) =>
  api<InstallmentQuote>('/api/installments/quote', { method: 'POST', body: input, idempotencyKey: key, ...opts(ctx) });
export const acceptInstallment = (key: string, quoteId: string, ctx: Ctx) =>
  api<InstallmentPlanView>('/api/installments', {
    method: 'POST',
    body: { quoteId, customerConsented: true },
    idempotencyKey: key,
    ...opts(ctx),
  });

export const limitEligibility = (accountId: string, kind: 'temporary' | 'permanent', ctx: Ctx, signal?: AbortSignal) =>
  api<LimitEligibility>(`/api/accounts/${encodeURIComponent(accountId)}/limit/${kind}/eligibility`, {
    signal,
    ...opts(ctx),
  });
export const requestLimit = (
  key: string,
  accountId: string,
  kind: 'temporary' | 'permanent',
  input: { newLimitFen: number },
  ctx: Ctx,
) =>
  api<AccountView>(`/api/accounts/${encodeURIComponent(accountId)}/limit/${kind}`, {
    method: 'POST',
    body: input,
    idempotencyKey: key,
    ...opts(ctx),
  });
