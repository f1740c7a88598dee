import {
  type CreateProductInput,
  type ProductTerms,
  type ProductTermsInput,
  productTermsSchema,
} from '@carddesk/contracts';
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { addDays, bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { noticeHolders } from './holder-notices.ts';
import { PRICE_RISE_NOTICE_DAYS, priceRises } from './price-rises.ts';

export interface ProductVersion {
  version: number;
  effectiveFrom: string;
  terms: ProductTerms;
}

export interface Product {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  tier: string;
  bin: string;
  active: boolean;
  /** The version in force today, then any scheduled ones. */
  current: ProductVersion;
  upcoming: ProductVersion[];
}

// Versions never change once written, so their parsed terms can be kept for the process's lifetime.
const termsCache = new Map<string, ProductTerms>();

function parseTerms(id: string, json: string): ProductTerms {
  let terms = termsCache.get(id);
  if (!terms) {
    terms = productTermsSchema.parse(JSON.parse(json));
    termsCache.set(id, terms);
  }
  return terms;
}

/** The terms of a product in force on `date` (the latest version with effective_from ≤ date). */
export async function termsOn(db: Executor, productId: string, date: string): Promise<ProductTerms> {
  const row = await db
    .selectFrom('product_versions')
    .select(['id', 'terms'])
    .where('product_id', '=', productId)
    .where('effective_from', '<=', date)
    .orderBy('effective_from', 'desc')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) throw new AppError('PRODUCT_NOT_FOUND', { detail: `no version of ${productId} on ${date}` });
  return parseTerms(row.id, row.terms);
}

export async function listProducts(ctx: Ctx): Promise<Product[]> {
  authorize(ctx.actor, 'products.read');
  const products = await ctx.db.selectFrom('products').selectAll().orderBy('code').execute();
  const versions = await ctx.db.selectFrom('product_versions').selectAll().orderBy('effective_from').execute();
  const today = bankDate(ctx.clock.now());
  return products.map((p) => {
    const own = versions.filter((v) => v.product_id === p.id);
    const past = own.filter((v) => v.effective_from <= today);
    const cur = past[past.length - 1] ?? own[0];
    if (!cur) throw new AppError('PRODUCT_NOT_FOUND', { detail: `product ${p.code} has no version` });
    const toVersion = (v: typeof cur): ProductVersion => ({
      version: v.version,
      effectiveFrom: v.effective_from,
      terms: parseTerms(v.id, v.terms),
    });
    return {
      id: p.id,
      code: p.code,
      nameZh: p.name_zh,
      nameEn: p.name_en,
      tier: p.tier,
      bin: p.bin,
      active: p.active === 1,
      current: toVersion(cur),
      upcoming: own.filter((v) => v.effective_from > today).map(toVersion),
    };
  });
}

/** Terms below a regulatory floor or above a regulatory cap get their own code; anything else is invalid. */
const FLOOR_CODES = {
  graceDays: 'PRODUCT_GRACE_DAYS_TOO_SHORT',
  toleranceFen: 'PRODUCT_TOLERANCE_TOO_LOW',
  'installments.cashMaxPrincipalFen': 'PRODUCT_CASH_INSTALLMENT_CAP',
  'installments.cashMaxPeriods': 'PRODUCT_CASH_INSTALLMENT_CAP',
  'cashAdvance.dailyCapFen': 'PRODUCT_CASH_DAILY_CAP',
} as const;

export function validTerms(input: unknown): ProductTerms {
  const parsed = productTermsSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const code = FLOOR_CODES[issue.path.join('.') as keyof typeof FLOOR_CODES];
      if (code) throw new AppError(code, { details: parsed.error.issues });
    }
    throw new AppError('PRODUCT_TERMS_INVALID', { details: parsed.error.issues });
  }
  return parsed.data;
}

/** Admin: a new product with its first version (effective today unless a later date is given). */
export async function createProduct(ctx: Ctx, input: CreateProductInput): Promise<string> {
  authorize(ctx.actor, 'products.manage');
  const terms = validTerms(input.terms);
  const today = bankDate(ctx.clock.now());
  const effectiveFrom = input.effectiveFrom ?? today;
  if (effectiveFrom < today) throw new AppError('PRODUCT_VERSION_DATE');
  return inTransaction(ctx, async (tctx) => {
    const taken = await tctx.db.selectFrom('products').select('id').where('code', '=', input.code).executeTakeFirst();
    if (taken) throw new AppError('PRODUCT_CODE_TAKEN');
    const id = await insertProduct(tctx.db, ctx.clock.now(), { ...input, effectiveFrom, terms }, ctx.actor.userId);
    await audit(tctx, { action: 'product.create', entityType: 'product', entityId: id, details: { code: input.code } });
    return id;
  });
}

/** Inserts a product and its version 1 (used by createProduct and by the demo seed). */
export async function insertProduct(
  db: Executor,
  now: Date,
  p: {
    code: string;
    nameZh: string;
    nameEn: string;
    tier: string;
    bin: string;
    effectiveFrom: string;
    terms: ProductTermsInput;
  },
  createdBy: string | null,
): Promise<string> {
  const id = newId(now);
  const at = now.toISOString();
  await db
    .insertInto('products')
    .values({
      id,
      code: p.code,
      name_zh: p.nameZh,
      name_en: p.nameEn,
      tier: p.tier,
      bin: p.bin,
      active: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await db
    .insertInto('product_versions')
    .values({
      id: newId(now),
      product_id: id,
      version: 1,
      effective_from: p.effectiveFrom,
      terms: JSON.stringify(productTermsSchema.parse(p.terms)),
      created_at: at,
      created_by: createdBy,
    })
    .execute();
  return id;
}

/**
 * Admin: a new version of a product's terms, effective from a date not before today and after the
 * latest existing version. Accounts pick it up on that date; past statements keep the terms they used.
 */
export async function addProductVersion(
  ctx: Ctx,
  input: { productId: string; effectiveFrom: string; terms: unknown },
): Promise<ProductVersion> {
  authorize(ctx.actor, 'products.manage');
  const terms = validTerms(input.terms);
  const today = bankDate(ctx.clock.now());
  return inTransaction(ctx, async (tctx) => {
    const product = await tctx.db
      .selectFrom('products')
      .select('id')
      .where('id', '=', input.productId)
      .executeTakeFirst();
    if (!product) throw new AppError('PRODUCT_NOT_FOUND');
    const latest = await tctx.db
      .selectFrom('product_versions')
      .select(['id', 'version', 'effective_from', 'terms'])
      .where('product_id', '=', input.productId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (input.effectiveFrom < today || (latest && input.effectiveFrom <= latest.effective_from)) {
      throw new AppError('PRODUCT_VERSION_DATE');
    }
    // A version that makes the card dearer takes effect only after the holders had 45 days' notice.
    const rises = latest ? priceRises(parseTerms(latest.id, latest.terms), terms) : [];
    const earliest = addDays(today, PRICE_RISE_NOTICE_DAYS);
    if (rises.length > 0 && input.effectiveFrom < earliest) {
      throw new AppError('PRODUCT_PRICE_RISE_TOO_SOON', { details: { earliest, rises } });
    }
    const version = (latest?.version ?? 0) + 1;
    await tctx.db
      .insertInto('product_versions')
      .values({
        id: newId(ctx.clock.now()),
        product_id: input.productId,
        version,
        effective_from: input.effectiveFrom,
        terms: JSON.stringify(terms),
        created_at: ctx.clock.now().toISOString(),
        created_by: ctx.actor.userId,
      })
      .execute();
    await audit(tctx, {
      action: 'product.version',
      entityType: 'product',
      entityId: input.productId,
      details: { version, effectiveFrom: input.effectiveFrom, rises },
    });
    if (rises.length > 0) {
      await noticeHolders(tctx, { productId: input.productId, version, effectiveFrom: input.effectiveFrom, rises });
    }
    return { version, effectiveFrom: input.effectiveFrom, terms };
  });
}
