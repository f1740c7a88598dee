import { type ProductTerms, productTermsSchema } from '@carddesk/contracts';
import { audit } from '../../../platform/audit.ts';
import { addDays, bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Database, Executor } from '../../../platform/db/database.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { luhnCheckDigit } from '../../../platform/pii/validators.ts';
import type { DemoSeedOptions } from '../../module.ts';
import { accountColumns, statementToRow } from '../billing/store.ts';
import { expiryFor, makePan } from '../card-ops/issue.ts';
import type { AccountsTable, CardsTable, CustomersTable } from '../cards.tables.ts';
import { DEMO_PRODUCTS, DEMO_REWARDS } from '../catalog/demo-products.ts';
import { insertProduct } from '../catalog/product.service.ts';
import { bidx, customerMasks, ENC } from '../customers/pii-fields.ts';
import { FIXED_CUSTOMERS, type FixedCustomer } from './fixed-customers.ts';
import { makePerson, type Person } from './people.ts';
import { MonotonicIds, Rng } from './random.ts';
import { type AccountSpec, type Payer, simulateAccount } from './simulate.ts';

/**
 * Deterministic demo and benchmark data: products, the documented demo customers, then generated
 * customers with months of history from the billing engine. Rows are built in memory and inserted in
 * batches, a chunk of accounts per transaction; generated history is not audited row by row (one audit
 * record describes the run).
 */
const CHUNK = 1000;

interface ProductInfo {
  id: string;
  code: string;
  bin: string;
  terms: ProductTerms;
}

/** Rows per INSERT so a statement stays under the dialect's bound-parameter limit. */
async function insertMany<T extends keyof Database>(
  db: Executor,
  table: T,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0] ?? {}).length || 1;
  const per = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += per) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + per) as never) // rows are built to the table's shape by the callers below
      .execute();
  }
}

/** A Luhn-valid 16-digit number on `bin` that ends in `last4`. */
export function panEndingIn(bin: string, last4: string, salt: number): string {
  for (let k = 0; k < 1_000_000; k++) {
    const middle = String((salt * 7919 + k) % 1_000_000).padStart(6, '0');
    const body = `${bin}${middle}${last4.slice(0, 3)}`;
    if (luhnCheckDigit(body) === last4[3]) return body + last4[3];
  }
  throw new Error('no number found');
}

export async function seedCardsDemo(
  ctx: Ctx,
  options: DemoSeedOptions,
): Promise<{ customers: number; transactions: number }> {
  const already = await ctx.db.selectFrom('customers').select('id').limit(1).executeTakeFirst();
  if (already) return { customers: 0, transactions: 0 };
  const today = bankDate(ctx.clock.now());
  const start = addDays(today, -Math.round(options.months * 30.44));
  const rng = new Rng(options.seed);
  const now = ctx.clock.now();

  const products = new Map<string, ProductInfo>();
  await inTransaction(ctx.db, async (trx) => {
    for (const p of DEMO_PRODUCTS) {
      const id = await insertProduct(trx, now, { ...p, effectiveFrom: addDays(start, -3 * 366) }, null);
      products.set(p.code, { id, code: p.code, bin: p.bin, terms: productTermsSchema.parse(p.terms) });
    }
    await insertMany(
      trx,
      'reward_items',
      DEMO_REWARDS.map((r) => ({
        code: r.code,
        name_zh: r.nameZh,
        name_en: r.nameEn,
        points: r.points,
        kind: r.kind,
        value_fen: r.valueFen,
        active: 1,
      })),
    );
  });

  const fixed = FIXED_CUSTOMERS.slice(0, Math.max(1, Math.min(FIXED_CUSTOMERS.length, options.customers)));
  let transactions = 0;
  const ids = new MonotonicIds(rng, now);
  const usedPans = new Set<string>();
  const usedIds = new Set<string>(fixed.flatMap((f) => [f.idNumber, f.supplementary?.idNumber ?? '']));
  const usedPhones = new Set<string>(fixed.flatMap((f) => [f.phone, f.supplementary?.phone ?? '']));
  for (let from = 0; from < options.customers; from += CHUNK) {
    const batch: GeneratedCustomer[] = [];
    for (let i = from; i < Math.min(options.customers, from + CHUNK); i++) {
      const f = fixed[i];
      const g = f
        ? fixedToGenerated(f, products, rng, start)
        : generate(i, options.seed, rng, products, start, today, usedIds, usedPhones);
      // Nine random digits per BIN collide by the birthday bound at this scale: draw again.
      while (usedPans.has(g.pan)) g.pan = makePan(g.product.bin, () => rng.int(0, 9));
      usedPans.add(g.pan);
      if (g.supplementary) usedPans.add(g.supplementary.pan);
      batch.push(g);
    }
    transactions += await writeChunk(ctx, batch, products, rng, start, today, ids);
  }
  await audit(ctx, {
    action: 'cards.demo_seed',
    entityType: 'system',
    details: { customers: options.customers, months: options.months, seed: options.seed, transactions },
  });
  return { customers: options.customers, transactions };
}

interface GeneratedCustomer {
  person: Person;
  flags: Record<string, unknown>;
  product: ProductInfo;
  pan: string;
  creditLimitFen: number;
  statementDay: number;
  issuedOn: string;
  activatedOn: string | null;
  payer: Payer;
  monthlyPurchases: number;
  cardStatus: string;
  installmentDaysBeforeEnd?: number;
  suspiciousRecent?: boolean;
  supplementary?: { person: Person; pan: string };
}

function fixedToGenerated(
  f: FixedCustomer,
  products: Map<string, ProductInfo>,
  rng: Rng,
  start: string,
): GeneratedCustomer {
  const product = products.get(f.productCode);
  if (!product) throw new Error(`no product ${f.productCode}`);
  const issuedOn = addDays(start, -400);
  const person: Person = {
    name: f.name,
    gender: f.gender,
    idNumber: f.idNumber,
    birthDate: `${f.idNumber.slice(6, 10)}-${f.idNumber.slice(10, 12)}-${f.idNumber.slice(12, 14)}`,
    phone: f.phone,
    address: f.address,
    city: f.city,
  };
  const g: GeneratedCustomer = {
    person,
    flags: f.flags,
    product,
    pan: panEndingIn(product.bin, f.last4, rng.int(0, 999_999)),
    creditLimitFen: f.creditLimitFen,
    statementDay: f.statementDay,
    issuedOn,
    activatedOn: addDays(issuedOn, 5),
    payer: f.payer,
    monthlyPurchases: f.monthlyPurchases,
    cardStatus: f.cardStatus,
  };
  if (f.installmentDaysBeforeEnd !== undefined) g.installmentDaysBeforeEnd = f.installmentDaysBeforeEnd;
  if (f.suspiciousRecent) g.suspiciousRecent = true;
  if (f.supplementary) {
    const s = f.supplementary;
    g.supplementary = {
      person: {
        ...person,
        name: s.name,
        gender: s.gender,
        idNumber: s.idNumber,
        phone: s.phone,
        birthDate: `${s.idNumber.slice(6, 10)}-${s.idNumber.slice(10, 12)}-${s.idNumber.slice(12, 14)}`,
      },
      pan: panEndingIn(product.bin, s.last4, rng.int(0, 999_999)),
    };
  }
  return g;
}

function generate(
  i: number,
  seed: number,
  rng: Rng,
  products: Map<string, ProductInfo>,
  start: string,
  today: string,
  usedIds: Set<string>,
  usedPhones: Set<string>,
): GeneratedCustomer {
  let person = makePerson(rng, i, seed, today);
  while (usedIds.has(person.idNumber) || usedPhones.has(person.phone))
    person = makePerson(rng, i + 7_000_000 + usedIds.size, seed, today);
  usedIds.add(person.idNumber);
  usedPhones.add(person.phone);
  const code = rng.weighted([
    ['STD', 50],
    ['GOLD', 30],
    ['PLAT', 8],
    ['AIR', 12],
  ] as const);
  const product = products.get(code) as ProductInfo;
  const t = product.terms;
  const steps = Math.max(1, Math.floor((t.limit.maxFen - t.limit.minFen) / 100_000));
  const creditLimitFen = t.limit.minFen + 100_000 * Math.floor(rng.next() ** 2 * steps);
  const payer = rng.weighted([
    ['full', 58],
    ['minimum', 18],
    ['partial', 12],
    ['late', 6],
    ['dormant', 6],
  ] as const);
  const issuedOn = addDays(start, -rng.int(10, 900));
  const activatedOn = payer === 'dormant' && rng.chance(0.6) ? null : addDays(issuedOn, rng.int(1, 9));
  const age = Number(today.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
  const flags: Record<string, unknown> = {};
  if (code === 'PLAT' && rng.chance(0.4)) flags.vip = true;
  if (age >= 70 && rng.chance(0.5)) flags.vulnerable = true;
  return {
    person,
    flags,
    product,
    pan: makePan(product.bin, () => rng.int(0, 9)),
    creditLimitFen,
    statementDay: rng.pick(t.statementDays),
    issuedOn,
    activatedOn,
    payer,
    monthlyPurchases:
      rng.weighted([
        [3, 40],
        [6, 30],
        [10, 20],
        [18, 10],
      ] as const) * (code === 'PLAT' ? 1.5 : 1),
    cardStatus: activatedOn ? (rng.chance(0.01) ? 'frozen' : 'active') : 'pending_activation',
  };
}

function customerRow(
  ctx: Ctx,
  id: string,
  p: Person,
  flags: Record<string, unknown>,
  rng: Rng,
  at: string,
): CustomersTable {
  const k = ctx.keyring;
  return {
    id,
    name_enc: k.encrypt(p.name, ENC.name),
    name_bidx: bidx.name(k, p.name),
    id_number_enc: k.encrypt(p.idNumber, ENC.idNumber),
    id_number_bidx: bidx.idNumber(k, p.idNumber),
    phone_enc: k.encrypt(p.phone, ENC.phone),
    phone_bidx: bidx.phone(k, p.phone),
    gender: p.gender,
    address_enc: k.encrypt(p.address, ENC.address),
    email_enc: null,
    ...customerMasks(p),
    flags: JSON.stringify(flags),
    preferences: JSON.stringify({
      language: 'zh',
      channel: rng.pick(['phone', 'app', 'sms']),
      statementDelivery: rng.pick(['email', 'app']),
      quietHours: '22:00-08:00',
    }),
    created_at: at,
    updated_at: at,
  };
}

function cardRow(
  ctx: Ctx,
  c: {
    id: string;
    customerId: string;
    accountId: string;
    productId: string;
    pan: string;
    primary: boolean;
    status: string;
    issuedOn: string;
    activatedOn: string | null;
    at: string;
  },
): CardsTable {
  return {
    id: c.id,
    customer_id: c.customerId,
    account_id: c.accountId,
    product_id: c.productId,
    pan_enc: ctx.keyring.encrypt(c.pan, ENC.pan),
    pan_bidx: bidx.pan(ctx.keyring, c.pan),
    bin: c.pan.slice(0, 6),
    last4: c.pan.slice(-4),
    is_primary: c.primary ? 1 : 0,
    status: c.status,
    status_reason: c.status === 'frozen' ? '客户出差期间临时锁卡' : null,
    status_changed_at: c.at,
    expiry_month: expiryFor(c.issuedOn),
    issued_on: c.issuedOn,
    activated_on: c.activatedOn,
    replaces_card_id: null,
    replaced_by_card_id: null,
    delivery_status: 'delivered',
    delivery_updated_at: c.at,
    created_at: c.at,
    updated_at: c.at,
  };
}

async function writeChunk(
  ctx: Ctx,
  batch: GeneratedCustomer[],
  products: Map<string, ProductInfo>,
  rng: Rng,
  start: string,
  today: string,
  ids: MonotonicIds,
): Promise<number> {
  const customers: CustomersTable[] = [];
  const accounts: AccountsTable[] = [];
  const cards: CardsTable[] = [];
  const txns: Record<string, unknown>[] = [];
  const statements: Record<string, unknown>[] = [];
  const quotes: Record<string, unknown>[] = [];
  const plans: Record<string, unknown>[] = [];
  for (const g of batch) {
    const createdAt = `${g.issuedOn}T02:00:00.000Z`;
    const customerId = ids.next();
    const accountId = ids.next();
    const cardId = ids.next();
    customers.push(customerRow(ctx, customerId, g.person, g.flags, rng, createdAt));
    const spec: AccountSpec = {
      accountId,
      customerId,
      cardId,
      creditLimitFen: g.creditLimitFen,
      statementDay: g.statementDay,
      issuedOn: g.issuedOn,
      activatedOn: g.activatedOn,
      payer: g.payer,
      monthlyPurchases: g.monthlyPurchases,
      city: g.person.city,
      ...(g.installmentDaysBeforeEnd !== undefined ? { installmentDaysBeforeEnd: g.installmentDaysBeforeEnd } : {}),
      ...(g.suspiciousRecent ? { suspiciousRecent: true } : {}),
    };
    const terms = g.product.terms;
    const sim = simulateAccount(spec, () => terms, rng, start, today, ids);
    const nowIso = ctx.clock.now().toISOString();
    accounts.push({
      id: accountId,
      customer_id: customerId,
      product_id: g.product.id,
      currency: 'CNY',
      opened_on: g.issuedOn,
      cash_limit_fen: Math.floor(g.creditLimitFen / 2),
      statement_day: g.statementDay,
      last_limit_increase_on: null,
      created_at: createdAt,
      updated_at: nowIso,
      ...accountColumns(sim.acc, today),
    });
    cards.push(
      cardRow(ctx, {
        id: cardId,
        customerId,
        accountId,
        productId: g.product.id,
        pan: g.pan,
        primary: true,
        status: g.cardStatus,
        issuedOn: g.issuedOn,
        activatedOn: g.activatedOn,
        at: createdAt,
      }),
    );
    if (g.supplementary) {
      const suppCustomer = ids.next();
      customers.push(customerRow(ctx, suppCustomer, g.supplementary.person, {}, rng, createdAt));
      cards.push(
        cardRow(ctx, {
          id: ids.next(),
          customerId: suppCustomer,
          accountId,
          productId: g.product.id,
          pan: g.supplementary.pan,
          primary: false,
          status: 'active',
          issuedOn: g.issuedOn,
          activatedOn: g.activatedOn,
          at: createdAt,
        }),
      );
    }
    for (const t of sim.txns) txns.push(t as unknown as Record<string, unknown>);
    for (const st of sim.statements)
      statements.push(statementToRow(st, `${st.statementDate}T16:00:00.000Z`) as unknown as Record<string, unknown>);
    for (const p of sim.plans) {
      quotes.push({
        id: p.quoteId,
        account_id: accountId,
        customer_id: customerId,
        kind: p.kind,
        source_id: p.sourceId,
        principal_fen: p.plan.principalFen,
        periods: p.plan.periods,
        fee_rate_per_period: p.plan.feeRatePerPeriod,
        disclosure: p.disclosure,
        expires_at: p.createdAt,
        plan_id: p.plan.id,
        created_by: null,
        created_at: p.createdAt,
      });
      plans.push({
        id: p.plan.id,
        account_id: accountId,
        customer_id: customerId,
        quote_id: p.quoteId,
        kind: p.kind,
        source_id: p.sourceId,
        principal_fen: p.plan.principalFen,
        periods: p.plan.periods,
        fee_rate_per_period: p.plan.feeRatePerPeriod,
        apr_percent: p.aprPercent,
        ear_percent: p.earPercent,
        periods_billed: p.plan.periodsBilled,
        principal_billed_fen: p.plan.principalBilledFen,
        fees_billed_fen: p.plan.feesBilledFen,
        status: p.plan.status,
        created_at: p.createdAt,
        closed_at: p.plan.closedAt,
      });
    }
  }
  void products;
  // Statements are emitted when they close and again when their grace ends: key order for the insert.
  statements.sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  await inTransaction(ctx.db, async (trx) => {
    await insertMany(trx, 'customers', customers as unknown as Record<string, unknown>[]);
    await insertMany(trx, 'accounts', accounts as unknown as Record<string, unknown>[]);
    await insertMany(trx, 'cards', cards as unknown as Record<string, unknown>[]);
    await insertMany(trx, 'transactions', txns);
    await insertMany(trx, 'statements', statements);
    await insertMany(trx, 'installment_quotes', quotes);
    await insertMany(trx, 'installment_plans', plans);
  });
  return txns.length;
}
