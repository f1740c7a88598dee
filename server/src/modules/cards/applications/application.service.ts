import { audit } from '../../../platform/audit.ts';
import { authorize, requireSecondPerson } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forUpdate, inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { maskName, maskPhone } from '../../../platform/pii/mask.ts';
import { isValidIdNumber } from '../../../platform/pii/validators.ts';
import { nextStatementAfter } from '../billing/engine.ts';
import { termsResolver } from '../billing/store.ts';
import { insertCard } from '../card-ops/issue.ts';
import type { CardApplicationsTable } from '../cards.tables.ts';
import { bidx, customerMasks, ENC, normalizeIdNumber, normalizeMobile } from '../customers/pii-fields.ts';

export const APPLICATION_STATUS_LABELS: Record<string, string> = {
  submitted: '已提交,审核中',
  approved: '已批准',
  rejected: '未通过',
  card_issued: '已制卡寄送',
};

export interface ApplicationView {
  id: string;
  productId: string;
  maskedName: string;
  maskedPhone: string;
  status: string;
  statusLabel: string;
  requestedLimitFen: number;
  suggestedLimitFen: number;
  grantedLimitFen: number | null;
  decisionReason: string | null;
  cardId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A first limit suggestion: a share of annual income, within the product's range, in whole thousands of yuan. */
export function suggestedLimit(annualIncomeFen: number, min: number, max: number): number {
  const raw = Math.floor((annualIncomeFen * 0.3) / 100_000) * 100_000;
  return Math.max(min, Math.min(max, raw));
}

function toView(ctx: Ctx, r: CardApplicationsTable, min: number, max: number): ApplicationView {
  return {
    id: r.id,
    productId: r.product_id,
    maskedName: maskName(ctx.keyring.decrypt(r.name_enc, ENC.appName)),
    maskedPhone: maskPhone(ctx.keyring.decrypt(r.phone_enc, ENC.appPhone)),
    status: r.status,
    statusLabel: APPLICATION_STATUS_LABELS[r.status] ?? r.status,
    requestedLimitFen: Number(r.requested_limit_fen),
    suggestedLimitFen: suggestedLimit(Number(r.annual_income_fen), min, max),
    grantedLimitFen: r.granted_limit_fen === null ? null : Number(r.granted_limit_fen),
    decisionReason: r.decision_reason,
    cardId: r.card_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function productRange(ctx: Ctx, productId: string) {
  const t = (await termsResolver(ctx.db, productId))(bankDate(ctx.clock.now()));
  return t.limit;
}

export interface ApplicationInput {
  productCode: string;
  name: string;
  idNumber: string;
  phone: string;
  address: string;
  annualIncomeFen: number;
  requestedLimitFen: number;
  channel?: string | undefined;
}

/** Application intake (办卡申请): validated identity, one open application per applicant and product. */
export async function submitApplication(ctx: Ctx, input: ApplicationInput): Promise<ApplicationView> {
  authorize(ctx.actor, 'applications.submit');
  const idNumber = normalizeIdNumber(input.idNumber);
  if (!isValidIdNumber(idNumber)) throw new AppError('ID_NUMBER_INVALID');
  const phone = normalizeMobile(input.phone);
  if (!phone) throw new AppError('PHONE_INVALID');
  const today = bankDate(ctx.clock.now());
  const eighteenth = `${Number(idNumber.slice(6, 10)) + 18}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (eighteenth > today) throw new AppError('APPLICANT_UNDERAGE');
  if (
    !Number.isSafeInteger(input.annualIncomeFen) ||
    input.annualIncomeFen < 0 ||
    !Number.isSafeInteger(input.requestedLimitFen) ||
    input.requestedLimitFen <= 0
  ) {
    throw new AppError('AMOUNT_INVALID');
  }
  return inTransaction(ctx, async (tctx) => {
    const product = await tctx.db
      .selectFrom('products')
      .select(['id', 'active'])
      .where('code', '=', input.productCode)
      .executeTakeFirst();
    if (product?.active !== 1) throw new AppError('PRODUCT_NOT_FOUND');
    const k = ctx.keyring;
    const idIndex = bidx.idNumber(k, idNumber);
    const open = await tctx.db
      .selectFrom('card_applications')
      .select('id')
      .where('id_number_bidx', '=', idIndex)
      .where('product_id', '=', product.id)
      .where('status', 'in', ['submitted', 'approved'])
      .executeTakeFirst();
    if (open) throw new AppError('APPLICATION_DUPLICATE', { details: { applicationId: open.id } });
    const existing = await tctx.db
      .selectFrom('customers')
      .select('id')
      .where('id_number_bidx', '=', idIndex)
      .executeTakeFirst();
    const at = ctx.clock.now().toISOString();
    const row: CardApplicationsTable = {
      id: newId(ctx.clock.now()),
      customer_id: existing?.id ?? null,
      product_id: product.id,
      name_enc: k.encrypt(input.name.trim(), ENC.appName),
      id_number_enc: k.encrypt(idNumber, ENC.appIdNumber),
      id_number_bidx: idIndex,
      phone_enc: k.encrypt(phone, ENC.appPhone),
      phone_bidx: bidx.phone(k, phone),
      address_enc: k.encrypt(input.address.trim(), ENC.appAddress),
      annual_income_fen: input.annualIncomeFen,
      requested_limit_fen: input.requestedLimitFen,
      status: 'submitted',
      decision_reason: null,
      granted_limit_fen: null,
      card_id: null,
      channel: input.channel ?? 'phone',
      created_by: ctx.actor.userId,
      decided_by: null,
      created_at: at,
      updated_at: at,
    };
    await tctx.db.insertInto('card_applications').values(row).execute();
    await audit(tctx, {
      action: 'application.submit',
      entityType: 'card_application',
      entityId: row.id,
      customerId: row.customer_id,
      details: { productCode: input.productCode },
    });
    const range = await productRange(tctx, product.id);
    return toView(tctx, row, range.minFen, range.maxFen);
  });
}

/** Application status (申请进度) by id, or an applicant's applications by phone. */
export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  authorize(ctx.actor, 'applications.submit');
  const row = await ctx.db.selectFrom('card_applications').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('APPLICATION_NOT_FOUND');
  const range = await productRange(ctx, row.product_id);
  await auditApplicationsRead(ctx, [row], { by: 'id' });
  return toView(ctx, row, range.minFen, range.maxFen);
}

/** An applicant's data was read: one record naming the applications and their customers (if any yet). */
async function auditApplicationsRead(
  ctx: Ctx,
  rows: readonly CardApplicationsTable[],
  details: Record<string, unknown>,
): Promise<void> {
  const customerIds = [...new Set(rows.flatMap((r) => (r.customer_id ? [r.customer_id] : [])))];
  await audit(ctx, {
    action: 'application.read',
    entityType: 'card_application',
    entityId: rows.length === 1 ? (rows[0]?.id ?? null) : null,
    customerId: customerIds.length === 1 ? (customerIds[0] ?? null) : null,
    contactId: ctx.contactId ?? null,
    details: { ...details, applicationIds: rows.map((r) => r.id), customerIds },
  });
}

export async function findApplicationsByPhone(ctx: Ctx, phone: string): Promise<ApplicationView[]> {
  authorize(ctx.actor, 'applications.submit');
  const mobile = normalizeMobile(phone);
  if (!mobile) throw new AppError('PHONE_INVALID');
  const rows = await ctx.db
    .selectFrom('card_applications')
    .selectAll()
    .where('phone_bidx', '=', bidx.phone(ctx.keyring, mobile))
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  const out: ApplicationView[] = [];
  for (const r of rows) {
    const range = await productRange(ctx, r.product_id);
    out.push(toView(ctx, r, range.minFen, range.maxFen));
  }
  await auditApplicationsRead(ctx, rows, { by: 'phone', count: rows.length });
  return out;
}

/**
 * The credit decision. Approval creates the customer (if new), the account and a primary card pending
 * activation with delivery ordered, in one transaction; rejection records the reason.
 */
export async function decideApplication(
  ctx: Ctx,
  input: { id: string; approve: boolean; grantedLimitFen?: number | undefined; reason?: string | undefined },
): Promise<ApplicationView> {
  authorize(ctx.actor, 'applications.decide');
  return inTransaction(ctx, async (tctx) => {
    const app = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('card_applications').selectAll().where('id', '=', input.id),
    ).executeTakeFirst();
    if (!app) throw new AppError('APPLICATION_NOT_FOUND');
    if (app.status !== 'submitted') throw new AppError('APPLICATION_STATE');
    // Four-eyes: the staff member who took the application does not decide it.
    requireSecondPerson(ctx.actor, app.created_by, 'APPLICATION_SELF_APPROVAL');
    const product = await tctx.db
      .selectFrom('products')
      .selectAll()
      .where('id', '=', app.product_id)
      .executeTakeFirstOrThrow();
    const today = bankDate(ctx.clock.now());
    const terms = (await termsResolver(tctx.db, product.id))(today);
    const now = ctx.clock.now();
    const at = now.toISOString();
    if (!input.approve) {
      await tctx.db
        .updateTable('card_applications')
        .set({
          status: 'rejected',
          decision_reason: input.reason ?? null,
          decided_by: ctx.actor.userId,
          updated_at: at,
        })
        .where('id', '=', app.id)
        .execute();
    } else {
      const limit =
        input.grantedLimitFen ?? suggestedLimit(Number(app.annual_income_fen), terms.limit.minFen, terms.limit.maxFen);
      if (limit < terms.limit.minFen || limit > terms.limit.maxFen) throw new AppError('LIMIT_OUT_OF_RANGE');
      const k = ctx.keyring;
      let customerId = app.customer_id;
      if (!customerId) {
        customerId = newId(now);
        const idNumber = k.decrypt(app.id_number_enc, ENC.appIdNumber);
        const name = k.decrypt(app.name_enc, ENC.appName);
        const phone = k.decrypt(app.phone_enc, ENC.appPhone);
        const address = k.decrypt(app.address_enc, ENC.appAddress);
        await tctx.db
          .insertInto('customers')
          .values({
            id: customerId,
            name_enc: k.encrypt(name, ENC.name),
            name_bidx: bidx.name(k, name),
            id_number_enc: k.encrypt(idNumber, ENC.idNumber),
            id_number_bidx: app.id_number_bidx,
            phone_enc: k.encrypt(phone, ENC.phone),
            phone_bidx: app.phone_bidx,
            gender: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
            address_enc: k.encrypt(address, ENC.address),
            email_enc: null,
            ...customerMasks({ name, phone, idNumber, address }),
            flags: '{}',
            preferences: JSON.stringify({ language: 'zh', channel: 'phone' }),
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
      const accountId = newId(now);
      const statementDay = terms.statementDays[0] ?? 5;
      await tctx.db
        .insertInto('accounts')
        .values({
          id: accountId,
          customer_id: customerId,
          product_id: product.id,
          currency: 'CNY',
          status: 'active',
          credit_limit_fen: limit,
          temp_limit_fen: 0,
          temp_limit_from: null,
          temp_limit_until: null,
          cash_limit_fen: Math.floor(limit / 2),
          statement_day: statementDay,
          opened_on: today,
          activated_on: null,
          last_limit_increase_on: null,
          balance_fen: 0,
          bucket_interest_fen: 0,
          bucket_fees_fen: 0,
          bucket_cash_fen: 0,
          bucket_revolving_fen: 0,
          bucket_billed_fen: 0,
          bucket_unbilled_fen: 0,
          overpayment_fen: 0,
          unbilled_installment_fen: 0,
          over_limit: 0,
          overdue_since: null,
          min_due_unpaid_fen: 0,
          accrual_from: today,
          accrued_revolving_fen_days: 0,
          accrued_billed_fen_days: 0,
          accrued_unbilled_fen_days: 0,
          pending_interest_fen_days: 0,
          disputed_fen: 0,
          disputed_since_close_fen: 0,
          disputed_fen_days: 0,
          card_year_purchases: 0,
          card_year_spend_fen: 0,
          points_balance: 0,
          next_statement_date: nextStatementAfter(today, statementDay),
          next_grace_check: null,
          // No fee before activation: the card year and its first fee start when the card is activated.
          next_annual_fee_date: null,
          last_statement_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const card = await insertCard(tctx.db, k, now, {
        customerId,
        accountId,
        productId: product.id,
        bin: product.bin,
        isPrimary: true,
        issuedOn: today,
      });
      await tctx.db
        .updateTable('card_applications')
        .set({
          status: 'card_issued',
          customer_id: customerId,
          granted_limit_fen: limit,
          card_id: card.id,
          decision_reason: input.reason ?? null,
          decided_by: ctx.actor.userId,
          updated_at: at,
        })
        .where('id', '=', app.id)
        .execute();
    }
    await audit(tctx, {
      action: input.approve ? 'application.approve' : 'application.reject',
      entityType: 'card_application',
      entityId: app.id,
      customerId: app.customer_id,
      reason: input.reason ?? null,
      details: {},
    });
    const fresh = await tctx.db
      .selectFrom('card_applications')
      .selectAll()
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    return toView(tctx, fresh, terms.limit.minFen, terms.limit.maxFen);
  });
}
