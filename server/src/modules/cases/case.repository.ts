import type { Insertable, Selectable, Updateable } from 'kysely';
import { staffById } from '../../platform/auth/staff.ts';
import { nextSequence } from '../../platform/counters.ts';
import type { Executor } from '../../platform/db/database.ts';
import { forUpdate } from '../../platform/db/dialect.ts';
import {
  departmentCodes,
  departmentByCode as platformDepartmentByCode,
  departmentById as platformDepartmentById,
} from '../../platform/departments.ts';
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

/** The next number of a daily sequence (case numbers): the platform's atomic counter. */
export { departmentCodes, nextSequence };

/** A department as cases name it. */
export async function departmentById(db: Executor, id: string) {
  const d = await platformDepartmentById(db, id);
  return d ? { id: d.id, code: d.code, name_zh: d.nameZh } : undefined;
}

export async function departmentByCode(db: Executor, code: string) {
  const d = await platformDepartmentByCode(db, code);
  return d ? { id: d.id, code: d.code, name_zh: d.nameZh } : undefined;
}

/** A user as cases judge an assignee or subject: the platform's staff directory. */
export async function userById(db: Executor, id: string) {
  const u = await staffById(db, id);
  return u
    ? {
        id: u.id,
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        department_id: u.departmentId,
        disabled: u.disabled ? 1 : 0,
      }
    : undefined;
}

/** The details of a case's first event of a kind (e.g. the liability decision), parsed; none if there is none. */
export async function caseEventDetails(db: Executor, caseId: string, kind: string): Promise<unknown> {
  const row = await db
    .selectFrom('case_events')
    .select('details')
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row ? (JSON.parse(row.details) as unknown) : undefined;
}

/** A case by id, for a module that holds its id (the emergency lane's fraud case); throws when there is none. */
export async function findCaseRow(db: Executor, id: string): Promise<CaseRow> {
  const row = await findCase(db, id);
  if (!row) throw new Error(`case ${id} not found`);
  return row;
}
