import type { Executor } from '../../../platform/db/database.ts';
import { BUCKETS, type Bucket } from '../rules/allocation.ts';
import { bucketOfDebit } from './book.ts';

/**
 * Checks an account's cached balances against its postings: the balance is the sum of the postings; each
 * bucket is what was debited to it minus what credits (and absorbed overpayment) took from it; the credit
 * balance is what credits left over minus what later debits absorbed; points equal the points posted.
 * Returns the discrepancies (empty when the books agree).
 */
export async function checkAccountLedger(db: Executor, accountId: string): Promise<string[]> {
  const account = await db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('transactions')
    .select(['kind', 'amount_fen', 'allocation', 'points'])
    .where('account_id', '=', accountId)
    .execute();
  const expected: Record<Bucket, number> = { interest: 0, fees: 0, cash: 0, revolving: 0, billed: 0, unbilled: 0 };
  let principal = 0;
  let overpayment = 0;
  let balance = 0;
  let points = 0;
  for (const r of rows) {
    const amount = Number(r.amount_fen);
    balance += amount;
    points += Number(r.points);
    const alloc = r.allocation ? (JSON.parse(r.allocation) as Record<string, number>) : {};
    if (amount > 0) {
      const b = bucketOfDebit(r.kind);
      const absorbed = alloc.overpayment ?? 0;
      if (b === 'unbilled') principal += amount - absorbed;
      else expected[b] += amount - absorbed;
      overpayment -= absorbed;
    } else {
      for (const b of BUCKETS) {
        const take = alloc[b] ?? 0;
        if (b === 'unbilled' || b === 'billed' || b === 'revolving') principal -= take;
        else expected[b] -= take;
      }
      overpayment += alloc.overpayment ?? 0;
    }
  }
  // Amounts under a fraud dispute were taken out of their buckets without a posting: they still count.
  const disputes = await db
    .selectFrom('ledger_disputes')
    .select('taken')
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending')
    .execute();
  let disputedPrincipal = 0;
  let disputedCash = 0;
  for (const d of disputes) {
    const taken = JSON.parse(d.taken) as Record<string, number>;
    disputedPrincipal += (taken.unbilled ?? 0) + (taken.billed ?? 0) + (taken.revolving ?? 0);
    disputedCash += taken.cash ?? 0;
  }
  const problems: string[] = [];
  const got = {
    interest: Number(account.bucket_interest_fen),
    fees: Number(account.bucket_fees_fen),
    cash: Number(account.bucket_cash_fen) + disputedCash,
  };
  // Purchase principal moves between unbilled → billed → revolving over time; its total is what must agree.
  const gotPrincipal =
    Number(account.bucket_unbilled_fen) +
    Number(account.bucket_billed_fen) +
    Number(account.bucket_revolving_fen) +
    disputedPrincipal;
  if (Number(account.balance_fen) !== balance) problems.push(`balance ${account.balance_fen} ≠ Σ postings ${balance}`);
  for (const b of ['interest', 'fees', 'cash'] as const) {
    if (got[b] !== expected[b]) problems.push(`${b} bucket ${got[b]} ≠ ledger ${expected[b]}`);
  }
  if (gotPrincipal !== principal) problems.push(`principal ${gotPrincipal} ≠ ledger ${principal}`);
  if (Number(account.overpayment_fen) !== overpayment)
    problems.push(`overpayment ${account.overpayment_fen} ≠ ledger ${overpayment}`);
  const redeemed = await db
    .selectFrom('points_redemptions')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('points'), eb.lit(0)).as('p'))
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  if (Number(account.points_balance) !== points - Number(redeemed.p)) {
    problems.push(`points ${account.points_balance} ≠ ledger ${points - Number(redeemed.p)}`);
  }
  return problems;
}
