/**
 * Where a repayment goes (card-rules.md §1, 《2011办法》Art. 57): while an account is at most 90 days
 * overdue, interest and fees are paid first; beyond 90 days, principal first. Within principal, the most
 * expensive money goes first: cash (interest from day one), then revolving, then billed, then unbilled.
 */
export const BUCKETS = ['interest', 'fees', 'cash', 'revolving', 'billed', 'unbilled'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const PRINCIPAL_FIRST_AFTER_DAYS = 90;

const INTEREST_AND_FEES_FIRST: readonly Bucket[] = ['interest', 'fees', 'cash', 'revolving', 'billed', 'unbilled'];
const PRINCIPAL_FIRST: readonly Bucket[] = ['cash', 'revolving', 'billed', 'unbilled', 'fees', 'interest'];
/** A refund returns a purchase: it reduces purchase principal before anything else. */
export const REFUND_ORDER: readonly Bucket[] = ['unbilled', 'billed', 'revolving', 'cash', 'fees', 'interest'];

export function repaymentOrder(overdueDays: number): readonly Bucket[] {
  return overdueDays > PRINCIPAL_FIRST_AFTER_DAYS ? PRINCIPAL_FIRST : INTEREST_AND_FEES_FIRST;
}

export type Allocation = Partial<Record<Bucket | 'overpayment', number>>;

/** Splits `amount` over the buckets in `order`; what is left over becomes overpayment (溢缴款). */
export function allocate(
  amount: number,
  owed: Readonly<Record<Bucket, number>>,
  order: readonly Bucket[],
): { allocation: Allocation; remaining: Record<Bucket, number>; overpayment: number } {
  const remaining = { ...owed };
  const allocation: Allocation = {};
  let left = amount;
  for (const b of order) {
    if (left <= 0) break;
    const take = Math.min(left, Math.max(0, remaining[b]));
    if (take > 0) {
      allocation[b] = take;
      remaining[b] -= take;
      left -= take;
    }
  }
  if (left > 0) allocation.overpayment = left;
  return { allocation, remaining, overpayment: left };
}
