import type { Executor } from '../../platform/db/database.ts';
import { forUpdate } from '../../platform/db/dialect.ts';
import type { ContactsTable, ContactTurnsTable } from './contacts.tables.ts';

/** Every SQL statement on contacts, their stages and turns. Takes the db or transaction first. */
export function findContactRow(db: Executor, id: string): Promise<ContactsTable | undefined> {
  return db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks the row for read-modify-write (PostgreSQL FOR UPDATE; SQLite serialises writers already). */
export function lockContactRow(db: Executor, id: string): Promise<ContactsTable | undefined> {
  return forUpdate(db, db.selectFrom('contacts').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function insertContact(db: Executor, row: ContactsTable): Promise<void> {
  await db.insertInto('contacts').values(row).execute();
}

export async function updateContact(db: Executor, id: string, set: Partial<ContactsTable>): Promise<void> {
  await db.updateTable('contacts').set(set).where('id', '=', id).execute();
}

export async function insertStage(
  db: Executor,
  row: { id: string; contact_id: string; stage: string; at: string; actor_id: string | null; reason: string | null },
): Promise<void> {
  await db.insertInto('contact_stages').values(row).execute();
}

export function listStages(db: Executor, contactId: string) {
  return db
    .selectFrom('contact_stages')
    .select(['stage', 'at', 'actor_id', 'reason'])
    .where('contact_id', '=', contactId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function nextTurnSeq(db: Executor, contactId: string): Promise<number> {
  const row = await db
    .selectFrom('contact_turns')
    .select((eb) => eb.fn.max('seq').as('max'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertTurn(db: Executor, row: ContactTurnsTable): Promise<void> {
  await db.insertInto('contact_turns').values(row).execute();
}

export function listTurns(db: Executor, contactId: string, afterSeq = 0, limit = 500) {
  return db
    .selectFrom('contact_turns')
    .selectAll()
    .where('contact_id', '=', contactId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

export async function countFailedVerifications(db: Executor, contactId: string): Promise<number> {
  const row = await db
    .selectFrom('verification_attempts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId)
    .where('success', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many cases were opened from the contact (links the cases module recorded). */
export async function countPromisesRecorded(db: Executor, contactId: string): Promise<number> {
  const row = await db
    .selectFrom('promises')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countCasesOpened(db: Executor, contactId: string): Promise<number> {
  const row = await db
    .selectFrom('contact_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId)
    .where('kind', '=', 'case')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
