import { randomInt, timingSafeEqual } from 'node:crypto';
import { type DemoOtp, OTP_PURPOSES, type OtpPurpose } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { afterCommit, lockName } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone } from '../../platform/pii/mask.ts';
import { loadConfig } from './settings.ts';

/**
 * One-time codes to the customer's registered phone. Only a keyed hash of the code is stored. Sending
 * is pluggable (`setOtpSender`, e.g. a bank's SMS gateway); in demo mode, with no sender set, the code is
 * written to the server log and kept encrypted for the staff-only demo outbox (`GET /api/demo/otp`) —
 * never returned to the customer side.
 */
export { OTP_PURPOSES, type OtpPurpose };

export interface OtpMessage {
  phone: string;
  code: string;
  purpose: OtpPurpose;
  expiresAt: string;
}

export interface OtpSender {
  send(message: OtpMessage): Promise<void>;
}

let configuredSender: OtpSender | undefined;

/** Installs the SMS sender (composition root or a bank's plug-in); `undefined` restores the default. */
export function setOtpSender(sender: OtpSender | undefined): void {
  configuredSender = sender;
}

function senderFor(ctx: Ctx): OtpSender {
  if (configuredSender) return configuredSender;
  if (ctx.config.CARDDESK_DEMO) {
    return {
      async send(m) {
        ctx.log.info({ demoOtp: m.code, to: maskPhone(m.phone), purpose: m.purpose }, 'demo one-time code (not sent)');
      },
    };
  }
  throw new AppError('OTP_SENDER_UNAVAILABLE');
}

const DAY_MS = 24 * 3_600_000;

const codeHash = (ctx: Ctx, id: string, code: string) => ctx.keyring.blindIndex(code, `otp:${id}`);

export interface IssuedOtp {
  id: string;
  sentToMasked: string;
  expiresAt: string;
}

/**
 * The code this contact was sent within the resend interval and that still works, if any: asking again in
 * that time (the verification panel, the installment dialog) answers with it instead of a refusal, and
 * the caller keys in the code already on their phone.
 */
export async function pendingContactOtp(
  ctx: Ctx,
  contactId: string,
  customerId: string,
): Promise<IssuedOtp | undefined> {
  const config = await loadConfig(ctx);
  const now = ctx.clock.now();
  const row = await ctx.db
    .selectFrom('otp_codes')
    .select(['id', 'phone_masked', 'expires_at'])
    .where('contact_id', '=', contactId)
    // Sent to the customer the contact is linked to now: one sent before it was linked to another is not theirs.
    .where('customer_id', '=', customerId)
    .where('purpose', '=', 'contact_verify')
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .where('created_at', '>', new Date(now.getTime() - config.otp.resendSeconds * 1000).toISOString())
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? { id: row.id, sentToMasked: row.phone_masked, expiresAt: row.expires_at } : undefined;
}

/**
 * Issues a code for `phone`. A code asked again within the resend interval, or past the day's allowance
 * (`otp.maxPerDay`), is refused, whether or not the phone belongs to a customer — so the answer never
 * tells who is a customer. With no `customerId`
 * (an unknown phone on the chat page) nothing is sent.
 */
export async function issueOtp(
  ctx: Ctx,
  input: { purpose: OtpPurpose; phone: string; customerId: string | null; contactId: string | null },
): Promise<IssuedOtp> {
  const config = await loadConfig(ctx);
  const sender = input.customerId ? senderFor(ctx) : undefined;
  const now = ctx.clock.now();
  const phoneBidx = ctx.keyring.blindIndex(input.phone, 'otp.phone');
  // Codes asked at once (several calls, several pages) for one phone are issued one after the other, so the
  // resend interval, the day's allowance and "only the latest works" hold: the lock lasts to the commit.
  await lockName(ctx.db, `otp:${phoneBidx}`);
  const recent = await ctx.db
    .selectFrom('otp_codes')
    .select('created_at')
    .where('phone_bidx', '=', phoneBidx)
    .where('purpose', '=', input.purpose)
    .where('created_at', '>', new Date(now.getTime() - config.otp.resendSeconds * 1000).toISOString())
    .executeTakeFirst();
  if (recent) throw new AppError('OTP_TOO_SOON', { details: { retryAfterSeconds: config.otp.resendSeconds } });
  // A fresh code every resend interval would give maxAttempts more guesses each time: cap codes per day.
  const today = await ctx.db
    .selectFrom('otp_codes')
    .select('created_at')
    .where('phone_bidx', '=', phoneBidx)
    .where('purpose', '=', input.purpose)
    .where('created_at', '>', new Date(now.getTime() - DAY_MS).toISOString())
    .orderBy('created_at', 'asc')
    .execute();
  const oldest = today[0];
  if (oldest && today.length >= config.otp.maxPerDay) {
    const retryAfterSeconds = Math.ceil((Date.parse(oldest.created_at) + DAY_MS - now.getTime()) / 1000);
    throw new AppError('OTP_TOO_SOON', { details: { retryAfterSeconds } });
  }

  const id = newId(now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + config.otp.ttlSeconds * 1000).toISOString();
  // Codes still waiting for the same purpose die with the new one: only the latest works — for the phone, and
  // on the contact (one sent there before it was linked to another customer went to another phone).
  await ctx.db
    .updateTable('otp_codes')
    .set({ consumed_at: now.toISOString() })
    .where((eb) =>
      input.contactId
        ? eb.or([eb('phone_bidx', '=', phoneBidx), eb('contact_id', '=', input.contactId)])
        : eb('phone_bidx', '=', phoneBidx),
    )
    .where('purpose', '=', input.purpose)
    .where('consumed_at', 'is', null)
    .execute();
  await ctx.db
    .insertInto('otp_codes')
    .values({
      id,
      purpose: input.purpose,
      phone_bidx: phoneBidx,
      phone_masked: maskPhone(input.phone),
      customer_id: input.customerId,
      contact_id: input.contactId,
      code_hash: codeHash(ctx, id, code),
      demo_code_enc: ctx.config.CARDDESK_DEMO && input.customerId ? ctx.keyring.encrypt(code, `otp_codes:${id}`) : null,
      attempts: 0,
      expires_at: expiresAt,
      consumed_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  if (sender) {
    const message: OtpMessage = { phone: input.phone, code, purpose: input.purpose, expiresAt };
    // Sent once the code is committed: a rolled-back request sends nothing that could not be checked.
    afterCommit(ctx.db, () => {
      sender.send(message).catch((err: unknown) => ctx.log.error({ err, otpId: id }, 'one-time code not sent'));
    });
  }
  return { id, sentToMasked: maskPhone(input.phone), expiresAt };
}

export type OtpCheck = { ok: true; customerId: string | null } | { ok: false; reason: 'none' | 'wrong' | 'exhausted' };

/**
 * Checks a code against the latest live code for the phone (or the contact) and purpose. A wrong code
 * counts; after the configured number of wrong tries the code is dead. A right code is used up.
 */
export async function checkOtp(
  ctx: Ctx,
  input: { purpose: OtpPurpose; code: string; phone?: string; contactId?: string },
): Promise<OtpCheck> {
  const config = await loadConfig(ctx);
  const now = ctx.clock.now().toISOString();
  let q = ctx.db
    .selectFrom('otp_codes')
    .selectAll()
    .where('purpose', '=', input.purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now);
  if (input.phone) q = q.where('phone_bidx', '=', ctx.keyring.blindIndex(input.phone, 'otp.phone'));
  if (input.contactId) q = q.where('contact_id', '=', input.contactId);
  const row = await q.orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  if (!row) return { ok: false, reason: 'none' };
  if (row.attempts >= config.otp.maxAttempts) return { ok: false, reason: 'exhausted' };
  const expected = Buffer.from(row.code_hash);
  const given = Buffer.from(codeHash(ctx, row.id, input.code));
  const match = expected.length === given.length && timingSafeEqual(expected, given);
  if (!match || !row.customer_id) {
    // One conditional UPDATE … RETURNING: concurrent wrong tries each count, none reads a stale number.
    const counted = await ctx.db
      .updateTable('otp_codes')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', row.id)
      .where('consumed_at', 'is', null)
      .where('attempts', '<', config.otp.maxAttempts)
      .returning('attempts')
      .executeTakeFirst();
    if (!counted || counted.attempts >= config.otp.maxAttempts) {
      await ctx.db
        .updateTable('otp_codes')
        .set({ consumed_at: now })
        .where('id', '=', row.id)
        .where('consumed_at', 'is', null)
        .execute();
      return { ok: false, reason: 'exhausted' };
    }
    return { ok: false, reason: 'wrong' };
  }
  // Used up in the same conditional step, so two requests with the right code cannot both pass.
  const used = await ctx.db
    .updateTable('otp_codes')
    .set({ consumed_at: now })
    .where('id', '=', row.id)
    .where('consumed_at', 'is', null)
    .where('attempts', '<', config.otp.maxAttempts)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) return { ok: false, reason: 'exhausted' };
  return { ok: true, customerId: row.customer_id };
}

/** A code in the demo outbox: staff see it to play the customer; the phone only masked. */
export type { DemoOtp };

/** The demo outbox as staff read it: demo mode only (otherwise no such route), audited. */
export async function readDemoOutbox(ctx: Ctx): Promise<DemoOtp[]> {
  if (!ctx.config.CARDDESK_DEMO) throw new AppError('ROUTE_NOT_FOUND');
  authorize(ctx.actor, 'demo.otp_outbox');
  const codes = await demoOutbox(ctx);
  await audit(ctx, { action: 'demo.otp_outbox_read', entityType: 'otp', details: { count: codes.length } });
  return codes;
}

/** The demo outbox: codes sent recently. */
async function demoOutbox(ctx: Ctx): Promise<DemoOtp[]> {
  const rows = await ctx.db
    .selectFrom('otp_codes')
    .selectAll()
    .where('demo_code_enc', 'is not', null)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now().toISOString())
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  return rows.map((r) => ({
    to: r.phone_masked,
    purpose: r.purpose as OtpPurpose,
    contactId: r.contact_id,
    code: ctx.keyring.decrypt(r.demo_code_enc ?? '', `otp_codes:${r.id}`),
    createdAt: r.created_at,
    expiresAt: r.expires_at,
  }));
}

/**
 * The stored form of every code (its keyed hash), for checking that no code is kept in the clear; the
 * code itself is never returned.
 */
export async function storedOtpHashes(db: Executor): Promise<string[]> {
  return (await db.selectFrom('otp_codes').select('code_hash').orderBy('id').execute()).map((r) => r.code_hash);
}
