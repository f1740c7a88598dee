import type { Executor } from '../../platform/db/database.ts';

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
