import { createHash } from 'node:crypto';
import {
  CASH_INSTALLMENT_MAX_PRINCIPAL_FEN,
  type InstallmentIneligibility,
  type InstallmentKind,
  type InstallmentOptions,
  type ProductTerms,
} from '@carddesk/contracts';
import { audit } from '../../../platform/audit.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forUpdate, inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { withAccount } from '../billing/advance.ts';
import { availableOn, effectiveLimit, post } from '../billing/engine.ts';
import { termsResolver } from '../billing/store.ts';
import type { InstallmentPlansTable, InstallmentQuotesTable } from '../cards.tables.ts';
import type { InstallmentPlanView } from '../customers/customer360.service.ts';
import { requireAccountAccess } from '../ledger/access.ts';
import { reduceMinimum } from '../ledger/book.ts';
import { requireCashRoom } from '../ledger/cash-room.ts';
import { type Payee, recordPayout, requireOwnSettlementAccount } from '../ledger/payouts.ts';
import { applyRate } from '../rules/decimal.ts';
import { discloseInstallment, type InstallmentDisclosure } from '../rules/installment-math.ts';

export interface InstallmentQuote extends InstallmentDisclosure {
  quoteId: string;
  accountId: string;
  kind: InstallmentKind;
  sourceId: string | null;
  expiresAt: string;
  /** The disclosure wording read to the customer, annualised rate first (《2022通知》, PBoC〔2021〕No. 3). */
  notice: string;
  /** What paying off early costs. */
  earlyRepayment: string;
  /** SHA-256 of what was shown; acceptance names it, so the plan is made on exactly the terms agreed. */
  quoteHash: string;
}

const EARLY_REPAYMENT: Record<ProductTerms['installments']['prepayFee'], string> = {
  none: '可随时提前还清剩余本金,未到期各期的分期利息不再收取',
  remaining: '可随时提前还清剩余本金,但须一并支付未到期各期的分期利息',
};

const yuanText = (fen: number) => (fen / 100).toFixed(2);

/** The words the agent reads out: the annualised rate before anything else, then the costs and the terms. */
function noticeOf(kind: InstallmentKind, d: InstallmentDisclosure, earlyRepayment: string): string {
  const payout = kind === 'cash' ? ';款项仅转入您本人名下的结算账户,计入取现额度' : '';
  return `年化利率(IRR)${d.aprPercent}%;分期${d.periods}期,总利息${yuanText(d.totalFeeFen)}元,每期应还${yuanText(d.perPeriodPaymentFen)}元;${earlyRepayment}${payout}`;
}

/** The hash of what the customer is shown: the quote's identity, every disclosed figure and the words read. */
export function quoteHashOf(
  q: { quoteId: string; accountId: string; kind: string; sourceId: string | null },
  d: InstallmentDisclosure,
  notice: string,
): string {
  const shown = JSON.stringify([q.quoteId, q.accountId, q.kind, q.sourceId, d, notice]);
  return createHash('sha256').update(shown).digest('hex');
}

function rateFor(terms: ProductTerms, kind: InstallmentKind, periods: number) {
  const rate = terms.installments[kind].find((r) => r.periods === periods);
  if (!rate || (kind === 'cash' && periods > terms.installments.cashMaxPeriods))
    throw new AppError('INSTALLMENT_TERM_NOT_ALLOWED', {
      details: { offered: terms.installments[kind].map((r) => r.periods) },
    });
  return rate;
}

/**
 * What may be split: the range of principal for the source (card-rules.md §2) — a purchase is split whole,
 * a statement up to what is left of its principal, cash within the regulatory and product maximum — or
 * refused when the source cannot be split at all. The quote checks the amount against it, acceptance again.
 */
async function eligibleRange(
  ctx: Ctx,
  input: { accountId: string; kind: InstallmentKind; sourceId?: string | null | undefined },
  terms: ProductTerms,
): Promise<{ minFen: number; maxFen: number; sourceId: string | null }> {
  const today = bankDate(ctx.clock.now());
  const min = terms.installments.minPrincipalFen;
  if (input.kind === 'transaction') {
    if (!input.sourceId) throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'need the purchase' });
    const txn = await ctx.db
      .selectFrom('transactions')
      .selectAll()
      .where('id', '=', input.sourceId)
      .where('account_id', '=', input.accountId)
      .executeTakeFirst();
    if (txn?.kind !== 'purchase')
      throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'not a purchase on this account' });
    const converted = await ctx.db
      .selectFrom('transactions')
      .select('id')
      .where('account_id', '=', input.accountId)
      .where('related_txn_id', '=', txn.id)
      .where('kind', 'in', ['installment_conversion', 'refund'])
      .executeTakeFirst();
    if (converted) throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'already split or refunded' });
    if (txn.statement_id) {
      const st = await ctx.db
        .selectFrom('statements')
        .select('due_date')
        .where('id', '=', txn.statement_id)
        .executeTakeFirstOrThrow();
      if (today > st.due_date) throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'statement past due' });
    }
    // A purchase is split whole.
    const amount = Number(txn.amount_fen);
    return { minFen: Math.max(min, amount), maxFen: amount, sourceId: txn.id };
  }
  if (input.kind === 'bill') {
    const account = await ctx.db
      .selectFrom('accounts')
      .select('last_statement_id')
      .where('id', '=', input.accountId)
      .executeTakeFirstOrThrow();
    const st = account.last_statement_id
      ? await ctx.db.selectFrom('statements').selectAll().where('id', '=', account.last_statement_id).executeTakeFirst()
      : undefined;
    if (!st || today > st.due_date)
      throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'no statement before its due date' });
    const done = await ctx.db
      .selectFrom('installment_plans')
      .select('id')
      .where('source_id', '=', st.id)
      .executeTakeFirst();
    if (done) throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'statement already split' });
    // Interest and fees cannot be split, nor this cycle's installment principal already billed (no
    // installment of an installment, 《2022通知》); what is left of the statement's principal can.
    const max =
      Number(st.new_balance_fen) -
      Number(st.paid_fen) -
      Number(st.interest_fen) -
      Number(st.fees_fen) -
      Number(st.installments_fen);
    return { minFen: min, maxFen: Math.max(0, max), sourceId: st.id };
  }
  // 《2022通知》: at most RMB 50,000, whatever a product says.
  const max = Math.min(terms.installments.cashMaxPrincipalFen, CASH_INSTALLMENT_MAX_PRINCIPAL_FEN);
  return { minFen: min, maxFen: max, sourceId: null };
}

/** The principal to split: the amount asked for (a statement or purchase without one: all of it), in range. */
async function eligiblePrincipal(
  ctx: Ctx,
  input: {
    accountId: string;
    kind: InstallmentKind;
    sourceId?: string | null | undefined;
    principalFen?: number | undefined;
  },
  terms: ProductTerms,
): Promise<{ principal: number; sourceId: string | null }> {
  const { minFen, maxFen, sourceId } = await eligibleRange(ctx, input, terms);
  const principal =
    input.kind === 'transaction' ? maxFen : (input.principalFen ?? (input.kind === 'bill' ? maxFen : 0));
  if (principal < minFen || principal > maxFen)
    throw new AppError('INSTALLMENT_AMOUNT_OUT_OF_RANGE', { details: { minFen, maxFen } });
  return { principal, sourceId };
}

/** The terms a product offers for a kind: the periods it has a rate for (cash within its maximum term). */
function offeredPeriods(terms: ProductTerms, kind: InstallmentKind): number[] {
  return terms.installments[kind]
    .map((r) => r.periods)
    .filter((n) => kind !== 'cash' || n <= terms.installments.cashMaxPeriods)
    .sort((a, b) => a - b);
}

export type { InstallmentOptions };

/**
 * Before a quote: what this account's product offers for the kind (the periods), and what may be split
 * (the range, the amount a statement or purchase would split whole), so the agent starts from the truth.
 */
export async function installmentOptions(
  ctx: Ctx,
  input: { accountId: string; kind: InstallmentKind; sourceId?: string | undefined },
): Promise<InstallmentOptions> {
  const { customerId, contactId } = await requireAccountAccess(ctx, input.accountId, 'installment.quote');
  const account = await ctx.db
    .selectFrom('accounts')
    .select(['product_id', 'status'])
    .where('id', '=', input.accountId)
    .executeTakeFirstOrThrow();
  if (account.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
  const terms = (await termsResolver(ctx.db, account.product_id))(bankDate(ctx.clock.now()));
  const periods = offeredPeriods(terms, input.kind);
  let options: InstallmentOptions;
  try {
    const range = await eligibleRange(ctx, input, terms);
    const fits = range.maxFen >= range.minFen;
    options = {
      accountId: input.accountId,
      kind: input.kind,
      eligible: fits && periods.length > 0,
      reason: !fits ? 'below_minimum' : periods.length === 0 ? 'not_offered' : null,
      sourceId: range.sourceId,
      minFen: range.minFen,
      maxFen: range.maxFen,
      suggestedFen: input.kind === 'cash' || !fits ? null : range.maxFen,
      periods,
    };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'INSTALLMENT_NOT_ELIGIBLE') throw err;
    options = {
      accountId: input.accountId,
      kind: input.kind,
      eligible: false,
      reason: NOT_ELIGIBLE_REASON[err.message] ?? 'not_eligible',
      sourceId: null,
      minFen: terms.installments.minPrincipalFen,
      maxFen: 0,
      suggestedFen: null,
      periods,
    };
  }
  await audit(ctx, {
    action: 'installment.options',
    entityType: 'account',
    entityId: input.accountId,
    customerId,
    contactId,
    details: { kind: input.kind, eligible: options.eligible, maxFen: options.maxFen },
  });
  return options;
}

const NOT_ELIGIBLE_REASON: Record<string, InstallmentIneligibility> = {
  'need the purchase': 'no_purchase',
  'not a purchase on this account': 'not_a_purchase',
  'already split or refunded': 'already_split',
  'statement past due': 'past_due',
  'no statement before its due date': 'no_statement',
  'statement already split': 'already_split',
};

/** Step one: a quote that discloses per-period payment, total fee, APR (IRR) and EAR before anything is agreed. */
export async function quoteInstallment(
  ctx: Ctx,
  input: {
    accountId: string;
    kind: InstallmentKind;
    periods: number;
    sourceId?: string | null | undefined;
    principalFen?: number | undefined;
  },
): Promise<InstallmentQuote> {
  return inTransaction(ctx, async (tctx) => {
    const { customerId, contactId } = await requireAccountAccess(tctx, input.accountId, 'installment.quote');
    const account = await tctx.db
      .selectFrom('accounts')
      .select(['product_id', 'status'])
      .where('id', '=', input.accountId)
      .executeTakeFirstOrThrow();
    if (account.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
    const today = bankDate(ctx.clock.now());
    const terms = (await termsResolver(tctx.db, account.product_id))(today);
    const rate = rateFor(terms, input.kind, input.periods);
    const { principal, sourceId } = await eligiblePrincipal(tctx, input, terms);
    const disclosure = discloseInstallment(principal, input.periods, rate.feeRatePerPeriod);
    const now = ctx.clock.now();
    const expiresAt = new Date(now.getTime() + terms.installments.quoteValidMinutes * 60_000).toISOString();
    const quoteId = newId(now);
    const earlyRepayment = EARLY_REPAYMENT[terms.installments.prepayFee];
    const notice = noticeOf(input.kind, disclosure, earlyRepayment);
    const quoteHash = quoteHashOf(
      { quoteId, accountId: input.accountId, kind: input.kind, sourceId },
      disclosure,
      notice,
    );
    await tctx.db
      .insertInto('installment_quotes')
      .values({
        id: quoteId,
        account_id: input.accountId,
        customer_id: customerId,
        kind: input.kind,
        source_id: sourceId,
        principal_fen: principal,
        periods: input.periods,
        fee_rate_per_period: rate.feeRatePerPeriod,
        disclosure: JSON.stringify({ ...disclosure, notice, earlyRepayment }),
        quote_hash: quoteHash,
        expires_at: expiresAt,
        plan_id: null,
        created_by: ctx.actor.userId,
        created_at: now.toISOString(),
      })
      .execute();
    await audit(tctx, {
      action: 'installment.quote',
      entityType: 'installment_quote',
      entityId: quoteId,
      customerId,
      contactId,
      details: { kind: input.kind, principalFen: principal, periods: input.periods, aprPercent: disclosure.aprPercent },
    });
    return {
      ...disclosure,
      quoteId,
      accountId: input.accountId,
      kind: input.kind,
      sourceId,
      expiresAt,
      notice,
      earlyRepayment,
      quoteHash,
    };
  });
}

/** The columns a plan's view is made of: the 360 view selects just these. */
export const PLAN_VIEW_COLUMNS = [
  'id',
  'account_id',
  'kind',
  'principal_fen',
  'principal_billed_fen',
  'periods',
  'periods_billed',
  'fee_rate_per_period',
  'apr_percent',
  'ear_percent',
  'status',
  'created_at',
] as const;

export function planRowToView(p: Pick<InstallmentPlansTable, (typeof PLAN_VIEW_COLUMNS)[number]>): InstallmentPlanView {
  return {
    id: p.id,
    accountId: p.account_id,
    kind: p.kind,
    principalFen: Number(p.principal_fen),
    periods: p.periods,
    periodsBilled: p.periods_billed,
    feeRatePerPeriod: p.fee_rate_per_period,
    aprPercent: p.apr_percent,
    earPercent: p.ear_percent,
    remainingPrincipalFen: p.status === 'active' ? Number(p.principal_fen) - Number(p.principal_billed_fen) : 0,
    status: p.status,
    createdAt: p.created_at,
  };
}

export interface AcceptInput {
  quoteId: string;
  /** The hash of the quote the customer was shown and said yes to. */
  quoteHash: string;
  /** The customer's explicit yes, as the agent records it. */
  customerAgreed: boolean;
  /** Cash installments: the holder's own settlement account the money goes to. */
  payoutAccount?: Payee | undefined;
}

/** What the customer was shown, as stored with the quote, and whether it still hashes to the stored hash. */
function shownQuote(quote: InstallmentQuoteRow) {
  const { notice, earlyRepayment, ...disclosure } = JSON.parse(quote.disclosure) as InstallmentDisclosure & {
    notice: string;
    earlyRepayment: string;
  };
  const hash = quoteHashOf(
    { quoteId: quote.id, accountId: quote.account_id, kind: quote.kind, sourceId: quote.source_id },
    disclosure,
    notice,
  );
  return { disclosure, notice, earlyRepayment, intact: quote.quote_hash !== null && hash === quote.quote_hash };
}

type InstallmentQuoteRow = InstallmentQuotesTable;

/**
 * Step two: the customer said yes to the quote they were shown. The request names the quote's hash, so the
 * plan is made on exactly the terms agreed; the consent — what was shown, its hash, the contact, the agent and
 * the yes — is kept with the plan. A cash installment is paid out only to the holder's own settlement account.
 * Accepting the same quote again returns the plan already made.
 */
export async function acceptInstallment(ctx: Ctx, input: AcceptInput): Promise<InstallmentPlanView> {
  return inTransaction(ctx, async (tctx) => {
    const quote = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('installment_quotes').selectAll().where('id', '=', input.quoteId),
    ).executeTakeFirst();
    if (!quote) throw new AppError('NOT_FOUND');
    const { contactId } = await requireAccountAccess(tctx, quote.account_id, 'installment.apply');
    const shown = shownQuote(quote);
    if (!shown.intact || input.quoteHash !== quote.quote_hash) throw new AppError('INSTALLMENT_QUOTE_HASH_MISMATCH');
    if (quote.plan_id) {
      const plan = await tctx.db
        .selectFrom('installment_plans')
        .selectAll()
        .where('id', '=', quote.plan_id)
        .executeTakeFirstOrThrow();
      return planRowToView(plan);
    }
    if (!input.customerAgreed) throw new AppError('INSTALLMENT_CONSENT_REQUIRED');
    if (quote.expires_at < ctx.clock.now().toISOString()) throw new AppError('INSTALLMENT_QUOTE_EXPIRED');
    const today = bankDate(ctx.clock.now());
    const kind = quote.kind as InstallmentKind;
    const principal = Number(quote.principal_fen);
    const planId = newId(ctx.clock.now());
    const payee = input.payoutAccount;
    if (kind === 'cash') {
      if (!payee) throw new AppError('PAYOUT_ACCOUNT_NOT_OWN', { detail: 'name the holder’s settlement account' });
      await requireOwnSettlementAccount(tctx, quote.customer_id, payee);
    }
    await withAccount(tctx.db, ctx.clock.now(), quote.account_id, today, async (acc, terms, emitter, row) => {
      if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      // The source may have changed since the quote (paid, split, refunded): check it again.
      const again = await eligiblePrincipal(
        tctx,
        { accountId: quote.account_id, kind, sourceId: quote.source_id, principalFen: principal },
        terms,
      );
      if (again.principal !== principal)
        throw new AppError('INSTALLMENT_NOT_ELIGIBLE', { detail: 'amount changed since the quote' });
      if (kind === 'cash') {
        if (availableOn(acc, today) < principal) throw new AppError('INSUFFICIENT_CREDIT');
        await requireCashRoom(tctx.db, {
          accountId: acc.id,
          cashOwedFen: acc.book.buckets.cash,
          cashLimitFen: Math.min(Number(row.cash_limit_fen), effectiveLimit(acc, today)),
          terms,
          today,
          amountFen: principal,
        });
      }
      if (kind !== 'cash') {
        const unbilledSource =
          kind === 'transaction' &&
          !(
            await tctx.db
              .selectFrom('transactions')
              .select('statement_id')
              .where('id', '=', quote.source_id ?? '')
              .executeTakeFirst()
          )?.statement_id;
        post(
          acc,
          terms,
          {
            kind: 'installment_conversion',
            ...(unbilledSource ? { allocateAs: 'conversion_unbilled' as const } : {}),
            amountFen: principal,
            postingDate: today,
            relatedTxnId: kind === 'transaction' ? quote.source_id : null,
            installmentPlanId: planId,
            description: kind === 'bill' ? `账单分期 ${quote.periods}期` : `消费转分期 ${quote.periods}期`,
          },
          emitter,
        );
      }
      if (kind === 'bill' && quote.source_id) {
        // The split part leaves the statement: it counts towards paying it, and its share of the minimum goes.
        emitter.statementPaid(quote.source_id, principal);
        reduceMinimum(acc.book, applyRate(principal, terms.minimumPayment.principalRate));
      }
      acc.unbilledInstallmentFen += principal;
    });
    const disclosure = shown.disclosure;
    const at = ctx.clock.now().toISOString();
    await tctx.db
      .insertInto('installment_plans')
      .values({
        id: planId,
        account_id: quote.account_id,
        customer_id: quote.customer_id,
        quote_id: quote.id,
        kind,
        source_id: quote.source_id,
        principal_fen: principal,
        periods: quote.periods,
        fee_rate_per_period: quote.fee_rate_per_period,
        apr_percent: disclosure.aprPercent,
        ear_percent: disclosure.earPercent,
        periods_billed: 0,
        principal_billed_fen: 0,
        fees_billed_fen: 0,
        status: 'active',
        created_at: at,
        closed_at: null,
      })
      .execute();
    await tctx.db.updateTable('installment_quotes').set({ plan_id: planId }).where('id', '=', quote.id).execute();
    await tctx.db
      .insertInto('installment_consents')
      .values({
        id: newId(ctx.clock.now()),
        quote_id: quote.id,
        plan_id: planId,
        account_id: quote.account_id,
        customer_id: quote.customer_id,
        contact_id: contactId ?? ctx.contactId ?? null,
        agent_id: ctx.actor.userId,
        quote_hash: quote.quote_hash ?? '',
        quote_shown: JSON.stringify({ notice: shown.notice, earlyRepayment: shown.earlyRepayment, disclosure }),
        customer_answer: 'yes',
        created_at: at,
      })
      .execute();
    const payout =
      kind === 'cash' && payee
        ? await recordPayout(tctx, {
            accountId: quote.account_id,
            customerId: quote.customer_id,
            kind: 'cash_installment',
            amountFen: principal,
            payee,
            installmentPlanId: planId,
          })
        : null;
    await audit(tctx, {
      action: 'installment.apply',
      entityType: 'installment_plan',
      entityId: planId,
      customerId: quote.customer_id,
      contactId,
      details: {
        quoteId: quote.id,
        quoteHash: quote.quote_hash,
        customerAgreed: true,
        kind,
        principalFen: principal,
        periods: quote.periods,
        aprPercent: disclosure.aprPercent,
        ...(payout ? { payoutId: payout.id, payee: payout.payeeMasked } : {}),
      },
    });
    return planRowToView(
      await tctx.db.selectFrom('installment_plans').selectAll().where('id', '=', planId).executeTakeFirstOrThrow(),
    );
  });
}

/**
 * Early payoff (提前还款): the principal not yet billed is billed now; the fees not yet billed are charged
 * or not as the product says (default: not — the cost is interest for time not used).
 */
export async function prepayInstallment(
  ctx: Ctx,
  input: { planId: string },
): Promise<InstallmentPlanView & { billedNowFen: number }> {
  return inTransaction(ctx, async (tctx) => {
    const plan = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('installment_plans').selectAll().where('id', '=', input.planId),
    ).executeTakeFirst();
    if (!plan) throw new AppError('INSTALLMENT_NOT_FOUND');
    const { contactId } = await requireAccountAccess(tctx, plan.account_id, 'installment.prepay');
    if (plan.status !== 'active') throw new AppError('INSTALLMENT_NOT_ACTIVE');
    const today = bankDate(ctx.clock.now());
    const remaining = Number(plan.principal_fen) - Number(plan.principal_billed_fen);
    let billedNow = 0;
    let feeNow = 0;
    await withAccount(tctx.db, ctx.clock.now(), plan.account_id, today, (acc, terms, emitter) => {
      if (remaining > 0) {
        post(
          acc,
          terms,
          {
            kind: 'installment_principal',
            amountFen: remaining,
            postingDate: today,
            installmentPlanId: plan.id,
            description: '分期提前还款 剩余本金',
          },
          emitter,
        );
        acc.unbilledInstallmentFen -= remaining;
        billedNow += remaining;
      }
      if (terms.installments.prepayFee === 'remaining') {
        feeNow = applyRate(Number(plan.principal_fen), plan.fee_rate_per_period) * (plan.periods - plan.periods_billed);
        if (feeNow > 0) {
          post(
            acc,
            terms,
            {
              kind: 'fee_installment',
              amountFen: feeNow,
              postingDate: today,
              installmentPlanId: plan.id,
              description: '分期提前还款 剩余手续费',
            },
            emitter,
          );
          billedNow += feeNow;
        }
      }
    });
    const at = ctx.clock.now().toISOString();
    await tctx.db
      .updateTable('installment_plans')
      .set({
        status: 'prepaid',
        principal_billed_fen: Number(plan.principal_fen),
        fees_billed_fen: Number(plan.fees_billed_fen) + feeNow,
        closed_at: at,
      })
      .where('id', '=', plan.id)
      .execute();
    await audit(tctx, {
      action: 'installment.prepay',
      entityType: 'installment_plan',
      entityId: plan.id,
      customerId: plan.customer_id,
      contactId,
      details: { principalFen: remaining, feeFen: feeNow },
    });
    const fresh = await tctx.db
      .selectFrom('installment_plans')
      .selectAll()
      .where('id', '=', plan.id)
      .executeTakeFirstOrThrow();
    return { ...planRowToView(fresh), billedNowFen: billedNow };
  });
}
