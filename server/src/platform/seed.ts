import type { Role } from '@carddesk/contracts';
import { createUser } from './auth/auth.service.ts';
import { rolesGranted } from './auth/policy.ts';
import type { Ctx } from './context.ts';
import { createDepartment, findDepartmentByCode } from './departments.ts';

/** The departments agents refer to (guide §3.4), with the intents each handles. */
export const SEED_DEPARTMENTS = [
  {
    code: 'fraud_risk',
    nameZh: '风险管理部(反欺诈)',
    nameEn: 'Fraud and risk',
    handles: ['fraud_report', 'card_loss_report'],
  },
  {
    code: 'disputes',
    nameZh: '争议处理中心',
    nameEn: 'Disputes',
    handles: ['transaction_dispute', 'complaint_fee'],
  },
  {
    code: 'collections',
    nameZh: '催收管理部',
    nameEn: 'Collections',
    handles: ['overdue_credit', 'complaint_collection'],
  },
  {
    code: 'card_production',
    nameZh: '制卡与寄送中心',
    nameEn: 'Card production and delivery',
    handles: ['card_delivery', 'card_replace', 'card_apply', 'application_status'],
  },
  { code: 'vip_service', nameZh: 'VIP 客户服务中心', nameEn: 'VIP service', handles: ['benefits'] },
  {
    code: 'senior_agents',
    nameZh: '高级客服组',
    nameEn: 'Senior agents',
    handles: ['complaint_service', 'complaint_marketing', 'fee_waiver_request', 'limit_increase'],
  },
] as const;

/** One demo user per role, named after the role (README lists them). */
export const DEMO_USERS: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  agentNo?: string;
  department?: string;
}> = [
  { username: 'agent', displayName: '李晓婷', role: 'agent', agentNo: '8001' },
  { username: 'senior_agent', displayName: '王建国', role: 'senior_agent', agentNo: '8101' },
  { username: 'supervisor', displayName: '陈主管', role: 'supervisor', agentNo: '8201' },
  { username: 'qa', displayName: '赵质检', role: 'qa' },
  { username: 'kb_editor', displayName: '孙编辑', role: 'kb_editor' },
  { username: 'dept_handler', displayName: '周争议', role: 'dept_handler', department: 'disputes' },
  { username: 'head_office', displayName: '钱总行', role: 'head_office' },
  { username: 'fraud_handler', displayName: '吴风控', role: 'dept_handler', department: 'fraud_risk' },
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
];

export async function seedDepartments(ctx: Ctx): Promise<void> {
  for (const d of SEED_DEPARTMENTS) {
    if (!(await findDepartmentByCode(ctx, d.code))) await createDepartment(ctx, { ...d, handles: [...d.handles] });
  }
}

export async function seedDemoUsers(ctx: Ctx, password: string): Promise<void> {
  for (const u of DEMO_USERS) {
    const exists = await ctx.db.selectFrom('users').select('id').where('username', '=', u.username).executeTakeFirst();
    if (exists) continue;
    const dept = u.department ? await findDepartmentByCode(ctx, u.department) : undefined;
    await createUser(
      ctx,
      {
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        password,
        agentNo: u.agentNo ?? null,
        departmentId: dept?.id ?? null,
      },
      // The demo password is documented and may be short; real users get the strength rule.
      { skipStrength: true },
    );
  }
}

/** Outside demo mode there are no default passwords: the first admin's comes from CARDDESK_ADMIN_PASSWORD. */
export async function ensureFirstAdmin(
  ctx: Ctx,
  password: string | undefined,
): Promise<'created' | 'exists' | 'missing'> {
  const any = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', 'in', rolesGranted('users.manage'))
    .executeTakeFirst();
  if (any) return 'exists';
  if (!password) return 'missing';
  await createUser(ctx, { username: 'admin', displayName: '系统管理员', role: 'admin', password });
  return 'created';
}
