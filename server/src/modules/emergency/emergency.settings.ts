import { binNetworkSchema, emergencySettingsSchema } from '@carddesk/contracts';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { givenFields, readSetting, writeSetting } from '../../platform/settings.ts';
import { productRefs } from '../cards/index.ts';
import {
  type BinNetwork,
  type ChargebackRule,
  DEFAULT_BIN_NETWORKS,
  DEFAULT_CHARGEBACK_RULES,
  DEFAULT_PROTECTION_HOURS,
  networkForBin,
} from './emergency.rules.ts';

const CARD_NETWORK_KEY = 'emergency.card_network';
const BIN_NETWORKS_KEY = 'emergency.bin_networks';

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

/** Lost-card protection of a product (by its code), else the '*' default row. */
export async function lostCardProtection(
  ctx: Pick<Ctx, 'db'>,
  productId: string,
): Promise<{ hours: number; maxCoverFen: number | null }> {
  // Rows are keyed by product code (what a bank's rules name); cards carry the product's id.
  const codes = (await productRefs(ctx.db, { ids: [productId] })).map((p) => p.code);
  const rows = await ctx.db
    .selectFrom('lost_card_protection')
    .select(['product_code', 'hours', 'max_cover_fen'])
    .where('product_code', 'in', [...codes, '*'])
    .execute();
  const row = rows.find((r) => r.product_code !== '*') ?? rows[0];
  return row
    ? { hours: row.hours, maxCoverFen: row.max_cover_fen === null ? null : Number(row.max_cover_fen) }
    : { hours: DEFAULT_PROTECTION_HOURS, maxCoverFen: null };
}

/** The network of a card whose BIN no range names: the bank's cards are issued on UnionPay (62…) by default. */
export async function cardNetwork(ctx: Pick<Ctx, 'db'>): Promise<string> {
  const stored = await readSetting(ctx, CARD_NETWORK_KEY);
  return stored === undefined ? 'unionpay' : String(stored);
}

/** The BIN ranges of the card networks (prefix → network), the defaults unless the bank set its own. */
export async function binNetworks(ctx: Pick<Ctx, 'db'>): Promise<BinNetwork[]> {
  const stored = z.array(binNetworkSchema).safeParse(await readSetting(ctx, BIN_NETWORKS_KEY));
  return stored.success ? stored.data : [...DEFAULT_BIN_NETWORKS];
}

/** The network a card runs on, from its BIN. */
export async function networkOfCard(ctx: Pick<Ctx, 'db'>, bin: string): Promise<string> {
  return networkForBin(bin, await binNetworks(ctx), await cardNetwork(ctx));
}

// The settings document is the contract's (what the settings routes take and answer).
export { emergencySettingsSchema };
export type EmergencySettings = z.infer<typeof emergencySettingsSchema>;

export async function loadEmergencySettings(ctx: Pick<Ctx, 'db'>): Promise<EmergencySettings> {
  const protection = await ctx.db.selectFrom('lost_card_protection').selectAll().orderBy('product_code').execute();
  return {
    cardNetwork: await cardNetwork(ctx),
    binNetworks: await binNetworks(ctx),
    chargebackRules: await chargebackRules(ctx),
    lostCardProtection: protection.map((r) => ({
      productCode: r.product_code,
      hours: r.hours,
      maxCoverFen: r.max_cover_fen === null ? null : Number(r.max_cover_fen),
    })),
  };
}

/** The settings as the admin portal reads them (they are edited there). */
export async function readEmergencySettings(ctx: Ctx): Promise<EmergencySettings> {
  authorize(ctx.actor, 'settings.manage');
  return loadEmergencySettings(ctx);
}

function invalid(detail: string): AppError {
  return new AppError('EMERGENCY_SETTING_INVALID', { detail });
}

/**
 * Changes the emergency settings: the parts given replace what is stored, in one transaction, audited with
 * before and after. The result must stay usable by the lane: one rule per network, a rule for the card
 * network, one row per product, a '*' row, and only products the catalogue knows.
 */
export async function updateEmergencySettings(
  ctx: Ctx,
  patch: { [K in keyof EmergencySettings]?: EmergencySettings[K] | undefined },
): Promise<EmergencySettings> {
  authorize(ctx.actor, 'settings.manage');
  return inTransaction(ctx, async (tctx) => {
    const before = await loadEmergencySettings(tctx);
    const parsed = emergencySettingsSchema.safeParse({ ...before, ...givenFields(patch) });
    if (!parsed.success) throw new AppError('EMERGENCY_SETTING_INVALID', { details: parsed.error.issues });
    const next = parsed.data;
    const networks = next.chargebackRules.map((r) => r.network);
    if (new Set(networks).size !== networks.length) throw invalid('a network listed twice');
    if (!networks.includes(next.cardNetwork)) throw invalid('no chargeback rule for the card network');
    const unruled = next.binNetworks.filter((b) => !networks.includes(b.network)).map((b) => b.network);
    if (unruled.length > 0) throw invalid(`no chargeback rule for ${[...new Set(unruled)].join(', ')}`);
    const prefixes = next.binNetworks.map((b) => b.prefix);
    if (new Set(prefixes).size !== prefixes.length) throw invalid('a BIN prefix listed twice');
    const codes = next.lostCardProtection.map((p) => p.productCode);
    if (new Set(codes).size !== codes.length) throw invalid('a product listed twice');
    if (!codes.includes('*')) throw invalid("the '*' row (every other product) is required");
    const named = codes.filter((c) => c !== '*');
    if (named.length > 0) {
      const known = await productRefs(tctx.db, { codes: named });
      const unknown = named.filter((c) => !known.some((k) => k.code === c));
      if (unknown.length > 0) throw invalid(`unknown product ${unknown.join(', ')}`);
    }

    const now = ctx.clock.now().toISOString();
    const by = ctx.actor.userId;
    if (patch.chargebackRules) {
      await tctx.db.deleteFrom('chargeback_rules').execute();
      await tctx.db
        .insertInto('chargeback_rules')
        .values(
          next.chargebackRules.map((r) => ({
            network: r.network,
            name_zh: r.nameZh,
            basis: r.basis,
            days: r.days,
            retrieval_days: r.retrievalDays,
            updated_at: now,
            updated_by: by,
          })),
        )
        .execute();
    }
    if (patch.lostCardProtection) {
      await tctx.db.deleteFrom('lost_card_protection').execute();
      await tctx.db
        .insertInto('lost_card_protection')
        .values(
          next.lostCardProtection.map((p) => ({
            product_code: p.productCode,
            hours: p.hours,
            max_cover_fen: p.maxCoverFen,
            updated_at: now,
            updated_by: by,
          })),
        )
        .execute();
    }
    if (patch.cardNetwork !== undefined) await writeSetting(tctx, CARD_NETWORK_KEY, next.cardNetwork);
    if (patch.binNetworks !== undefined) await writeSetting(tctx, BIN_NETWORKS_KEY, next.binNetworks);
    await audit(tctx, {
      action: 'emergency.settings_update',
      entityType: 'settings',
      entityId: 'emergency',
      details: { before, after: next },
    });
    return next;
  });
}
