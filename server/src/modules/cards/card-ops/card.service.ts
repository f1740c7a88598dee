import { audit } from '../../../platform/audit.ts';
import type { AccessNeed } from '../../../platform/auth/customer-access.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import { bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { forUpdate, inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { maskCardNumber } from '../../../platform/pii/mask.ts';
import { withAccount } from '../billing/advance.ts';
import { runAnnualFee } from '../billing/engine.ts';
import type { CardsTable } from '../cards.tables.ts';
import { CARD_STATUS_LABELS, type CardEvent, type CardStatus, isCardStatus, transition } from '../rules/card-status.ts';
import { cardAnniversary } from '../rules/fee.rules.ts';
import { expectedDelivery, insertCard } from './issue.ts';

/** A card as services return it: masked number only. */
export interface Card {
  id: string;
  customerId: string;
  accountId: string;
  productId: string;
  last4: string;
  maskedNumber: string;
  isPrimary: boolean;
  status: CardStatus;
  statusLabel: string;
  statusReason: string | null;
  statusChangedAt: string;
  expiryMonth: string;
  issuedOn: string;
  activatedOn: string | null;
  replacesCardId: string | null;
  replacedByCardId: string | null;
  deliveryStatus: string;
}

export function cardRowToCard(r: CardsTable): Card {
  const status: CardStatus = isCardStatus(r.status) ? r.status : 'closed';
  return {
    id: r.id,
    customerId: r.customer_id,
    accountId: r.account_id,
    productId: r.product_id,
    last4: r.last4,
    maskedNumber: maskCardNumber(`${r.bin}000000${r.last4}`),
    isPrimary: r.is_primary === 1,
    status,
    statusLabel: CARD_STATUS_LABELS[status],
    statusReason: r.status_reason,
    statusChangedAt: r.status_changed_at,
    expiryMonth: r.expiry_month,
    issuedOn: r.issued_on,
    activatedOn: r.activated_on,
    replacesCardId: r.replaces_card_id,
    replacedByCardId: r.replaced_by_card_id,
    deliveryStatus: r.delivery_status,
  };
}

/** Reads a card for update (row lock on PostgreSQL). */
export async function lockCard(db: Executor, cardId: string): Promise<CardsTable> {
  const row = await forUpdate(db, db.selectFrom('cards').selectAll().where('id', '=', cardId)).executeTakeFirst();
  if (!row) throw new AppError('CARD_NOT_FOUND');
  return row;
}

/**
 * Permission and customer-data access for an operation on a card: the role may operate cards, and the
 * actor has access to the holder (or, for a supplementary card, to the primary holder who owns the account).
 */
export async function requireCardAccess(ctx: Ctx, card: CardsTable, need: AccessNeed) {
  authorize(ctx.actor, 'cards.operate');
  try {
    return await ctx.access.require(ctx, { customerId: card.customer_id, need });
  } catch (err) {
    if (card.is_primary === 1) throw err;
    const owner = await ctx.db
      .selectFrom('accounts')
      .select('customer_id')
      .where('id', '=', card.account_id)
      .executeTakeFirstOrThrow();
    if (owner.customer_id === card.customer_id) throw err;
    return ctx.access.require(ctx, { customerId: owner.customer_id, need });
  }
}

interface ChangeOptions {
  cardId: string;
  event: CardEvent;
  need: AccessNeed;
  action: string;
  reason?: string | null;
  /** Extra work inside the same transaction after the status change (e.g. ordering a replacement). */
  andThen?: (trx: Executor, card: CardsTable) => Promise<Record<string, unknown>>;
}

/** One status change: lock, check access and the transition, write, audit, publish. Idempotent by state. */
async function changeStatus(
  ctx: Ctx,
  o: ChangeOptions,
): Promise<{ card: Card; changed: boolean; extra: Record<string, unknown> }> {
  return inTransaction(ctx, async (tctx) => {
    const row = await lockCard(tctx.db, o.cardId);
    const grant = await requireCardAccess(tctx, row, o.need);
    const from: CardStatus = isCardStatus(row.status) ? row.status : 'closed';
    const t = transition(from, o.event);
    if (t.kind === 'refused') {
      throw new AppError('CARD_TRANSITION_NOT_ALLOWED', { detail: `${from} → ${o.event}`, details: { status: from } });
    }
    if (t.kind === 'unchanged') return { card: cardRowToCard(row), changed: false, extra: {} };
    const at = ctx.clock.now().toISOString();
    await tctx.db
      .updateTable('cards')
      .set({ status: t.to, status_reason: o.reason ?? null, status_changed_at: at, updated_at: at })
      .where('id', '=', row.id)
      .execute();
    const updated = { ...row, status: t.to, status_reason: o.reason ?? null, status_changed_at: at, updated_at: at };
    const extra = o.andThen ? await o.andThen(tctx.db, updated) : {};
    await audit(tctx, {
      action: o.action,
      entityType: 'card',
      entityId: row.id,
      customerId: row.customer_id,
      contactId: grant.contactId,
      reason: o.reason ?? null,
      details: { from, to: t.to, last4: row.last4, ...extra },
    });
    publishEvent(tctx, `cards:${row.customer_id}`, 'card.status', { cardId: row.id, from, to: t.to });
    // Only the follow-up work (a replacement order, say) can have touched the row again since the update.
    const fresh = o.andThen
      ? await tctx.db.selectFrom('cards').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
      : updated;
    return { card: cardRowToCard(fresh), changed: true, extra };
  });
}

/** Temporary freeze (锁卡): takes effect at once; freezing a frozen card returns it unchanged. */
export async function freezeCard(ctx: Ctx, input: { cardId: string; reason?: string | null }): Promise<Card> {
  const r = await changeStatus(ctx, {
    cardId: input.cardId,
    event: 'freeze',
    need: 'card.freeze',
    action: 'card.freeze',
    reason: input.reason ?? null,
  });
  return r.card;
}

export async function unfreezeCard(ctx: Ctx, input: { cardId: string }): Promise<Card> {
  const r = await changeStatus(ctx, {
    cardId: input.cardId,
    event: 'unfreeze',
    need: 'card.unfreeze',
    action: 'card.unfreeze',
  });
  return r.card;
}

/** Orders a successor card in the same transaction (new number, pending activation, delivery ordered). */
async function orderSuccessor(ctx: Ctx, trx: Executor, card: CardsTable, urgent: boolean) {
  const product = await trx
    .selectFrom('products')
    .select('bin')
    .where('id', '=', card.product_id)
    .executeTakeFirstOrThrow();
  const today = bankDate(ctx.clock.now());
  const next = await insertCard(trx, ctx.keyring, ctx.clock.now(), {
    customerId: card.customer_id,
    accountId: card.account_id,
    productId: card.product_id,
    bin: product.bin,
    isPrimary: card.is_primary === 1,
    issuedOn: today,
    replacesCardId: card.id,
  });
  await trx
    .updateTable('cards')
    .set({ replaced_by_card_id: next.id, updated_at: ctx.clock.now().toISOString() })
    .where('id', '=', card.id)
    .execute();
  return {
    replacementCardId: next.id,
    replacementLast4: next.last4,
    expectedDelivery: expectedDelivery(today, urgent),
  };
}

/**
 * The formal loss report (正式挂失): the card becomes `lost` or `stolen` — for good, also straight from a
 * temporary block (frozen), so it is never usable in between — and a replacement is ordered in the same
 * transaction. It needs the caller verified (access need `card.report_lost`); an unverified caller can only
 * have the card frozen (临时挂失). Reporting a card already reported returns it with its replacement.
 */
export async function reportCardLost(
  ctx: Ctx,
  input: { cardId: string; kind: 'lost' | 'stolen'; note?: string | null },
): Promise<{ card: Card; replacementCardId: string; expectedDelivery: string | null }> {
  const r = await changeStatus(ctx, {
    cardId: input.cardId,
    event: input.kind === 'stolen' ? 'report_stolen' : 'report_lost',
    need: 'card.report_lost',
    action: 'card.report_lost',
    reason: input.note ?? (input.kind === 'stolen' ? '被盗' : '遗失'),
    andThen: (trx, card) => orderSuccessor(ctx, trx, card, true),
  });
  if (r.changed) {
    return {
      card: r.card,
      replacementCardId: String(r.extra.replacementCardId),
      expectedDelivery: String(r.extra.expectedDelivery),
    };
  }
  if (r.card.status === 'lost' || r.card.status === 'stolen') {
    // Already reported (possibly as the other kind): the first report stands, with its replacement.
    if (r.card.replacedByCardId)
      return { card: r.card, replacementCardId: r.card.replacedByCardId, expectedDelivery: null };
    const ordered = await orderReplacement(ctx, { cardId: r.card.id, reason: 'after_loss' });
    return { card: r.card, replacementCardId: ordered.replacementCardId, expectedDelivery: ordered.expectedDelivery };
  }
  throw new AppError('CARD_TRANSITION_NOT_ALLOWED');
}

export type ReplacementReason = 'damaged' | 'expiring' | 'after_loss' | 'new_design';

/**
 * Replacement (补卡/换卡). A damaged or expiring card keeps working until its successor is activated;
 * a lost or stolen card gets one if it has none yet. A card that already has a successor returns it.
 */
export async function orderReplacement(
  ctx: Ctx,
  input: { cardId: string; reason: ReplacementReason },
): Promise<{ card: Card; replacementCardId: string; expectedDelivery: string | null }> {
  return inTransaction(ctx, async (tctx) => {
    const row = await lockCard(tctx.db, input.cardId);
    const grant = await requireCardAccess(tctx, row, 'card.replace');
    if (row.replaced_by_card_id) {
      return { card: cardRowToCard(row), replacementCardId: row.replaced_by_card_id, expectedDelivery: null };
    }
    const lostOrStolen = row.status === 'lost' || row.status === 'stolen';
    if (
      input.reason === 'after_loss' ? !lostOrStolen : !['active', 'frozen', 'pending_activation'].includes(row.status)
    ) {
      throw new AppError('CARD_TRANSITION_NOT_ALLOWED', { detail: `replace ${input.reason} from ${row.status}` });
    }
    const account = await tctx.db
      .selectFrom('accounts')
      .select('status')
      .where('id', '=', row.account_id)
      .executeTakeFirstOrThrow();
    if (account.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
    const ordered = await orderSuccessor(ctx, tctx.db, row, lostOrStolen);
    await audit(tctx, {
      action: 'card.replace',
      entityType: 'card',
      entityId: row.id,
      customerId: row.customer_id,
      contactId: grant.contactId,
      details: { reason: input.reason, last4: row.last4, ...ordered },
    });
    publishEvent(tctx, `cards:${row.customer_id}`, 'card.replacement_ordered', { cardId: row.id, ...ordered });
    const fresh = await tctx.db.selectFrom('cards').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
    return {
      card: cardRowToCard(fresh),
      replacementCardId: ordered.replacementCardId,
      expectedDelivery: ordered.expectedDelivery,
    };
  });
}

/**
 * Activation (开卡). Checks the expiry; the first activation on an account starts its card year for
 * fees; activating a successor retires the card it replaces (unless that one was lost or stolen).
 */
export async function activateCard(ctx: Ctx, input: { cardId: string }): Promise<Card> {
  const r = await changeStatus(ctx, {
    cardId: input.cardId,
    event: 'activate',
    need: 'card.activate',
    action: 'card.activate',
    andThen: async (trx, card) => {
      const today = bankDate(ctx.clock.now());
      if (card.expiry_month < today.slice(0, 7)) throw new AppError('CARD_EXPIRED');
      const account = await trx
        .selectFrom('accounts')
        .select(['status', 'activated_on'])
        .where('id', '=', card.account_id)
        .executeTakeFirstOrThrow();
      if (account.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      const at = ctx.clock.now().toISOString();
      await trx
        .updateTable('cards')
        .set({ activated_on: today, delivery_status: 'delivered', delivery_updated_at: at })
        .where('id', '=', card.id)
        .execute();
      if (!account.activated_on) {
        // The card year starts now: the first fee is charged today unless the first year is free.
        await withAccount(trx, ctx.clock.now(), card.account_id, today, (acc, terms, emitter) => {
          acc.activatedOn = today;
          if (terms.annualFee.firstYearFree)
            acc.nextAnnualFeeDate = cardAnniversary(today, Number(today.slice(0, 4)) + 1);
          else runAnnualFee(acc, terms, today, emitter);
        });
      }
      let superseded: string | null = null;
      if (card.replaces_card_id) {
        const old = await lockCard(trx, card.replaces_card_id);
        const t = transition(isCardStatus(old.status) ? old.status : 'closed', 'supersede');
        if (t.kind === 'change') {
          await trx
            .updateTable('cards')
            .set({ status: 'replaced', status_reason: '新卡已激活', status_changed_at: at, updated_at: at })
            .where('id', '=', old.id)
            .execute();
          superseded = old.id;
        }
      }
      return { superseded };
    },
  });
  return r.card;
}
