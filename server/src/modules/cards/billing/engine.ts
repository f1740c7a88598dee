import type { ProductTerms } from '@carddesk/contracts';
import { addDays } from '../../../platform/clock.ts';
import type { TransactionsTable } from '../cards.tables.ts';
import {
  applyCredit,
  availableCredit,
  type Book,
  balanceOf,
  bucketOfDebit,
  type CreditKind,
  closeStatement,
  graceCheck,
  postDebit,
  writeOffDisputed,
} from '../ledger/book.ts';
import type { Allocation } from '../rules/allocation.ts';
import { nextStatementAfter } from '../rules/cycle-dates.ts';
import { annualFeeDecision, cardAnniversary, pointsFor } from '../rules/fee.rules.ts';
import { installmentSchedule } from '../rules/installment-math.ts';
import { type TransactionKind, unknownKind } from '../rules/transaction-kinds.ts';

/**
 * The billing engine: everything that moves an account's books, as pure functions over an in-memory
 * account. Two drivers use it — the live services and the `cycle run` job load one account, run it and
 * persist what it emitted; the demo generator keeps thousands of accounts in memory and bulk-inserts the
 * rows — so months of generated history obey exactly the rules live operations do.
 */
export interface EngineAccount {
  id: string;
  customerId: string;
  status: string;
  creditLimitFen: number;
  tempLimitFen: number;
  tempLimitFrom: string | null;
  tempLimitUntil: string | null;
  statementDay: number;
  activatedOn: string | null;
  book: Book;
  unbilledInstallmentFen: number;
  cardYearPurchases: number;
  cardYearSpendFen: number;
  pointsBalance: number;
  nextStatementDate: string;
  nextGraceCheck: string | null;
  nextAnnualFeeDate: string | null;
  lastStatementId: string | null;
}

export interface EnginePlan {
  id: string;
  principalFen: number;
  periods: number;
  feeRatePerPeriod: string;
  periodsBilled: number;
  principalBilledFen: number;
  feesBilledFen: number;
  status: string;
  /** Bank date the plan was accepted: it is first billed on the next statement day after it. */
  createdOn: string;
  closedAt: string | null;
}

export interface EngineStatement {
  id: string;
  accountId: string;
  statementDate: string;
  periodStart: string;
  dueDate: string;
  graceUntil: string;
  previousBalanceFen: number;
  purchasesFen: number;
  cashFen: number;
  feesFen: number;
  interestFen: number;
  installmentsFen: number;
  creditsFen: number;
  newBalanceFen: number;
  minimumPaymentFen: number;
  paidFen: number;
  status: string;
  billedFenDays: number;
  billedPurchasesFen: number;
  pointsEarned: number;
}

/** What a cycle's postings add up to, by statement line. */
export interface CycleSums {
  purchasesFen: number;
  cashFen: number;
  feesFen: number;
  interestFen: number;
  installmentsFen: number;
  creditsFen: number;
  points: number;
}

export const emptySums = (): CycleSums => ({
  purchasesFen: 0,
  cashFen: 0,
  feesFen: 0,
  interestFen: 0,
  installmentsFen: 0,
  creditsFen: 0,
  points: 0,
});

/** Adds one posting to the statement lines it belongs to. */
export function addToSums(sums: CycleSums, kind: TransactionKind, amountFen: number, points: number): void {
  sums.points += points;
  if (amountFen < 0) {
    sums.creditsFen += -amountFen;
    return;
  }
  switch (kind) {
    case 'purchase':
      sums.purchasesFen += amountFen;
      break;
    case 'cash_advance':
      sums.cashFen += amountFen;
      break;
    case 'interest':
      sums.interestFen += amountFen;
      break;
    case 'installment_principal':
      sums.installmentsFen += amountFen;
      break;
    case 'credit_refund':
      // A credit balance paid back to the holder takes back credits; it is no charge.
      sums.creditsFen -= amountFen;
      break;
    case 'fee_annual':
    case 'fee_cash':
    case 'fee_late':
    case 'fee_installment':
    case 'refund':
    case 'repayment':
    case 'installment_conversion':
    case 'adjustment':
    case 'fee_waiver':
    case 'fraud_credit':
    case 'points_credit':
      sums.feesFen += amountFen;
      break;
    default:
      unknownKind(kind);
  }
}

export interface PostingInput {
  kind: TransactionKind;
  amountFen: number;
  postingDate: string;
  txnDate?: string;
  cardId?: string | null;
  merchant?: string | null;
  category?: string | null;
  mcc?: string | null;
  city?: string | null;
  channel?: string;
  description: string;
  installmentPlanId?: string | null;
  relatedTxnId?: string | null;
  suspicious?: boolean;
  reference?: string | null;
  /** Overrides how a credit is allocated (a purchase split before it was billed: `conversion_unbilled`). */
  allocateAs?: CreditKind;
  /** Points to take back (a refund returns the points its purchase earned, pro rata). */
  pointsReversal?: number;
  /** A fraud write-off: the buckets the disputed amount was taken from (recorded as its allocation). */
  settles?: Allocation;
}

/** Kinds that reduce what is owed, and how each is allocated. */
export const CREDIT_KINDS: Record<string, CreditKind> = {
  repayment: 'repayment',
  points_credit: 'repayment',
  refund: 'refund',
  installment_conversion: 'conversion',
  fee_waiver: 'fee_waiver',
  // The customer won a fraud case: the disputed amount is written off (SPC Interpretation 2021 No. 10, Art. 7).
  fraud_credit: 'dispute_writeoff',
};

export interface Emitter {
  newId(): string;
  nowIso: string;
  txn(row: TransactionsTable): void;
  statement(st: EngineStatement): void;
  plan(plan: EnginePlan): void;
  /** Credits after a statement count towards it (paid_fen); the driver updates the stored statement. */
  statementPaid(statementId: string, addFen: number): void;
}

/** Effective limit on `date`: the permanent limit plus a temporary increase inside its window. */
export function effectiveLimit(acc: EngineAccount, date: string): number {
  const temp =
    acc.tempLimitFrom && acc.tempLimitUntil && acc.tempLimitFrom <= date && date <= acc.tempLimitUntil
      ? acc.tempLimitFen
      : 0;
  return acc.creditLimitFen + temp;
}

export function availableOn(acc: EngineAccount, date: string): number {
  return availableCredit(acc.book, effectiveLimit(acc, date), acc.unbilledInstallmentFen);
}

/**
 * Posts one transaction: moves the books (a debit into its bucket, a credit by its allocation order),
 * earns or returns points, counts card-year purchases, and emits the ledger row. `amountFen` is the
 * magnitude; the row's sign follows the kind.
 */
export function post(acc: EngineAccount, terms: ProductTerms, p: PostingInput, out: Emitter): TransactionsTable {
  const creditKind = CREDIT_KINDS[p.kind] ? (p.allocateAs ?? CREDIT_KINDS[p.kind]) : undefined;
  let allocation: Allocation;
  let points = 0;
  if (creditKind === 'dispute_writeoff') {
    // The amount was set aside from the buckets when disputed; it leaves the disputed total now.
    writeOffDisputed(acc.book, p.amountFen, p.postingDate);
    allocation = p.settles ?? {};
  } else if (creditKind) {
    allocation = applyCredit(acc.book, p.amountFen, p.postingDate, creditKind);
    if (creditKind !== 'conversion' && creditKind !== 'conversion_unbilled' && acc.lastStatementId)
      out.statementPaid(acc.lastStatementId, p.amountFen);
    if (p.kind === 'refund' && p.pointsReversal) {
      points = -Math.min(p.pointsReversal, acc.pointsBalance);
    }
  } else {
    allocation = postDebit(acc.book, bucketOfDebit(p.kind), p.amountFen, p.postingDate, p.txnDate);
    if (p.kind === 'purchase') {
      points = pointsFor(p.amountFen, p.category ?? null, terms.points);
      acc.cardYearPurchases += 1;
      acc.cardYearSpendFen += p.amountFen;
    }
  }
  acc.pointsBalance += points;
  const row: TransactionsTable = {
    id: out.newId(),
    account_id: acc.id,
    card_id: p.cardId ?? null,
    kind: p.kind,
    amount_fen: creditKind ? -p.amountFen : p.amountFen,
    txn_date: p.txnDate ?? p.postingDate,
    posting_date: p.postingDate,
    merchant: p.merchant ?? null,
    category: p.category ?? null,
    mcc: p.mcc ?? null,
    city: p.city ?? null,
    channel: p.channel ?? 'system',
    description: p.description,
    allocation: Object.keys(allocation).length > 0 ? JSON.stringify(allocation) : null,
    statement_id: null,
    installment_plan_id: p.installmentPlanId ?? null,
    related_txn_id: p.relatedTxnId ?? null,
    points,
    suspicious: p.suspicious ? 1 : 0,
    reference: p.reference ?? null,
    created_at: out.nowIso,
  };
  out.txn(row);
  return row;
}

/** Bills the period due on statement day `s` of every active plan accepted before `s`. */
export function billInstallments(
  acc: EngineAccount,
  terms: ProductTerms,
  plans: EnginePlan[],
  s: string,
  out: Emitter,
): number {
  let due = 0;
  for (const plan of plans) {
    if (plan.status !== 'active' || plan.createdOn >= s) continue;
    const line = installmentSchedule(plan.principalFen, plan.periods, plan.feeRatePerPeriod)[plan.periodsBilled];
    if (!line) continue;
    const label = `分期 第${line.period}/${plan.periods}期`;
    post(
      acc,
      terms,
      {
        kind: 'installment_principal',
        amountFen: line.principalFen,
        postingDate: s,
        description: `${label} 本金`,
        installmentPlanId: plan.id,
      },
      out,
    );
    if (line.feeFen > 0) {
      post(
        acc,
        terms,
        {
          kind: 'fee_installment',
          amountFen: line.feeFen,
          postingDate: s,
          description: `${label} 手续费(利息)`,
          installmentPlanId: plan.id,
        },
        out,
      );
    }
    acc.unbilledInstallmentFen -= line.principalFen;
    due += line.principalFen + line.feeFen;
    plan.periodsBilled += 1;
    plan.principalBilledFen += line.principalFen;
    plan.feesBilledFen += line.feeFen;
    if (plan.periodsBilled >= plan.periods) {
      plan.status = 'completed';
      plan.closedAt = out.nowIso;
    }
    out.plan(plan);
  }
  return due;
}

/**
 * The statement day: installments first, then interest, then the statement with its minimum payment and
 * due date. `sums` holds the cycle's postings so far; the ones made here are added to it.
 */
export function runStatement(
  acc: EngineAccount,
  terms: ProductTerms,
  s: string,
  plans: EnginePlan[],
  previous: { statementDate: string; newBalanceFen: number } | null,
  sums: CycleSums,
  out: Emitter,
): EngineStatement {
  // Emitters may be class instances: delegate explicitly (a spread would drop their methods).
  const collect: Emitter = {
    nowIso: out.nowIso,
    newId: () => out.newId(),
    txn(row) {
      addToSums(sums, row.kind, Number(row.amount_fen), Number(row.points));
      out.txn(row);
    },
    statement: (st) => out.statement(st),
    plan: (p) => out.plan(p),
    statementPaid: (id, fen) => out.statementPaid(id, fen),
  };
  const installmentDue = billInstallments(acc, terms, plans, s, collect);
  const installmentPrincipal = sums.installmentsFen;
  const before = acc.book.buckets.interest;
  const close = closeStatement(acc.book, {
    statementDate: s,
    terms,
    permanentLimitFen: acc.creditLimitFen,
    installmentDueFen: installmentPrincipal,
    cycleChargesFen: sums.feesFen + sums.interestFen,
  });
  if (close.interestFen > 0) {
    // closeStatement booked the interest; emit its ledger row (no second booking).
    const row: TransactionsTable = {
      id: out.newId(),
      account_id: acc.id,
      card_id: null,
      kind: 'interest',
      amount_fen: close.interestFen,
      txn_date: s,
      posting_date: s,
      merchant: null,
      category: null,
      mcc: null,
      city: null,
      channel: 'system',
      description: '循环利息',
      allocation:
        acc.book.buckets.interest - before < close.interestFen
          ? JSON.stringify({ overpayment: close.interestFen - (acc.book.buckets.interest - before) })
          : null,
      statement_id: null,
      installment_plan_id: null,
      related_txn_id: null,
      points: 0,
      suspicious: 0,
      reference: null,
      created_at: out.nowIso,
    };
    collect.txn(row);
  }
  void installmentDue;
  const st: EngineStatement = {
    id: out.newId(),
    accountId: acc.id,
    statementDate: s,
    periodStart: previous ? addDays(previous.statementDate, 1) : addDays(s, -30),
    dueDate: close.dueDate,
    graceUntil: close.graceUntil,
    previousBalanceFen: previous?.newBalanceFen ?? 0,
    purchasesFen: sums.purchasesFen,
    cashFen: sums.cashFen,
    feesFen: sums.feesFen,
    interestFen: sums.interestFen,
    installmentsFen: sums.installmentsFen,
    creditsFen: sums.creditsFen,
    newBalanceFen: close.newBalanceFen,
    minimumPaymentFen: close.minimumPaymentFen,
    paidFen: 0,
    status: close.newBalanceFen > 0 ? 'open' : 'nothing_due',
    billedFenDays: close.billedFenDays,
    billedPurchasesFen: close.billedPurchasesFen,
    pointsEarned: sums.points,
  };
  out.statement(st);
  acc.lastStatementId = st.id;
  acc.nextStatementDate = nextStatementAfter(s, acc.statementDay);
  acc.nextGraceCheck = close.newBalanceFen > 0 ? addDays(close.graceUntil, 1) : null;
  return st;
}

/** The day after grace ends: paid in full or not, late fee, statement status. */
export function runGraceCheck(
  acc: EngineAccount,
  terms: ProductTerms,
  st: EngineStatement,
  out: Emitter,
): EngineStatement {
  const outcome = graceCheck(acc.book, st, terms);
  const day = addDays(st.graceUntil, 1);
  if (outcome.lateFeeFen > 0) {
    post(
      acc,
      terms,
      {
        kind: 'fee_late',
        amountFen: outcome.lateFeeFen,
        postingDate: day,
        description: `违约金(${st.statementDate}账单最低还款额未还足)`,
      },
      out,
    );
  }
  acc.nextGraceCheck = null;
  const updated = { ...st, status: outcome.status };
  out.statement(updated);
  return updated;
}

/**
 * The card-year anniversary (or, for a card that is not first-year-free, its activation day): charge the
 * year's fee unless the card was never activated or the year's purchases or spend waive it; the counters start
 * again either way and the next anniversary is counted from the activation date.
 */
export function runAnnualFee(
  acc: EngineAccount,
  terms: ProductTerms,
  date: string,
  out: Emitter,
): { charged: number; reason: string } {
  const decision = annualFeeDecision(
    {
      activated: acc.activatedOn !== null && acc.activatedOn <= date,
      purchasesInCardYear: acc.cardYearPurchases,
      spendInCardYearFen: acc.cardYearSpendFen,
    },
    terms.annualFee,
  );
  acc.cardYearPurchases = 0;
  acc.cardYearSpendFen = 0;
  acc.nextAnnualFeeDate = cardAnniversary(acc.activatedOn ?? date, Number(date.slice(0, 4)) + 1);
  if (!decision.charge) return { charged: 0, reason: decision.reason };
  post(
    acc,
    terms,
    {
      kind: 'fee_annual',
      amountFen: decision.amountFen,
      postingDate: date,
      description: `年费(${date.slice(0, 4)}卡年)`,
    },
    out,
  );
  return { charged: decision.amountFen, reason: 'charged' };
}

/** A cycle with nothing posted on an account that owes nothing produces no statement. */
export function isQuietCycle(acc: EngineAccount, sums: CycleSums, plans: readonly EnginePlan[]): boolean {
  const untouched =
    sums.purchasesFen + sums.cashFen + sums.feesFen + sums.interestFen + sums.installmentsFen + sums.creditsFen === 0;
  const book = acc.book;
  const nothingOwed =
    balanceOf(book) === 0 && book.accRevolving === 0 && book.pendingFenDays === 0 && book.buckets.unbilled === 0;
  return untouched && nothingOwed && !plans.some((p) => p.status === 'active');
}

/** Over-limit flag: set whenever interest or fees took the balance past the effective limit. */
export function overLimit(acc: EngineAccount, date: string): boolean {
  return availableOn(acc, date) < 0;
}

export { balanceOf, nextStatementAfter };
