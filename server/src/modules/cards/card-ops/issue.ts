import { randomInt } from 'node:crypto';
import { addDays } from '../../../platform/clock.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { newId } from '../../../platform/ids.ts';
import type { Keyring } from '../../../platform/pii/keyring.ts';
import { luhnCheckDigit } from '../../../platform/pii/validators.ts';
import { bidx, ENC } from '../customers/pii-fields.ts';

/** A 16-digit Luhn-valid number on `bin`; `digits` supplies the 9 account digits (random unless seeded). */
export function makePan(bin: string, digits: () => number = () => randomInt(10)): string {
  let body = bin;
  while (body.length < 15) body += String(digits());
  return body + luhnCheckDigit(body);
}

/** 'YYYY-MM' five years after issue (the usual validity of a credit card). */
export function expiryFor(issuedOn: string, years = 5): string {
  return `${Number(issuedOn.slice(0, 4)) + years}${issuedOn.slice(4, 7)}`;
}

export interface NewCard {
  customerId: string;
  accountId: string;
  productId: string;
  bin: string;
  isPrimary: boolean;
  issuedOn: string;
  replacesCardId?: string | null;
  /** A number chosen by the caller (the seed); otherwise a fresh random one. */
  pan?: string;
}

/** Issues a card in `pending_activation` with its number encrypted and blind-indexed. Returns id and last four. */
export async function insertCard(
  db: Executor,
  keyring: Keyring,
  now: Date,
  card: NewCard,
): Promise<{ id: string; last4: string }> {
  const at = now.toISOString();
  for (let attempt = 0; ; attempt++) {
    const pan = card.pan ?? makePan(card.bin);
    const panIndex = bidx.pan(keyring, pan);
    const clash = await db.selectFrom('cards').select('id').where('pan_bidx', '=', panIndex).executeTakeFirst();
    if (clash) {
      if (card.pan || attempt > 5) throw new Error('card number collision');
      continue;
    }
    const id = newId(now);
    await db
      .insertInto('cards')
      .values({
        id,
        customer_id: card.customerId,
        account_id: card.accountId,
        product_id: card.productId,
        pan_enc: keyring.encrypt(pan, ENC.pan),
        pan_bidx: panIndex,
        bin: pan.slice(0, 6),
        last4: pan.slice(-4),
        is_primary: card.isPrimary ? 1 : 0,
        status: 'pending_activation',
        status_reason: null,
        status_changed_at: at,
        expiry_month: expiryFor(card.issuedOn),
        issued_on: card.issuedOn,
        activated_on: null,
        replaces_card_id: card.replacesCardId ?? null,
        replaced_by_card_id: null,
        delivery_status: 'ordered',
        delivery_updated_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute();
    return { id, last4: pan.slice(-4) };
  }
}

/** When a replacement ordered today is expected to arrive (production + courier), for the agent's answer. */
export function expectedDelivery(orderedOn: string, urgent: boolean): string {
  return addDays(orderedOn, urgent ? 3 : 7);
}
