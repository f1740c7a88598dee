import type { TransactionKind } from '@carddesk/contracts';
import type { Executor } from '../../platform/db/database.ts';
import { type DisputeView, disputeViewOf } from './ledger/dispute.service.ts';
import type { CardStatus } from './rules/card-status.ts';

/**
 * What other modules may ask of the card engine's tables, as plain facts (no rows): whether a customer exists,
 * products by code, the stamp of the product terms in force, a card's billing dates, the statement a
 * transaction is on. Other modules never query the card engine's tables themselves.
 */

export async function customerExists(db: Executor, customerId: string): Promise<boolean> {
  const row = await db.selectFrom('customers').select('id').where('id', '=', customerId).executeTakeFirst();
  return row !== undefined;
}

/** Customer ids in id order (demo seeding of other modules attaches history to them). */
export async function listCustomerIds(db: Executor, limit?: number): Promise<string[]> {
  let q = db.selectFrom('customers').select('id').orderBy('id');
  if (limit !== undefined) q = q.limit(limit);
  return (await q.execute()).map((r) => r.id);
}

/** A product as other modules name it. */
export interface ProductRef {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Every product, or those with the given codes / ids. */
export async function productRefs(
  db: Executor,
  filter: { codes?: readonly string[]; ids?: readonly string[] } = {},
): Promise<ProductRef[]> {
  let q = db.selectFrom('products').select(['id', 'code', 'name_zh', 'name_en']);
  if (filter.codes) {
    if (filter.codes.length === 0) return [];
    q = q.where('code', 'in', [...filter.codes]);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('id', 'in', [...filter.ids]);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, code: r.code, nameZh: r.name_zh, nameEn: r.name_en }));
}

/**
 * Changes exactly when the product versions in force on `date` do: versions are only ever added (never edited
 * or deleted), so their count and newest id among those effective by `date` tell. The id also tells apart a
 * version added after another was rolled back. For caches of rendered product facts.
 */
export async function productTermsStamp(db: Executor, date: string): Promise<string> {
  const row = await db
    .selectFrom('product_versions')
    .select(({ fn }) => [fn.countAll<number | string>().as('n'), fn.max('id').as('last')])
    .where('effective_from', '<=', date)
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${row?.last ?? ''}`;
}

/** A card's BIN (its network) and its account's statement dates. */
export async function cardBillingFacts(
  db: Executor,
  cardId: string,
): Promise<{ bin: string; statementDay: number; nextStatementDate: string }> {
  const row = await db
    .selectFrom('cards')
    .innerJoin('accounts', 'accounts.id', 'cards.account_id')
    .select(['cards.bin', 'accounts.statement_day', 'accounts.next_statement_date'])
    .where('cards.id', '=', cardId)
    .executeTakeFirstOrThrow();
  return { bin: row.bin, statementDay: row.statement_day, nextStatementDate: row.next_statement_date };
}

/** The date of the statement each transaction is on (none for one not billed yet). */
export async function statementDatesOf(db: Executor, transactionIds: readonly string[]): Promise<Map<string, string>> {
  if (transactionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('transactions')
    .innerJoin('statements', 'statements.id', 'transactions.statement_id')
    .select(['transactions.id', 'statements.statement_date'])
    .where('transactions.id', 'in', [...transactionIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.statement_date]));
}

/** A card as other modules (and their tests) observe it: no number, no personal data. */
export interface CardFacts {
  id: string;
  accountId: string;
  customerId: string;
  productCode: string;
  bin: string;
  last4: string;
  status: CardStatus;
  replacedByCardId: string | null;
  /** The account's statement day. */
  statementDay: number;
}

/** Cards matching every given filter, in id order. */
export async function cardFacts(
  db: Executor,
  filter: {
    cardId?: string;
    customerId?: string;
    last4?: string;
    productCodes?: readonly string[];
    status?: CardStatus;
  } = {},
): Promise<CardFacts[]> {
  let q = db
    .selectFrom('cards')
    .innerJoin('accounts', 'accounts.id', 'cards.account_id')
    .innerJoin('products', 'products.id', 'cards.product_id')
    .select([
      'cards.id',
      'cards.account_id',
      'cards.customer_id',
      'products.code',
      'cards.bin',
      'cards.last4',
      'cards.status',
      'cards.replaced_by_card_id',
      'accounts.statement_day',
    ]);
  if (filter.cardId !== undefined) q = q.where('cards.id', '=', filter.cardId);
  if (filter.customerId !== undefined) q = q.where('cards.customer_id', '=', filter.customerId);
  if (filter.last4 !== undefined) q = q.where('cards.last4', '=', filter.last4);
  if (filter.productCodes) {
    if (filter.productCodes.length === 0) return [];
    q = q.where('products.code', 'in', [...filter.productCodes]);
  }
  if (filter.status !== undefined) q = q.where('cards.status', '=', filter.status);
  const rows = await q.orderBy('cards.id').execute();
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    customerId: r.customer_id,
    productCode: r.code,
    bin: r.bin,
    last4: r.last4,
    status: r.status as CardStatus,
    replacedByCardId: r.replaced_by_card_id,
    statementDay: r.statement_day,
  }));
}

/** An account's amount set aside for disputes (fen). */
export async function accountDisputedFen(db: Executor, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select('disputed_fen')
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return Number(row.disputed_fen);
}

/** A ledger posting as other modules observe it. */
export interface TransactionFacts {
  id: string;
  kind: TransactionKind;
  amountFen: number;
  txnDate: string;
  relatedTxnId: string | null;
}

/** Postings matching every given filter, in id order. */
export async function transactionFacts(
  db: Executor,
  filter: { cardId?: string; kinds?: readonly TransactionKind[]; txnDateFrom?: string; relatedTxnId?: string },
): Promise<TransactionFacts[]> {
  let q = db.selectFrom('transactions').select(['id', 'kind', 'amount_fen', 'txn_date', 'related_txn_id']);
  if (filter.cardId !== undefined) q = q.where('card_id', '=', filter.cardId);
  if (filter.kinds) {
    if (filter.kinds.length === 0) return [];
    q = q.where('kind', 'in', [...filter.kinds]);
  }
  if (filter.txnDateFrom !== undefined) q = q.where('txn_date', '>=', filter.txnDateFrom);
  if (filter.relatedTxnId !== undefined) q = q.where('related_txn_id', '=', filter.relatedTxnId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as TransactionKind,
    amountFen: Number(r.amount_fen),
    txnDate: r.txn_date,
    relatedTxnId: r.related_txn_id,
  }));
}

/** Disputed transactions (set aside from the account), optionally only those in one status, in transaction order. */
export async function ledgerDisputes(
  db: Executor,
  filter: { status?: DisputeView['status']; transactionId?: string } = {},
): Promise<DisputeView[]> {
  let q = db.selectFrom('ledger_disputes').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.transactionId !== undefined) q = q.where('transaction_id', '=', filter.transactionId);
  return (await q.orderBy('transaction_id').execute()).map(disputeViewOf);
}

/** Ids of an account's recorded limit changes (temporary, permanent, decreases), oldest first. */
export async function limitChangeIds(db: Executor, accountId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('limit_changes')
    .select('id')
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The figures of a customer's newest statement (of any of their accounts), or undefined before the first. */
export async function latestStatementFacts(
  db: Executor,
  customerId: string,
): Promise<{ accountId: string; statementDate: string; dueDate: string; minimumPaymentFen: number } | undefined> {
  const row = await db
    .selectFrom('statements')
    .innerJoin('accounts', 'accounts.id', 'statements.account_id')
    .select([
      'statements.account_id',
      'statements.statement_date',
      'statements.due_date',
      'statements.minimum_payment_fen',
    ])
    .where('accounts.customer_id', '=', customerId)
    .orderBy('statements.statement_date', 'desc')
    .orderBy('statements.id', 'desc')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    accountId: row.account_id,
    statementDate: row.statement_date,
    dueDate: row.due_date,
    minimumPaymentFen: Number(row.minimum_payment_fen),
  };
}

/** A customer's recorded consent to an installment plan: which plan, through which contact. */
export interface InstallmentConsentFacts {
  planId: string;
  accountId: string;
  contactId: string | null;
}

/** The installment consents recorded for a customer, or for one plan, in the order they were given. */
export async function installmentConsents(
  db: Executor,
  filter: { customerId?: string; planId?: string },
): Promise<InstallmentConsentFacts[]> {
  let q = db.selectFrom('installment_consents').select(['plan_id', 'account_id', 'contact_id']);
  if (filter.customerId !== undefined) q = q.where('customer_id', '=', filter.customerId);
  if (filter.planId !== undefined) q = q.where('plan_id', '=', filter.planId);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ planId: r.plan_id, accountId: r.account_id, contactId: r.contact_id }));
}
