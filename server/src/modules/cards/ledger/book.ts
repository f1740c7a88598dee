import type { ProductTerms } from '@carddesk/contracts';
import { addDays, daysBetween } from '../../../platform/clock.ts';
import { type Allocation, allocate, BUCKETS, type Bucket, REFUND_ORDER, repaymentOrder } from '../rules/allocation.ts';
import { applyRate } from '../rules/decimal.ts';
import { isPaidInFull, lateFee, minimumPayment } from '../rules/payment.rules.ts';
import { type TransactionKind, unknownKind } from '../rules/transaction-kinds.ts';

/**
 * An account's books as pure data: what is owed per bucket, the credit balance, the minimum still unpaid,
 * and the interest accrual. Every change of money goes through the functions below, which both the live
 * services (one account at a time, in a transaction) and the bulk demo generator use, so history and live
 * operations follow the same rules.
 *
 * Interest accrual keeps fen-days instead of a daily job: before any change on day d, each interest-bearing
 * balance is multiplied by the days since the last change. A posting on day p counts from day p; a
 * repayment on day d stops the paid part counting on day d.
 *  - revolving fen-days: cash (from the transaction day, no interest-free period) and revolving principal,
 *    charged on every statement;
 *  - unbilled fen-days: purchases since the last statement, kept on the statement in case it is not paid in
 *    full (then interest runs from the posting date);
 *  - billed fen-days: the latest statement's principal between statement and grace end, for the same case.
 */
export interface Book {
  buckets: Record<Bucket, number>;
  overpayment: number;
  minDueUnpaid: number;
  overdueSince: string | null;
  accrualFrom: string;
  accRevolving: number;
  accBilled: number;
  accUnbilled: number;
  /** Retro-interest fen-days decided at a grace check, charged on the next statement. */
  pendingFenDays: number;
  /**
   * Amounts the customer disputed as fraud (SPC Interpretation 2021 No. 10, Art. 7), set aside from every
   * bucket until the case is decided: they bear no interest, leave the minimum and make nothing overdue.
   * They stay in the balance (the money is still out).
   */
  disputed: number;
  /** The disputed part taken off the last statement after it closed: no longer owed on that statement. */
  disputedSinceClose: number;
  /** Fen-days of disputed billed principal: the next grace check charges no retro-interest on them. */
  disputedFenDays: number;
}

export function emptyBook(openedOn: string): Book {
  return {
    buckets: { interest: 0, fees: 0, cash: 0, revolving: 0, billed: 0, unbilled: 0 },
    overpayment: 0,
    minDueUnpaid: 0,
    overdueSince: null,
    accrualFrom: openedOn,
    accRevolving: 0,
    accBilled: 0,
    accUnbilled: 0,
    pendingFenDays: 0,
    disputed: 0,
    disputedSinceClose: 0,
    disputedFenDays: 0,
  };
}

export function balanceOf(book: Book): number {
  let sum = book.disputed - book.overpayment;
  for (const b of BUCKETS) sum += book.buckets[b];
  return sum;
}

/** Accumulates fen-days up to (not including) `date`. Dates never move backwards. */
export function accrueTo(book: Book, date: string): void {
  const days = daysBetween(book.accrualFrom, date);
  if (days <= 0) return;
  const b = book.buckets;
  book.accRevolving += (b.cash + b.revolving) * days;
  book.accBilled += b.billed * days;
  book.accUnbilled += b.unbilled * days;
  book.accrualFrom = date;
}

/**
 * Posts a debit to a bucket on `date`. A credit balance absorbs it first; the absorbed part is returned so
 * the posting can record it. Cash posted after its transaction day gets the days in between.
 */
export function postDebit(book: Book, bucket: Bucket, amount: number, date: string, txnDate?: string): Allocation {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`debit must be positive fen: ${amount}`);
  accrueTo(book, date);
  const absorbed = Math.min(book.overpayment, amount);
  book.overpayment -= absorbed;
  book.buckets[bucket] += amount - absorbed;
  if (bucket === 'cash' && txnDate && txnDate < date)
    book.accRevolving += (amount - absorbed) * daysBetween(txnDate, date);
  return absorbed > 0 ? { overpayment: absorbed } : {};
}

/** `conversion` splits billed principal (a bill installment); `conversion_unbilled` a purchase not yet billed. */
export type CreditKind =
  | 'repayment'
  | 'refund'
  | 'conversion'
  | 'conversion_unbilled'
  | 'fee_waiver'
  | 'dispute_writeoff';

/**
 * Applies a credit on `date`: a repayment in the order of card-rules.md §1 (by days overdue), a refund to
 * purchase principal first, a conversion to installments to billed principal first. Reduces the unpaid
 * minimum; clears the overdue mark once it is met. Returns the allocation to record on the posting.
 */
export function applyCredit(book: Book, amount: number, date: string, kind: CreditKind): Allocation {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`credit must be positive fen: ${amount}`);
  accrueTo(book, date);
  const overdueDays = book.overdueSince ? daysBetween(book.overdueSince, date) : 0;
  const { allocation, remaining, overpayment } = allocate(amount, book.buckets, creditOrder(kind, overdueDays));
  book.buckets = remaining;
  book.overpayment += overpayment;
  if (kind !== 'conversion' && kind !== 'conversion_unbilled') reduceMinimum(book, amount);
  return allocation;
}

/** The buckets a credit of `kind` pays off, in order. */
function creditOrder(kind: CreditKind, overdueDays: number): readonly Bucket[] {
  switch (kind) {
    case 'repayment':
      return repaymentOrder(overdueDays);
    case 'refund':
    case 'conversion_unbilled':
      return REFUND_ORDER;
    case 'fee_waiver':
      return ['fees', 'interest', 'cash', 'revolving', 'billed', 'unbilled'];
    case 'conversion':
    case 'dispute_writeoff':
      return ['billed', 'revolving', 'unbilled', 'cash', 'fees', 'interest'];
    default:
      return unknownKind(kind);
  }
}

export function reduceMinimum(book: Book, amount: number): void {
  book.minDueUnpaid = Math.max(0, book.minDueUnpaid - amount);
  if (book.minDueUnpaid === 0) book.overdueSince = null;
}

export interface StatementClose {
  statementDate: string;
  dueDate: string;
  graceUntil: string;
  interestFen: number;
  newBalanceFen: number;
  minimumPaymentFen: number;
  /** Pre-statement fen-days and amount of the principal billed now (for interest if not paid in full). */
  billedFenDays: number;
  billedPurchasesFen: number;
}

/**
 * Closes a cycle on the statement day (after the cycle's installment amounts were posted): charges the
 * interest accrued on cash and revolving principal plus any retro-interest, moves unbilled principal to
 * billed and computes the minimum payment.
 */
export function closeStatement(
  book: Book,
  input: {
    statementDate: string;
    terms: ProductTerms;
    permanentLimitFen: number;
    installmentDueFen: number;
    /** Fees and interest posted since the previous statement (the interest charged here is added). */
    cycleChargesFen: number;
  },
): StatementClose {
  const { statementDate: s, terms } = input;
  const previousUnpaid = book.minDueUnpaid;
  accrueTo(book, addDays(s, 1));
  const interest = applyRate(book.accRevolving + book.pendingFenDays, terms.dailyRate);
  book.accRevolving = 0;
  book.pendingFenDays = 0;
  if (interest > 0) {
    const absorbed = Math.min(book.overpayment, interest);
    book.overpayment -= absorbed;
    book.buckets.interest += interest - absorbed;
  }
  const billedFenDays = book.accUnbilled;
  const billedPurchases = book.buckets.unbilled;
  book.buckets.billed += book.buckets.unbilled;
  book.buckets.unbilled = 0;
  book.accUnbilled = 0;
  book.accBilled = 0;
  // Disputed amounts are not due while the fraud case runs: the statement's balance and minimum leave them out.
  const newBalance = balanceOf(book) - book.disputed;
  book.disputedSinceClose = 0;
  book.disputedFenDays = 0;
  const b = book.buckets;
  const minimum = minimumPayment(
    {
      newBalanceFen: newBalance,
      principalFen: b.revolving + b.billed,
      cashFen: b.cash,
      feesFen: b.fees,
      interestFen: b.interest,
      newChargesFen: input.cycleChargesFen + interest,
      installmentDueFen: input.installmentDueFen,
      permanentLimitFen: input.permanentLimitFen,
      previousUnpaidFen: previousUnpaid,
    },
    terms.minimumPayment,
  );
  book.minDueUnpaid = minimum;
  const dueDate = addDays(s, terms.daysToDue);
  return {
    statementDate: s,
    dueDate,
    graceUntil: addDays(dueDate, terms.graceDays),
    interestFen: interest,
    newBalanceFen: newBalance,
    minimumPaymentFen: minimum,
    billedFenDays,
    billedPurchasesFen: billedPurchases,
  };
}

export interface GraceOutcome {
  status: 'paid_in_full' | 'minimum_paid' | 'overdue' | 'nothing_due';
  lateFeeFen: number;
  retroFenDays: number;
}

/**
 * The day after the grace period of a statement: decides whether it was paid in full (容差 applies). If not,
 * its billed principal loses the interest-free period — full-balance mode charges every billed amount from
 * its posting date, unpaid-part mode only the part left unpaid — and becomes revolving. An unmet minimum
 * costs a late fee and marks the account overdue from the due date.
 */
export function graceCheck(
  book: Book,
  st: {
    dueDate: string;
    graceUntil: string;
    statementDate: string;
    newBalanceFen: number;
    paidFen: number;
    billedFenDays: number;
    billedPurchasesFen: number;
  },
  terms: ProductTerms,
): GraceOutcome {
  const day = addDays(st.graceUntil, 1);
  accrueTo(book, day);
  if (st.newBalanceFen <= 0) {
    book.accBilled = 0;
    return { status: 'nothing_due', lateFeeFen: 0, retroFenDays: 0 };
  }
  // What was disputed off this statement after it closed counts as settled for it while the case runs.
  const paidInFull = isPaidInFull(st.paidFen + book.disputedSinceClose, st.newBalanceFen, terms.toleranceFen);
  let retro = 0;
  if (!paidInFull && book.buckets.billed > 0) {
    if (terms.interestMode === 'full_balance') {
      // Disputed principal is not charged for (its fen-days were set aside when it was disputed).
      retro = Math.max(0, st.billedFenDays + book.accBilled - book.disputedFenDays);
    } else {
      const unpaid = book.buckets.billed;
      const share = st.billedPurchasesFen > 0 ? Math.round((st.billedFenDays * unpaid) / st.billedPurchasesFen) : 0;
      retro = share + unpaid * daysBetween(addDays(st.statementDate, 1), day);
    }
    book.pendingFenDays += retro;
  }
  book.disputedFenDays = 0;
  // Whatever billed principal is left (unpaid, or a remainder within the tolerance) bears interest from now on.
  book.buckets.revolving += book.buckets.billed;
  book.buckets.billed = 0;
  book.accBilled = 0;
  const fee = lateFee(book.minDueUnpaid, terms.lateFee, terms.toleranceFen);
  if (fee > 0) {
    // The caller posts the fee (fee_late) so it gets its ledger row.
    book.overdueSince = book.overdueSince ?? st.dueDate;
    return { status: 'overdue', lateFeeFen: fee, retroFenDays: retro };
  }
  // A shortfall within the tolerance is forgiven for lateness (it stays owed as part of the balance).
  book.minDueUnpaid = 0;
  book.overdueSince = null;
  return { status: paidInFull ? 'paid_in_full' : 'minimum_paid', lateFeeFen: 0, retroFenDays: retro };
}

/** Available credit: effective limit minus what is owed and installment principal not yet billed. */
export function availableCredit(book: Book, limitFen: number, unbilledInstallmentFen: number): number {
  return limitFen - balanceOf(book) - unbilledInstallmentFen;
}

/** The ledger bucket a posting kind debits. */
export function bucketOfDebit(kind: TransactionKind): Bucket {
  switch (kind) {
    case 'purchase':
    case 'installment_principal':
      return 'unbilled';
    case 'cash_advance':
      return 'cash';
    case 'interest':
      return 'interest';
    // Fees, and whatever else is posted as a debit (an adjustment, a credit balance paid out).
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
    case 'credit_refund':
      return 'fees';
    default:
      return unknownKind(kind);
  }
}

/** Principal buckets a disputed amount is taken from, in order: a purchase's, or a cash advance's. */
export const DISPUTE_ORDER: Record<'purchase' | 'cash_advance', readonly Bucket[]> = {
  purchase: ['unbilled', 'billed', 'revolving'],
  cash_advance: ['cash'],
};

/**
 * The customer marked a transaction as not theirs: its amount leaves the buckets it sits in (in `order`)
 * and is set aside as disputed, bearing no interest (nor the fen-days it gathered since posting). The part that was on the last
 * statement (billed, revolving, cash) also leaves that statement's unpaid minimum, at the minimum's own
 * rates, which may clear the overdue mark. Returns where the amount was taken from.
 */
export function disputeAmount(
  book: Book,
  txn: { amountFen: number; postingDate: string },
  order: readonly Bucket[],
  date: string,
  rates: { principalRate: string; cashRate: string },
): Allocation {
  const amount = txn.amountFen;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`dispute must be positive fen: ${amount}`);
  accrueTo(book, date);
  const { allocation, remaining, overpayment } = allocate(amount, book.buckets, order);
  // It bears no interest at all while disputed: the fen-days it has gathered since posting are set aside.
  const days = daysBetween(txn.postingDate, date);
  book.accUnbilled = Math.max(0, book.accUnbilled - (allocation.unbilled ?? 0) * days);
  book.disputedFenDays += (allocation.billed ?? 0) * days;
  book.accRevolving = Math.max(0, book.accRevolving - ((allocation.revolving ?? 0) + (allocation.cash ?? 0)) * days);
  const taken = amount - overpayment;
  book.buckets = remaining;
  book.disputed += taken;
  const statedPrincipal = (allocation.billed ?? 0) + (allocation.revolving ?? 0);
  const statedCash = allocation.cash ?? 0;
  book.disputedSinceClose += statedPrincipal + statedCash;
  const share = applyRate(statedPrincipal, rates.principalRate) + applyRate(statedCash, rates.cashRate);
  if (share > 0 && book.minDueUnpaid > 0) reduceMinimum(book, share);
  const { overpayment: _none, ...fromBuckets } = allocation;
  return fromBuckets;
}

/**
 * The bank won the fraud case: the disputed amount comes back from `date` — purchase principal as
 * revolving (or unbilled, if it was never billed), cash as cash — and bears interest only from now:
 * nothing is charged for the pause.
 */
export function returnDisputed(book: Book, taken: Allocation, date: string): number {
  accrueTo(book, date);
  let amount = 0;
  for (const [bucket, fen] of Object.entries(taken) as [Bucket, number][]) {
    const back: Bucket = bucket === 'billed' ? 'revolving' : bucket;
    book.buckets[back] += fen;
    amount += fen;
  }
  book.disputed -= amount;
  book.disputedSinceClose = Math.max(0, book.disputedSinceClose - amount);
  return amount;
}

/** The customer won the fraud case: the disputed amount is written off (the caller posts the credit). */
export function writeOffDisputed(book: Book, amount: number, date: string): void {
  accrueTo(book, date);
  book.disputed -= amount;
  book.disputedSinceClose = Math.max(0, book.disputedSinceClose - amount);
}
