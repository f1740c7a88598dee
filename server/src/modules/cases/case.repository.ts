import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { forUpdate } from '../../platform/db/dialect.ts';
import type { CaseEventsTable, CaseMessagesTable, CasesTable } from './cases.tables.ts';

/** Every SQL statement of the cases module; each takes the database or the open transaction first. */
export type CaseRow = Selectable<CasesTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type CaseMessageRow = Selectable<CaseMessagesTable>;

export async function insertCase(db: Executor, row: Insertable<CasesTable>): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export function findCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCaseByNumber(db: Executor, number: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
}

/** The case row locked for a read-modify-write (PostgreSQL FOR UPDATE; SQLite serialises writers). */
export function lockCase(db: Executor, id: string): Promise<CaseRow | undefined> {
  return forUpdate(db, db.selectFrom('cases').selectAll().where('id', '=', id)).executeTakeFirst();
}

export async function updateCase(db: Executor, id: string, patch: Updateable<CasesTable>): Promise<void> {
  await db.updateTable('cases').set(patch).where('id', '=', id).execute();
}

/** Appends to the history; the caller holds the case row lock, so the next seq is its own. */
export async function insertCaseEvent(db: Executor, row: Omit<Insertable<CaseEventsTable>, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('case_id', '=', row.case_id)
    .executeTakeFirst();
  await db
    .insertInto('case_events')
    .values({ ...row, seq: Number(last?.seq ?? 0) + 1 })
    .execute();
}

export function listCaseEvents(db: Executor, caseId: string): Promise<CaseEventRow[]> {
  return db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
}

export async function countCaseEvents(db: Executor, caseId: string, kind: string, key?: string): Promise<number> {
  let q = db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('kind', '=', kind);
  if (key !== undefined) q = q.where('details', 'like', `%"key":${JSON.stringify(key)}%`);
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertCaseMessage(db: Executor, row: Insertable<CaseMessagesTable>): Promise<void> {
  await db.insertInto('case_messages').values(row).execute();
}

export function listCaseMessages(db: Executor, caseId: string): Promise<CaseMessageRow[]> {
  return db
    .selectFrom('case_messages')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
}

export function listCustomerMessages(db: Executor, customerId: string, limit: number): Promise<CaseMessageRow[]> {
  return db
    .selectFrom('case_messages')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function listAppraisals(db: Executor, caseId: string) {
  return db.selectFrom('case_appraisals').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export async function hasDeclaredConflict(db: Executor, userId: string, customerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_conflicts')
    .select('id')
    .where('user_id', '=', userId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The next number of a daily sequence, atomically: an upsert on the counter row, so two intakes in the
 * same second never get the same case number (PostgreSQL row lock; SQLite single writer).
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

export function departmentById(db: Executor, id: string) {
  return db.selectFrom('departments').select(['id', 'code', 'name_zh']).where('id', '=', id).executeTakeFirst();
}

export function departmentByCode(db: Executor, code: string) {
  return db.selectFrom('departments').select(['id', 'code', 'name_zh']).where('code', '=', code).executeTakeFirst();
}

export function userById(db: Executor, id: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'role', 'department_id', 'disabled'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function departmentCodes(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('departments').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
