import type { ProductTerms } from '@carddesk/contracts';
import { addDays, daysBetween } from '../../../platform/clock.ts';
import {
  addToSums,
  availableOn,
  type CycleSums,
  type Emitter,
  type EngineAccount,
  type EnginePlan,
  type EngineStatement,
  emptySums,
  isQuietCycle,
  nextStatementAfter,
  post,
  runAnnualFee,
  runGraceCheck,
  runStatement,
} from '../billing/engine.ts';
import type { TransactionsTable } from '../cards.tables.ts';
import { emptyBook } from '../ledger/book.ts';
import { discloseInstallment } from '../rules/installment-math.ts';
import { cashAdvanceFee } from '../rules/payment.rules.ts';
import { BIG_TICKET, MERCHANTS, type Merchant, SUSPICIOUS } from './merchants.ts';
import { calendar, type MonotonicIds, type Rng } from './random.ts';

/** How a generated customer uses the card and pays (drives spending and repayment behaviour). */
export type Payer = 'full' | 'minimum' | 'partial' | 'late' | 'dormant';

export interface AccountSpec {
  accountId: string;
  customerId: string;
  cardId: string;
  creditLimitFen: number;
  statementDay: number;
  issuedOn: string;
  activatedOn: string | null;
  payer: Payer;
  /** Purchases per month on average. */
  monthlyPurchases: number;
  city: string;
  /** Scripted extras for the documented demo customers. */
  installmentDaysBeforeEnd?: number;
  suspiciousRecent?: boolean;
}

export interface SimulatedPlan {
  plan: EnginePlan;
  quoteId: string;
  kind: 'transaction';
  sourceId: string;
  aprPercent: string;
  earPercent: string;
  disclosure: string;
  createdAt: string;
}

export interface SimulationResult {
  acc: EngineAccount;
  txns: TransactionsTable[];
  statements: EngineStatement[];
  plans: SimulatedPlan[];
}

/** In-memory emitter: rows go to arrays, ids carry the simulated time so rows sort as they happened. */
class MemEmitter implements Emitter {
  constructor(readonly ids: MonotonicIds) {}
  nowIso = '';
  #at = new Date();
  txns: TransactionsTable[] = [];
  statements = new Map<string, EngineStatement>();
  plans = new Map<string, EnginePlan>();
  cycleRows: TransactionsTable[] = [];
  sums: CycleSums = emptySums();
  setTime(date: string, minutes: number): void {
    this.#at = new Date(`${date}T00:00:00+08:00`);
    this.#at.setTime(this.#at.getTime() + minutes * 60_000);
    this.nowIso = this.#at.toISOString();
  }
  newId(): string {
    return this.ids.next();
  }
  txn(row: TransactionsTable): void {
    this.txns.push(row);
    this.cycleRows.push(row);
    addToSums(this.sums, row.kind, Number(row.amount_fen), Number(row.points));
  }
  statement(st: EngineStatement): void {
    this.statements.set(st.id, st);
  }
  plan(plan: EnginePlan): void {
    this.plans.set(plan.id, plan);
  }
  statementPaid(statementId: string, addFen: number): void {
    const st = this.statements.get(statementId);
    if (st) this.statements.set(statementId, { ...st, paidFen: st.paidFen + addFen });
  }
}

interface Scheduled {
  date: string;
  run: () => void;
}

/**
 * Simulates one account from `start` to `today` through the billing engine: daily spending by the
 * customer's habits, repayments by payer type, statements, grace checks, late fees, annual fees, an
 * occasional cash advance, refund or installment plan. Returns every row it produced.
 */
export function simulateAccount(
  spec: AccountSpec,
  termsOn: (date: string) => ProductTerms,
  rng: Rng,
  start: string,
  today: string,
  ids: MonotonicIds,
): SimulationResult {
  const out = new MemEmitter(ids);
  const firstFeeYear = Number(spec.issuedOn.slice(0, 4)) + 1;
  let anniversary = `${firstFeeYear}${spec.issuedOn.slice(4)}`;
  while (anniversary < start) anniversary = `${Number(anniversary.slice(0, 4)) + 1}${anniversary.slice(4)}`;
  const acc: EngineAccount = {
    id: spec.accountId,
    customerId: spec.customerId,
    status: 'active',
    creditLimitFen: spec.creditLimitFen,
    tempLimitFen: 0,
    tempLimitFrom: null,
    tempLimitUntil: null,
    statementDay: spec.statementDay,
    activatedOn: spec.activatedOn,
    book: emptyBook(start),
    unbilledInstallmentFen: 0,
    cardYearPurchases: spec.activatedOn ? rng.int(0, 8) : 0,
    cardYearSpendFen: 0,
    pointsBalance: 0,
    nextStatementDate: nextStatementAfter(addDays(start, -1), spec.statementDay),
    nextGraceCheck: null,
    nextAnnualFeeDate: anniversary,
    lastStatementId: null,
  };
  const plans: EnginePlan[] = [];
  const simPlans: SimulatedPlan[] = [];
  const scheduled: Scheduled[] = [];
  let previous: { statementDate: string; newBalanceFen: number } | null = null;
  const perDay = spec.payer === 'dormant' ? 0 : spec.monthlyPurchases / 30;
  const installmentDay =
    spec.installmentDaysBeforeEnd !== undefined
      ? addDays(today, -spec.installmentDaysBeforeEnd)
      : rng.chance(0.05)
        ? addDays(start, rng.int(10, Math.max(11, daysBetween(start, today) - 5)))
        : null;
  const recentPurchases: TransactionsTable[] = [];
  const refunded = new Set<string>();

  const purchase = (date: string, m: Merchant, amount: number, suspicious = false) => {
    if (!acc.activatedOn || acc.activatedOn > date || availableOn(acc, date) < amount) return undefined;
    const t = termsOn(date);
    out.setTime(date, suspicious ? rng.int(60, 240) : rng.int(7 * 60, 23 * 60));
    const row = post(
      acc,
      t,
      {
        kind: 'purchase',
        amountFen: amount,
        postingDate: date,
        txnDate: date,
        cardId: spec.cardId,
        merchant: m.name,
        category: m.category,
        mcc: m.mcc,
        city: suspicious ? '境外' : spec.city,
        channel: m.channel,
        description: `消费 ${m.name}`,
        suspicious,
      },
      out,
    );
    recentPurchases.push(row);
    if (recentPurchases.length > 20) recentPurchases.shift();
    return row;
  };

  const yesterday = addDays(today, -1);
  for (const day of calendar(start, today)) {
    // 1. Grace check and card-year anniversary of the day (before anything the customer does that day).
    if (acc.nextGraceCheck === day && acc.lastStatementId) {
      const st = out.statements.get(acc.lastStatementId);
      out.setTime(day, 1);
      if (st) runGraceCheck(acc, termsOn(day), st, out);
      else acc.nextGraceCheck = null;
    }
    if (acc.nextAnnualFeeDate === day) {
      out.setTime(day, 2);
      runAnnualFee(acc, termsOn(day), day, out);
    }
    // 2. Repayments and other scheduled work.
    for (let i = 0; i < scheduled.length; ) {
      const s = scheduled[i];
      if (s && s.date === day) {
        scheduled.splice(i, 1);
        s.run();
      } else i++;
    }
    // 3. Spending.
    let n = 0;
    let p = perDay;
    while (p > 0 && rng.chance(Math.min(p, 0.95)) && n < 4) {
      const m = rng.weighted(MERCHANTS);
      purchase(day, m, rng.amountFen(m.medianYuan));
      p -= 1;
      n++;
    }
    if (perDay > 0 && rng.chance(0.0008)) {
      // An occasional cash advance at an ATM, with its fee.
      const t = termsOn(day);
      const amount = rng.int(5, 30) * 10_000;
      if (acc.activatedOn && availableOn(acc, day) > amount * 2) {
        out.setTime(day, rng.int(9 * 60, 21 * 60));
        const cash = post(
          acc,
          t,
          {
            kind: 'cash_advance',
            amountFen: amount,
            postingDate: day,
            cardId: spec.cardId,
            channel: 'atm',
            city: spec.city,
            description: 'ATM取现',
          },
          out,
        );
        post(
          acc,
          t,
          {
            kind: 'fee_cash',
            amountFen: cashAdvanceFee(amount, t.cashAdvance),
            postingDate: day,
            relatedTxnId: cash.id,
            description: '取现手续费',
          },
          out,
        );
      }
    }
    if (recentPurchases.length > 0 && rng.chance(perDay * 0.015)) {
      const orig = rng.pick(recentPurchases);
      if (orig.posting_date < day && !refunded.has(orig.id)) {
        const amount = rng.chance(0.7)
          ? Number(orig.amount_fen)
          : Math.max(100, Math.round(Number(orig.amount_fen) / 2));
        out.setTime(day, rng.int(8 * 60, 22 * 60));
        const t = termsOn(day);
        post(
          acc,
          t,
          {
            kind: 'refund',
            amountFen: amount,
            postingDate: day,
            cardId: spec.cardId,
            merchant: orig.merchant,
            category: orig.category,
            channel: orig.channel,
            relatedTxnId: orig.id,
            description: `退货退款 ${orig.merchant ?? ''}`,
            pointsReversal: Math.floor((Number(orig.points) * amount) / Number(orig.amount_fen)),
          },
          out,
        );
        refunded.add(orig.id);
      }
    }
    if (installmentDay === day) {
      const m = rng.pick(BIG_TICKET);
      const amount = Math.round(rng.amountFen(m.medianYuan, 0.2) / 100) * 100;
      const row = purchase(day, m, amount);
      const t = termsOn(day);
      const rate = t.installments.transaction.find((r) => r.periods === 12) ?? t.installments.transaction[0];
      if (row && rate) {
        const disclosure = discloseInstallment(amount, rate.periods, rate.feeRatePerPeriod);
        out.setTime(day, 23 * 60);
        const planId = out.newId();
        post(
          acc,
          t,
          {
            kind: 'installment_conversion',
            amountFen: amount,
            postingDate: day,
            relatedTxnId: row.id,
            installmentPlanId: planId,
            description: `消费转分期 ${m.name} ${rate.periods}期`,
          },
          out,
        );
        acc.unbilledInstallmentFen += amount;
        const plan: EnginePlan = {
          id: planId,
          principalFen: amount,
          periods: rate.periods,
          feeRatePerPeriod: rate.feeRatePerPeriod,
          periodsBilled: 0,
          principalBilledFen: 0,
          feesBilledFen: 0,
          status: 'active',
          createdOn: day,
          closedAt: null,
        };
        plans.push(plan);
        simPlans.push({
          plan,
          quoteId: out.newId(),
          kind: 'transaction',
          sourceId: row.id,
          aprPercent: disclosure.aprPercent,
          earPercent: disclosure.earPercent,
          disclosure: JSON.stringify(disclosure),
          createdAt: out.nowIso,
        });
      }
    }
    if (spec.suspiciousRecent && day >= yesterday) {
      for (const m of day === today ? SUSPICIOUS.slice(0, 2) : SUSPICIOUS.slice(2))
        purchase(day, m, Math.round(m.medianYuan * 100), true);
    }
    // 4. The statement at the end of its day.
    // Today is not over: its statement is closed by tonight's cycle, after today's live postings.
    if (acc.nextStatementDate === day && day < today) {
      const t = termsOn(day);
      out.setTime(day, 23 * 60 + 50);
      if (isQuietCycle(acc, out.sums, plans)) {
        acc.nextStatementDate = nextStatementAfter(day, acc.statementDay);
      } else {
        const st = runStatement(acc, t, day, plans, previous, out.sums, out);
        for (const row of out.cycleRows) row.statement_id = st.id;
        previous = { statementDate: day, newBalanceFen: st.newBalanceFen };
        schedulePayment(st, t);
      }
      out.cycleRows = [];
      out.sums = emptySums();
    }
  }

  function schedulePayment(st: EngineStatement, t: ProductTerms) {
    if (st.newBalanceFen <= 0) return;
    const onTime = addDays(st.statementDate, rng.int(3, t.daysToDue));
    const pay = (date: string, amount: () => number) =>
      scheduled.push({
        date,
        run: () => {
          const fen = amount();
          if (fen <= 0) return;
          out.setTime(date, rng.int(8 * 60, 22 * 60));
          post(
            acc,
            termsOn(date),
            {
              kind: 'repayment',
              amountFen: fen,
              postingDate: date,
              channel: rng.pick(['app', 'app', 'branch', 'online']),
              description: '还款',
            },
            out,
          );
        },
      });
    const owed = () => Math.max(0, st.newBalanceFen - (out.statements.get(st.id)?.paidFen ?? 0));
    switch (spec.payer) {
      case 'full':
      case 'dormant':
        pay(onTime, owed);
        break;
      case 'minimum':
        pay(onTime, () => Math.min(owed(), st.minimumPaymentFen));
        break;
      case 'partial':
        pay(onTime, () =>
          Math.min(owed(), Math.max(st.minimumPaymentFen, Math.round(st.newBalanceFen * (0.3 + rng.next() * 0.4)))),
        );
        break;
      case 'late':
        if (rng.chance(0.5))
          pay(addDays(st.graceUntil, rng.int(2, 6)), () => Math.min(owed(), st.minimumPaymentFen * 2));
        else pay(onTime, () => Math.min(owed(), st.minimumPaymentFen));
        break;
    }
  }

  return {
    acc,
    txns: out.txns,
    statements: [...out.statements.values()],
    plans: simPlans.map((s) => ({ ...s, plan: out.plans.get(s.plan.id) ?? s.plan })),
  };
}
