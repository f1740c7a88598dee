import type { InstallmentQuote } from '@carddesk/contracts';
import { cardsEndpoints as cards } from '@carddesk/contracts/endpoints';
import { type Body, type CallOptions, call } from '../app/api.ts';

/**
 * The card engine's API as the workstation uses it (server/src/modules/cards). Paths, bodies and answers are
 * the contract's (`packages/contracts/src/routes/cards.ts`). Money is integer fen.
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

/** The contact the agent works in, or a supervisor's written reason: how the server grants customer access. */
type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };
const opts = (ctx: Ctx, more: CallOptions = {}): CallOptions => ({
  contactId: ctx.contactId,
  accessReason: ctx.accessReason,
  ...more,
});

/** A POST: the query (a mobile, ID or card number) travels in the body, never in the URL. */
export const searchCustomers = (q: string, ctx: Ctx, signal?: AbortSignal) =>
  call(cards.searchCustomers, { body: { q } }, opts(ctx, { signal }));
export const getCustomerSummary = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  call(cards.customerSummary, { params: { id } }, opts(ctx, { signal }));
export const getCustomer360 = (id: string, ctx: Ctx, signal?: AbortSignal) =>
  call(cards.customer360, { params: { id } }, opts(ctx, { signal }));
export const listTransactions = (accountId: string, ctx: Ctx, signal?: AbortSignal) =>
  call(cards.accountTransactions, { params: { id: accountId } }, opts(ctx, { signal }));

export const freezeCard = (key: string, cardId: string, reason: string, ctx: Ctx) =>
  call(cards.freeze, { params: { id: cardId }, body: { reason } }, opts(ctx, { idempotencyKey: key }));
export const unfreezeCard = (key: string, cardId: string, ctx: Ctx) =>
  call(cards.unfreeze, { params: { id: cardId } }, opts(ctx, { idempotencyKey: key }));

export const quoteInstallment = (key: string, input: Body<typeof cards.quoteInstallment>, ctx: Ctx) =>
  call(cards.quoteInstallment, { body: input }, opts(ctx, { idempotencyKey: key }));
/** The customer said yes to the quote shown: the server keeps the consent with the plan, named by the quote's hash. */
export const acceptInstallment = (
  key: string,
  quote: Pick<InstallmentQuote, 'quoteId' | 'quoteHash'>,
  ctx: Ctx,
  payoutAccount?: Body<typeof cards.acceptInstallment>['payoutAccount'],
) =>
  call(
    cards.acceptInstallment,
    {
      body: {
        quoteId: quote.quoteId,
        quoteHash: quote.quoteHash,
        customerAgreed: true,
        ...(payoutAccount ? { payoutAccount } : {}),
      },
    },
    opts(ctx, { idempotencyKey: key }),
  );

export const limitEligibility = (accountId: string, ctx: Ctx, signal?: AbortSignal) =>
  call(cards.limitEligibility, { params: { id: accountId } }, opts(ctx, { signal }));
export const requestPermanentLimit = (key: string, accountId: string, newLimitFen: number, ctx: Ctx) =>
  call(cards.permanentLimit, { params: { id: accountId }, body: { newLimitFen } }, opts(ctx, { idempotencyKey: key }));
export const requestTemporaryLimit = (
  key: string,
  accountId: string,
  input: Body<typeof cards.temporaryLimit>,
  ctx: Ctx,
) => call(cards.temporaryLimit, { params: { id: accountId }, body: input }, opts(ctx, { idempotencyKey: key }));
