import { audit } from '../../../platform/audit.ts';
import { authorize, requireSecondPerson } from '../../../platform/auth/policy.ts';
import { addDays, bankDate, daysBetween } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { forUpdate, inTransaction } from '../../../platform/db/dialect.ts';
import { AppError } from '../../../platform/errors.ts';
import { publishEvent } from '../../../platform/events/publish.ts';
import { newId } from '../../../platform/ids.ts';
import { withAccount } from '../billing/advance.ts';
import type { LimitChangesTable } from '../cards.tables.ts';
import { requireAccountAccess } from '../ledger/access.ts';
import { balanceOf } from '../ledger/book.ts';
import { applyRateFloor } from '../rules/decimal.ts';
import { permanentIncreaseEligibility } from '../rules/limit.rules.ts';

export interface LimitChange {
  id: string;
  accountId: string;
  kind: string;
  oldLimitFen: number;
  newLimitFen: number;
  validFrom: string | null;
  validUntil: string | null;
  status: string;
  reason: string | null;
  createdAt: string;
}

const toView = (r: LimitChangesTable): LimitChange => ({
  id: r.id,
  accountId: r.account_id,
  kind: r.kind,
  oldLimitFen: Number(r.old_limit_fen),
  newLimitFen: Number(r.new_limit_fen),
  validFrom: r.valid_from,
  validUntil: r.valid_until,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at,
});

/**
 * Temporary increase (临时额度): an extra amount inside a validity window of at most the product's maximum
 * days (15 days – 3 months in practice), up to a share of the limit; not while overdue. The part of a
 * balance above the permanent limit is due in full on the next statement (see the minimum payment).
 */
export async function setTemporaryLimit(
  ctx: Ctx,
  input: {
    accountId: string;
    extraFen: number;
    validFrom?: string | undefined;
    validUntil: string;
    reason?: string | undefined;
  },
): Promise<LimitChange> {
  return inTransaction(ctx, async (tctx) => {
    const { customerId, contactId } = await requireAccountAccess(tctx, input.accountId, 'limit.temporary');
    const today = bankDate(ctx.clock.now());
    const from = input.validFrom ?? today;
    const id = newId(ctx.clock.now());
    let old = 0;
    await withAccount(tctx.db, ctx.clock.now(), input.accountId, today, (acc, terms) => {
      if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      const r = terms.limitRules;
      if (from < today || input.validUntil < from || daysBetween(from, input.validUntil) + 1 > r.tempMaxDays) {
        throw new AppError('LIMIT_WINDOW_INVALID', { details: { maxDays: r.tempMaxDays } });
      }
      const maxExtra = applyRateFloor(acc.creditLimitFen, r.tempMaxRate);
      if (!Number.isSafeInteger(input.extraFen) || input.extraFen <= 0 || input.extraFen > maxExtra) {
        throw new AppError('LIMIT_OUT_OF_RANGE', { details: { maxExtraFen: maxExtra } });
      }
      if (acc.book.overdueSince) throw new AppError('LIMIT_INCREASE_NOT_ELIGIBLE', { detail: 'overdue' });
      old = acc.creditLimitFen + acc.tempLimitFen;
      acc.tempLimitFen = input.extraFen;
      acc.tempLimitFrom = from;
      acc.tempLimitUntil = input.validUntil;
    });
    const at = ctx.clock.now().toISOString();
    const row: LimitChangesTable = {
      id,
      account_id: input.accountId,
      customer_id: customerId,
      kind: 'temporary',
      old_limit_fen: old,
      new_limit_fen: old - 0 + input.extraFen,
      valid_from: from,
      valid_until: input.validUntil,
      status: 'applied',
      reason: input.reason ?? null,
      requested_by: ctx.actor.userId,
      decided_by: ctx.actor.userId,
      decided_at: at,
      created_at: at,
    };
    await tctx.db.insertInto('limit_changes').values(row).execute();
    await audit(tctx, {
      action: 'limit.temporary',
      entityType: 'account',
      entityId: input.accountId,
      customerId,
      contactId,
      details: { extraFen: input.extraFen, validFrom: from, validUntil: input.validUntil },
    });
    publishEvent(tctx, `cards:${customerId}`, 'account.limit', { accountId: input.accountId, kind: 'temporary' });
    return toView(row);
  });
}

/**
 * Permanent change (固定额度). A decrease applies at once (not below what is owed or the product minimum).
 * An increase must pass the eligibility rules (months since activation and since the last increase, clean
 * payment history, utilisation) and the product range; above the product's threshold it waits for the
 * approval of a senior agent or supervisor other than the requester (four eyes, whatever the requester's role).
 */
export async function requestPermanentLimit(
  ctx: Ctx,
  input: { accountId: string; newLimitFen: number; reason?: string | undefined },
): Promise<LimitChange & { eligibility?: Record<string, unknown> }> {
  return inTransaction(ctx, async (tctx) => {
    const need = 'limit.permanent' as const;
    const { customerId, contactId } = await requireAccountAccess(tctx, input.accountId, need);
    const today = bankDate(ctx.clock.now());
    const account = await tctx.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', input.accountId)
      .executeTakeFirstOrThrow();
    const recent = await tctx.db
      .selectFrom('statements')
      .select(['status', 'new_balance_fen', 'statement_date'])
      .where('account_id', '=', input.accountId)
      .orderBy('statement_date', 'desc')
      .limit(12)
      .execute();
    const at = ctx.clock.now().toISOString();
    const id = newId(ctx.clock.now());
    let row!: LimitChangesTable;
    await withAccount(tctx.db, ctx.clock.now(), input.accountId, today, (acc, terms) => {
      if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
      const old = acc.creditLimitFen;
      const base = {
        id,
        account_id: acc.id,
        customer_id: customerId,
        old_limit_fen: old,
        new_limit_fen: input.newLimitFen,
        valid_from: null,
        valid_until: null,
        reason: input.reason ?? null,
        requested_by: ctx.actor.userId,
        created_at: at,
      };
      if (!Number.isSafeInteger(input.newLimitFen) || input.newLimitFen <= 0) throw new AppError('AMOUNT_INVALID');
      if (input.newLimitFen === old) throw new AppError('LIMIT_OUT_OF_RANGE');
      if (input.newLimitFen < old) {
        const floor = Math.max(terms.limit.minFen, balanceOf(acc.book) + acc.unbilledInstallmentFen);
        if (input.newLimitFen < floor) throw new AppError('LIMIT_OUT_OF_RANGE', { details: { minFen: floor } });
        acc.creditLimitFen = input.newLimitFen;
        row = { ...base, kind: 'decrease', status: 'applied', decided_by: ctx.actor.userId, decided_at: at };
        return;
      }
      const verdict = permanentIncreaseEligibility({
        today,
        activatedOn: acc.activatedOn,
        lastIncreaseOn: account.last_limit_increase_on,
        overdue: acc.book.overdueSince !== null,
        recentStatements: recent.map((s) => ({ status: s.status, balanceFen: Number(s.new_balance_fen) })),
        currentLimitFen: old,
        requestedLimitFen: input.newLimitFen,
        productMaxFen: terms.limit.maxFen,
        rules: terms.limitRules,
      });
      if (!verdict.ok) throw new AppError(verdict.code, { details: verdict.details });
      // Four eyes whoever asks: a senior agent or supervisor may approve others' increases, not their own.
      const needsApproval = input.newLimitFen - old > terms.limitRules.approvalAboveFen;
      if (needsApproval) {
        row = { ...base, kind: 'permanent', status: 'pending_approval', decided_by: null, decided_at: null };
        return;
      }
      acc.creditLimitFen = input.newLimitFen;
      row = { ...base, kind: 'permanent', status: 'applied', decided_by: ctx.actor.userId, decided_at: at };
    });
    if (row.status === 'applied' && row.kind === 'permanent') {
      await tctx.db
        .updateTable('accounts')
        .set({ last_limit_increase_on: today, cash_limit_fen: Math.floor(row.new_limit_fen / 2) })
        .where('id', '=', input.accountId)
        .execute();
    }
    await tctx.db.insertInto('limit_changes').values(row).execute();
    await audit(tctx, {
      action: row.status === 'pending_approval' ? 'limit.permanent_requested' : `limit.${row.kind}`,
      entityType: 'account',
      entityId: input.accountId,
      customerId,
      contactId,
      details: { oldLimitFen: row.old_limit_fen, newLimitFen: row.new_limit_fen, status: row.status },
    });
    if (row.status === 'pending_approval')
      publishEvent(tctx, 'limits:approvals', 'limit.pending', { changeId: row.id, accountId: input.accountId });
    return toView(row);
  });
}

/** A senior agent or supervisor approves or rejects a pending increase (never their own request). */
export async function decideLimitChange(
  ctx: Ctx,
  input: { changeId: string; approve: boolean; note?: string | undefined },
): Promise<LimitChange> {
  authorize(ctx.actor, 'limits.approve');
  return inTransaction(ctx, async (tctx) => {
    const change = await forUpdate(
      tctx.db,
      tctx.db.selectFrom('limit_changes').selectAll().where('id', '=', input.changeId),
    ).executeTakeFirst();
    if (!change) throw new AppError('NOT_FOUND');
    if (change.status !== 'pending_approval') throw new AppError('LIMIT_CHANGE_NOT_PENDING');
    requireSecondPerson(ctx.actor, change.requested_by, 'LIMIT_SELF_APPROVAL');
    const today = bankDate(ctx.clock.now());
    const at = ctx.clock.now().toISOString();
    if (input.approve) {
      await withAccount(tctx.db, ctx.clock.now(), change.account_id, today, (acc) => {
        if (acc.status !== 'active') throw new AppError('ACCOUNT_CLOSED');
        if (acc.book.overdueSince)
          throw new AppError('LIMIT_INCREASE_NOT_ELIGIBLE', { detail: 'overdue since the request' });
        acc.creditLimitFen = Number(change.new_limit_fen);
      });
      await tctx.db
        .updateTable('accounts')
        .set({ last_limit_increase_on: today, cash_limit_fen: Math.floor(Number(change.new_limit_fen) / 2) })
        .where('id', '=', change.account_id)
        .execute();
    }
    await tctx.db
      .updateTable('limit_changes')
      .set({
        status: input.approve ? 'applied' : 'rejected',
        decided_by: ctx.actor.userId,
        decided_at: at,
        reason: input.note ?? change.reason,
      })
      .where('id', '=', change.id)
      .execute();
    await audit(tctx, {
      action: input.approve ? 'limit.approved' : 'limit.rejected',
      entityType: 'limit_change',
      entityId: change.id,
      customerId: change.customer_id,
      reason: input.note ?? null,
      details: { accountId: change.account_id, newLimitFen: Number(change.new_limit_fen) },
    });
    return toView(
      await tctx.db.selectFrom('limit_changes').selectAll().where('id', '=', change.id).executeTakeFirstOrThrow(),
    );
  });
}

/** Pending increases waiting for approval (for the senior agents' queue). */
export async function listPendingLimitChanges(ctx: Ctx): Promise<LimitChange[]> {
  authorize(ctx.actor, 'limits.approve');
  const rows = await ctx.db
    .selectFrom('limit_changes')
    .selectAll()
    .where('status', '=', 'pending_approval')
    .orderBy('created_at')
    .limit(200)
    .execute();
  return rows.map(toView);
}

export { addDays };
