import type { Ctx } from '../../platform/context.ts';
import { allDepartments, type Department, departmentByCode } from '../../platform/departments.ts';

/**
 * The department directory (guide §2.3/§3.4) as routing reads it: no role check, because a customer's
 * chat and the job worker route too. The staff-facing list is the platform's `GET /api/departments`.
 */
export async function listDepartmentsUnchecked(ctx: Ctx): Promise<Department[]> {
  return allDepartments(ctx.db);
}

export async function findDepartment(ctx: Ctx, code: string): Promise<Department | undefined> {
  return departmentByCode(ctx.db, code);
}
