import type { Ctx, Deps } from '../../platform/context.ts';
import { type ChargebackRule, DEFAULT_CHARGEBACK_RULES, DEFAULT_PROTECTION_HOURS } from './emergency-rules.ts';

/**
 * Settings of the emergency lane: chargeback limits per network and lost-card protection hours per product
 * (rows in their tables, defaults put in place at boot), and which network the bank's cards run on.
 */
export async function ensureEmergencyDefaults(deps: Pick<Deps, 'db' | 'clock'>): Promise<void> {
  const now = deps.clock.now().toISOString();
  for (const r of DEFAULT_CHARGEBACK_RULES) {
    await deps.db
      .insertInto('chargeback_rules')
      .values({
        network: r.network,
        name_zh: r.nameZh,
        basis: r.basis,
        days: r.days,
        retrieval_days: r.retrievalDays,
        updated_at: now,
        updated_by: null,
      })
      .onConflict((oc) => oc.column('network').doNothing())
      .execute();
  }
  await deps.db
    .insertInto('lost_card_protection')
    .values({
      product_code: '*',
      hours: DEFAULT_PROTECTION_HOURS,
      max_cover_fen: null,
      updated_at: now,
      updated_by: null,
    })
    .onConflict((oc) => oc.column('product_code').doNothing())
    .execute();
}

export async function chargebackRules(ctx: Pick<Ctx, 'db'>): Promise<ChargebackRule[]> {
  const rows = await ctx.db.selectFrom('chargeback_rules').selectAll().orderBy('network').execute();
  return rows.map((r) => ({
    network: r.network,
    nameZh: r.name_zh,
    basis: r.basis === 'statement' ? 'statement' : 'processing',
    days: r.days,
    retrievalDays: r.retrieval_days,
  }));
}

/** Hours of lost-card protection for a product (its own row, else the '*' default). */
export async function protectionHours(ctx: Pick<Ctx, 'db'>, productId: string): Promise<number> {
  const rows = await ctx.db
    .selectFrom('lost_card_protection')
    .select(['product_code', 'hours'])
    .where('product_code', 'in', [productId, '*'])
    .execute();
  return (
    (rows.find((r) => r.product_code === productId) ?? rows.find((r) => r.product_code === '*'))?.hours ??
    DEFAULT_PROTECTION_HOURS
  );
}

/** The bank's cards are issued on UnionPay BINs (62…); a bank on another network changes this setting. */
export async function cardNetwork(ctx: Pick<Ctx, 'db'>): Promise<string> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'emergency.card_network')
    .executeTakeFirst();
  return row ? String(JSON.parse(row.value)) : 'unionpay';
}
