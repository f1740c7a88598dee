import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { isLuhnValid, isValidIdNumber, normalizeCardNumber } from '../../../platform/pii/validators.ts';
import { type CardSummary, concealedCard, listCardSummaries, parseFlags } from './customer.service.ts';
import { bidx, maskedOf, normalizeMobile, normalizeName } from './pii-fields.ts';

export type SearchBy = 'phone' | 'id_number' | 'card_number' | 'last4' | 'name';

export interface SearchHit {
  id: string;
  maskedName: string;
  maskedPhone: string;
  flags: { vip: boolean; vulnerable: boolean };
  cards: CardSummary[];
}

/** What an agent typed: a mobile, an ID number, a card number, four digits, or a name. */
export function classifyQuery(raw: string): { by: SearchBy; value: string } | undefined {
  const q = raw.trim();
  const digits = normalizeCardNumber(q);
  const mobile = normalizeMobile(q);
  if (mobile) return { by: 'phone', value: mobile };
  if (isValidIdNumber(q.toUpperCase())) return { by: 'id_number', value: q.toUpperCase() };
  if (/^\d{13,19}$/.test(digits) && isLuhnValid(digits)) return { by: 'card_number', value: digits };
  if (/^\d{4}$/.test(q)) return { by: 'last4', value: q };
  const name = normalizeName(q);
  if (/^[\p{Script=Han}·]{2,8}$/u.test(name) || /^[A-Za-z][A-Za-z .'-]{1,40}$/.test(q))
    return { by: 'name', value: name };
  return undefined;
}

const MAX_HITS = 20;

/**
 * Customer look-up (POST /api/customers/search, the query in the body): exact matches by blind index (phone, ID number, card number,
 * name) or by last four digits; results are masked. Searching is how an agent finds the customer to open
 * a contact with, so it needs the role permission only — not customer access — and is audited.
 */
export async function searchCustomers(ctx: Ctx, query: string): Promise<{ by: SearchBy; hits: SearchHit[] }> {
  authorize(ctx.actor, 'customers.search');
  const q = classifyQuery(query);
  if (!q) throw new AppError('SEARCH_QUERY_INVALID');
  return search(ctx, q);
}

async function search(ctx: Ctx, q: { by: SearchBy; value: string }): Promise<{ by: SearchBy; hits: SearchHit[] }> {
  const k = ctx.keyring;
  let ids: string[];
  switch (q.by) {
    case 'phone':
      ids = (
        await ctx.db
          .selectFrom('customers')
          .select('id')
          .where('phone_bidx', '=', bidx.phone(k, q.value))
          .limit(MAX_HITS)
          .execute()
      ).map((r) => r.id);
      break;
    case 'id_number':
      ids = (
        await ctx.db
          .selectFrom('customers')
          .select('id')
          .where('id_number_bidx', '=', bidx.idNumber(k, q.value))
          .limit(MAX_HITS)
          .execute()
      ).map((r) => r.id);
      break;
    case 'name':
      ids = (
        await ctx.db
          .selectFrom('customers')
          .select('id')
          .where('name_bidx', '=', bidx.name(k, q.value))
          .limit(MAX_HITS)
          .execute()
      ).map((r) => r.id);
      break;
    case 'card_number':
      ids = (
        await ctx.db
          .selectFrom('cards')
          .select('customer_id')
          .where('pan_bidx', '=', bidx.pan(k, q.value))
          .limit(MAX_HITS)
          .execute()
      ).map((r) => r.customer_id);
      break;
    case 'last4':
      ids = (
        await ctx.db.selectFrom('cards').select('customer_id').where('last4', '=', q.value).limit(MAX_HITS).execute()
      ).map((r) => r.customer_id);
      break;
  }
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await ctx.db
        .selectFrom('customers')
        .select(['id', 'name_enc', 'phone_enc', 'name_masked', 'phone_masked', 'flags'])
        .where('id', 'in', unique)
        .execute()
    : [];
  const hits: SearchHit[] = [];
  for (const r of rows) {
    const flags = parseFlags(r.flags);
    hits.push({
      id: r.id,
      maskedName: maskedOf(k, 'name', r.name_masked, r.name_enc),
      maskedPhone: maskedOf(k, 'phone', r.phone_masked, r.phone_enc),
      flags: { vip: flags.vip === true, vulnerable: flags.vulnerable === true },
      // Nobody is verified yet: the cards are listed without their digits (a verification factor).
      cards: (await listCardSummaries(ctx, r.id)).map(concealedCard),
    });
  }
  // The query itself is personal data: the audit keeps how the agent searched and what came back.
  await audit(ctx, {
    action: 'customer.search',
    entityType: 'customer',
    details: { by: q.by, count: hits.length, customerIds: hits.map((h) => h.id) },
  });
  return { by: q.by, hits };
}
