import type { Ctx } from '../../platform/context.ts';
import { type Department, departmentRowToDepartment } from '../../platform/departments.ts';

/**
 * The department directory (guide §2.3/§3.4) as routing reads it: no role check, because a customer's
 * chat and the job worker route too. The staff-facing list is the platform's `GET /api/departments`.
 */
export async function listDepartmentsUnchecked(ctx: Ctx): Promise<Department[]> {
  const rows = await ctx.db.selectFrom('departments').selectAll().orderBy('code').execute();
  return rows.map(departmentRowToDepartment);
}

export async function findDepartment(ctx: Ctx, code: string): Promise<Department | undefined> {
  const row = await ctx.db.selectFrom('departments').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? departmentRowToDepartment(row) : undefined;
}
