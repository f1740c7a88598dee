import { audit } from '../../../platform/audit.ts';
import { addDays, bankDate } from '../../../platform/clock.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { termsOn } from '../catalog/product.service.ts';
import { requireAccountAccess } from '../ledger/access.ts';
import { applyRateFloor } from '../rules/decimal.ts';
import { permanentIncreaseEligibility } from '../rules/limit.rules.ts';

/**
 * What the agent tells a customer who asks for more credit, before anything is requested: whether a
 * permanent increase is possible today, up to what, from when if not yet, and whether it would wait for a
 * senior agent's approval; and the temporary increase the product allows. Read-only, computed by the same
 * rules `requestPermanentLimit` enforces.
 */
export interface LimitEligibility {
  accountId: string;
  currentLimitFen: number;
  permanent: {
    eligible: boolean;
    /** The refusal code of `requestPermanentLimit` (its message explains it in the user's language). */
    code: 'LIMIT_INCREASE_TOO_EARLY' | 'LIMIT_INCREASE_NOT_ELIGIBLE' | 'LIMIT_OUT_OF_RANGE' | null;
    reason: string | null;
    earliest: string | null;
    maxLimitFen: number;
    approvalAboveFen: number;
  };
  temporary: { maxExtraFen: number; maxDays: number; latestValidUntil: string; overdue: boolean };
}

export async function limitEligibility(ctx: Ctx, accountId: string): Promise<LimitEligibility> {
  const grant = await requireAccountAccess(ctx, accountId, 'account.read');
  const today = bankDate(ctx.clock.now());
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new AppError('ACCOUNT_NOT_FOUND');
  const terms = await termsOn(ctx.db, account.product_id, today);
  const recent = await ctx.db
    .selectFrom('statements')
    .select(['status', 'new_balance_fen'])
    .where('account_id', '=', accountId)
    .orderBy('statement_date', 'desc')
    .limit(12)
    .execute();
  const current = Number(account.credit_limit_fen);
  const rules = terms.limitRules;
  const maxLimitFen = Math.max(
    current,
    Math.min(terms.limit.maxFen, current + applyRateFloor(current, rules.maxIncreaseRate)),
  );
  const overdue = account.overdue_since !== null;
  const verdict = permanentIncreaseEligibility({
    today,
    activatedOn: account.activated_on,
    lastIncreaseOn: account.last_limit_increase_on,
    overdue,
    recentStatements: recent.map((s) => ({ status: s.status, balanceFen: Number(s.new_balance_fen) })),
    currentLimitFen: current,
    // The largest amount allowed: only the rules other than the range can refuse it.
    requestedLimitFen: maxLimitFen,
    productMaxFen: terms.limit.maxFen,
    rules,
  });
  const atMax = maxLimitFen <= current;
  await audit(ctx, {
    action: 'limit.eligibility_read',
    entityType: 'account',
    entityId: accountId,
    customerId: grant.customerId,
    contactId: grant.contactId,
    details: {},
  });
  return {
    accountId,
    currentLimitFen: current,
    permanent: {
      eligible: verdict.ok && !atMax,
      code: verdict.ok ? (atMax ? 'LIMIT_OUT_OF_RANGE' : null) : verdict.code,
      reason: verdict.ok
        ? atMax
          ? 'product_maximum'
          : null
        : typeof verdict.details.reason === 'string'
          ? verdict.details.reason
          : null,
      earliest: !verdict.ok && typeof verdict.details.earliest === 'string' ? verdict.details.earliest : null,
      maxLimitFen,
      approvalAboveFen: rules.approvalAboveFen,
    },
    temporary: {
      maxExtraFen: overdue ? 0 : applyRateFloor(current, rules.tempMaxRate),
      maxDays: rules.tempMaxDays,
      latestValidUntil: addDays(today, rules.tempMaxDays),
      overdue,
    },
  };
}
