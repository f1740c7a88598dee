import { sql } from 'kysely';
import type { Executor } from './db/database.ts';

/**
 * Named counters (`counters` table): daily case-number sequences, the knowledge base's content generation.
 * The next value is taken atomically — an upsert on the counter row — so two callers in the same second never
 * get the same number (PostgreSQL row lock; SQLite single writer).
 */
export async function nextSequence(db: Executor, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

/** A counter's value (0 before its first use). */
export async function readCounter(db: Executor, name: string): Promise<number> {
  const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst();
  return Number(row?.value ?? 0);
}
