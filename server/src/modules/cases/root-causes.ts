import { type RootCauseView, rootCauseSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * The managed root-cause taxonomy (溯源整改): every closed complaint names one, and the periodic analysis
 * groups by it. Causes are never deleted — only deactivated — so old cases keep their meaning.
 */
export const DEFAULT_ROOT_CAUSES = [
  { code: 'product_design', nameZh: '产品设计', nameEn: 'Product design', description: '产品规则、权益或条款本身引起' },
  {
    code: 'fee_pricing',
    nameZh: '收费定价',
    nameEn: 'Fees and pricing',
    description: '年费、利息、违约金、分期费用等',
  },
  { code: 'process', nameZh: '业务流程', nameEn: 'Process', description: '流程繁琐、时效过长、规则执行不一致' },
  { code: 'staff_conduct', nameZh: '人员服务', nameEn: 'Staff conduct', description: '服务态度、解释错误、未履行承诺' },
  { code: 'system', nameZh: '系统故障', nameEn: 'System', description: '系统、渠道或交易故障' },
  { code: 'collection', nameZh: '催收行为', nameEn: 'Collection', description: '催收方式、频率或第三方催收行为' },
  { code: 'marketing', nameZh: '营销行为', nameEn: 'Marketing', description: '营销打扰、误导销售、捆绑搭售' },
  {
    code: 'information_disclosure',
    nameZh: '信息披露',
    nameEn: 'Disclosure',
    description: '费率、年化利率、规则告知不充分',
  },
  { code: 'fraud_security', nameZh: '用卡安全', nameEn: 'Card security', description: '盗刷、欺诈、信息泄露' },
  { code: 'third_party', nameZh: '第三方/商户', nameEn: 'Third party or merchant', description: '商户、合作方原因' },
  {
    code: 'customer_misunderstanding',
    nameZh: '客户误解',
    nameEn: 'Customer misunderstanding',
    description: '经解释后客户理解,非银行过错',
  },
] as const;

export { rootCauseSchema };
/** A cause as listed and saved (`rootCauseViewSchema` in the contracts). */
export type RootCause = RootCauseView;

/** Puts the built-in causes in place on boot; existing rows (perhaps edited or deactivated) are left alone. */
export async function ensureRootCauses(deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now().toISOString();
  for (const [i, c] of DEFAULT_ROOT_CAUSES.entries()) {
    await deps.db
      .insertInto('case_root_causes')
      .values({
        code: c.code,
        name_zh: c.nameZh,
        name_en: c.nameEn,
        description: c.description,
        active: 1,
        sort: (i + 1) * 10,
        created_at: now,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}

export async function listRootCauses(ctx: Ctx, includeInactive = false): Promise<RootCause[]> {
  authorize(ctx.actor, 'cases.list');
  let q = ctx.db.selectFrom('case_root_causes').selectAll().orderBy('sort').orderBy('code');
  if (!includeInactive) q = q.where('active', '=', 1);
  const rows = await q.execute();
  return rows.map((r) => ({
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    description: r.description,
    active: r.active === 1,
    sort: r.sort,
  }));
}

/** Creates or updates one cause (admin). */
export async function saveRootCause(ctx: Ctx, input: z.input<typeof rootCauseSchema>): Promise<RootCause> {
  authorize(ctx.actor, 'cases.manage');
  const c = rootCauseSchema.parse(input);
  return inTransaction(ctx, async (tctx) => {
    const existing = await tctx.db
      .selectFrom('case_root_causes')
      .selectAll()
      .where('code', '=', c.code)
      .executeTakeFirst();
    const sort = c.sort ?? existing?.sort ?? 1000;
    const values = { name_zh: c.nameZh, name_en: c.nameEn, description: c.description, active: c.active ? 1 : 0, sort };
    if (existing) await tctx.db.updateTable('case_root_causes').set(values).where('code', '=', c.code).execute();
    else
      await tctx.db
        .insertInto('case_root_causes')
        .values({ code: c.code, ...values, created_at: ctx.clock.now().toISOString() })
        .execute();
    await audit(tctx, {
      action: existing ? 'cases.root_cause_update' : 'cases.root_cause_create',
      entityType: 'case_root_cause',
      entityId: c.code,
      details: values,
    });
    return { ...c, sort };
  });
}

export async function requireActiveRootCause(ctx: Ctx, code: string): Promise<void> {
  const row = await ctx.db.selectFrom('case_root_causes').select('active').where('code', '=', code).executeTakeFirst();
  if (row?.active !== 1) throw new AppError('CASE_UNKNOWN_ROOT_CAUSE');
}
