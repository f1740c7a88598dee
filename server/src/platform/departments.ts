import { departmentInputSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from './audit.ts';
import { authorize } from './auth/policy.ts';
import type { Ctx } from './context.ts';
import type { Executor } from './db/database.ts';
import { inTransaction } from './db/dialect.ts';
import type { DepartmentsTable } from './db/schema.ts';
import { AppError } from './errors.ts';
import { newId } from './ids.ts';

/** A department agents refer customers to, with the intents it handles (for routing suggestions). */
export interface Department {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  handles: string[];
}

/** What `POST /api/departments` takes: defined in the contract. */
export { departmentInputSchema };

export function departmentRowToDepartment(row: DepartmentsTable): Department {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    handles: JSON.parse(row.handles) as string[],
  };
}

export async function listDepartments(ctx: Ctx): Promise<Department[]> {
  authorize(ctx.actor, 'departments.read');
  const rows = await ctx.db.selectFrom('departments').selectAll().orderBy('code').execute();
  return rows.map(departmentRowToDepartment);
}

export function findDepartmentByCode(ctx: Ctx, code: string): Promise<Department | undefined> {
  return departmentByCode(ctx.db, code);
}

export async function createDepartment(ctx: Ctx, input: z.input<typeof departmentInputSchema>): Promise<Department> {
  authorize(ctx.actor, 'departments.manage');
  const data = departmentInputSchema.parse(input);
  return inTransaction(ctx, async (tctx) => {
    const exists = await tctx.db
      .selectFrom('departments')
      .select('id')
      .where('code', '=', data.code)
      .executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', { detail: `department ${data.code} exists` });
    const row: DepartmentsTable = {
      id: newId(ctx.clock.now()),
      code: data.code,
      name_zh: data.nameZh,
      name_en: data.nameEn,
      handles: JSON.stringify(data.handles),
      created_at: ctx.clock.now().toISOString(),
    };
    await tctx.db.insertInto('departments').values(row).execute();
    await audit(tctx, {
      action: 'department.create',
      entityType: 'department',
      entityId: row.id,
      details: { code: row.code },
    });
    return departmentRowToDepartment(row);
  });
}

/**
 * The department directory for the modules (routing, cases, the emergency lane): no role check, because a
 * customer's chat and the job worker read it too. The staff-facing list is `listDepartments`.
 */
export async function allDepartments(db: Executor): Promise<Department[]> {
  const rows = await db.selectFrom('departments').selectAll().orderBy('code').execute();
  return rows.map(departmentRowToDepartment);
}

export async function departmentById(db: Executor, id: string): Promise<Department | undefined> {
  const row = await db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? departmentRowToDepartment(row) : undefined;
}

export async function departmentByCode(db: Executor, code: string): Promise<Department | undefined> {
  const row = await db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? departmentRowToDepartment(row) : undefined;
}

/** Department id → code, for views that name a department by its code. */
export async function departmentCodes(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('departments').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.id, r.code]));
}
