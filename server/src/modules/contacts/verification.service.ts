import { CARD_FACTOR_KINDS, type CardFactorKind, type VerifyResult } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { systemActor } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction, lockName } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { updateContact } from './contact.repository.ts';
import { contactTopic, lockHandledContact, recordStage } from './contact.service.ts';
import { type Level, levelFromMethods } from './contact.ts';
import { parseMethods } from './contact.view.ts';
import type { ContactsTable } from './contacts.tables.ts';
import { checkFactor, registeredPhone } from './customers.ts';
import { checkOtp, issueOtp, pendingContactOtp } from './otp.ts';
import { type ContactsConfig, loadConfig } from './settings.ts';

/**
 * Identity verification on a contact (levels none < basic < strong). Every attempt is recorded and
 * audited — the method and the result, never the values given. Failed attempts on one customer, across
 * contacts, lock verification for a while, so guessing by calling again does not help.
 */
export type VerifyInput =
  | { method: 'caller_number' }
  | { method: 'name_id_last6'; name: string; idLast6: string }
  | {
      method: 'card_last4_factor';
      cardLast4: string;
      factor: { kind: CardFactorKind; value: string };
    }
  | { method: 'otp'; code: string };

export type { VerifyResult };

/** When verification on this customer is locked (too many recent failures), or null. */
export async function lockedUntil(ctx: Ctx, customerId: string, config: ContactsConfig): Promise<string | null> {
  const now = ctx.clock.now().getTime();
  const { maxFailures, windowMinutes, lockMinutes } = config.verification;
  const since = new Date(now - Math.max(windowMinutes, lockMinutes) * 60_000).toISOString();
  const attempts = await ctx.db
    .selectFrom('verification_attempts')
    .select(['success', 'at'])
    .where('customer_id', '=', customerId)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .execute();
  // Failures since the last success, newest first: a success clears the count.
  const failures: string[] = [];
  for (const a of attempts) {
    if (a.success === 1) break;
    failures.push(a.at);
  }
  const inWindow = failures.filter((at) => Date.parse(at) > now - windowMinutes * 60_000);
  if (inWindow.length < maxFailures) return null;
  const newest = failures[0];
  if (!newest) return null;
  const until = Date.parse(newest) + lockMinutes * 60_000;
  return until > now ? new Date(until).toISOString() : null;
}

async function failuresLeft(ctx: Ctx, customerId: string, config: ContactsConfig): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - config.verification.windowMinutes * 60_000).toISOString();
  const attempts = await ctx.db
    .selectFrom('verification_attempts')
    .select('success')
    .where('customer_id', '=', customerId)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .execute();
  let failed = 0;
  for (const a of attempts) {
    if (a.success === 1) break;
    failed++;
  }
  return Math.max(0, config.verification.maxFailures - failed);
}

async function runCheck(ctx: Ctx, row: ContactsTable, customerId: string, input: VerifyInput): Promise<boolean> {
  switch (input.method) {
    case 'caller_number': {
      // Only a number the telephony side delivered counts: one the agent typed proves nothing.
      if (row.channel !== 'phone' || !row.caller_number_enc || row.caller_number_source !== 'telephony') {
        throw new AppError('VERIFICATION_METHOD_UNAVAILABLE');
      }
      const caller = ctx.keyring.decrypt(row.caller_number_enc, 'contacts.caller_number');
      const registered = await registeredPhone(ctx, customerId);
      return registered !== undefined && registered === caller;
    }
    case 'name_id_last6': {
      const [name, id] = await Promise.all([
        checkFactor(ctx, customerId, { kind: 'name', value: input.name }),
        checkFactor(ctx, customerId, { kind: 'id_last6', value: input.idLast6 }),
      ]);
      return name && id;
    }
    case 'card_last4_factor': {
      // The schema admits only undisplayed factors; checked here too, for callers other than the route.
      if (!(CARD_FACTOR_KINDS as readonly string[]).includes(input.factor.kind)) return false;
      const [card, other] = await Promise.all([
        checkFactor(ctx, customerId, { kind: 'card_last4', value: input.cardLast4 }),
        checkFactor(ctx, customerId, input.factor),
      ]);
      return card && other;
    }
    case 'otp': {
      const result = await checkOtp(ctx, { purpose: 'contact_verify', code: input.code, contactId: row.id });
      if (!result.ok && result.reason === 'none') throw new AppError('OTP_NOT_SENT');
      return result.ok && result.customerId === customerId;
    }
  }
}

/**
 * One verification attempt by the contact's handler. A failure is an answer (200), not an error.
 * A one-time code is never taken by the agent: the customer keys it in on the phone keypad
 * (`enterKeypadCode`), since the guide and the scripts tell customers no one will ask them for it.
 */
export async function verifyContact(ctx: Ctx, contactId: string, input: VerifyInput): Promise<VerifyResult> {
  authorize(ctx.actor, 'contacts.handle');
  if (input.method === 'otp') throw new AppError('OTP_KEYPAD_ONLY');
  return inTransaction(ctx, async (tctx) => attempt(tctx, await lockHandledContact(tctx, contactId), input));
}

/**
 * The customer keyed the one-time code in on the phone keypad: the telephony integration (its CTI/IVR
 * adapter runs in the server as the system) hands the digits over; the agent never hears or sees them and
 * learns the result from the contact's live update.
 */
export async function enterKeypadCode(ctx: Ctx, contactId: string, digits: string): Promise<VerifyResult> {
  authorize(ctx.actor, 'telephony.deliver');
  return inTransaction(ctx, async (tctx) => keypadAttempt(tctx, await lockHandledContact(tctx, contactId), digits));
}

/**
 * Demo mode only: the agent plays the caller keying the code in, as the telephony side would deliver it
 * (demo mode has no telephone network). Only on the agent's own call — checked under the same lock as the
 * attempt, so a transfer cannot land in between.
 */
export async function demoKeypadEntry(ctx: Ctx, contactId: string, digits: string): Promise<VerifyResult> {
  if (!ctx.config.CARDDESK_DEMO) throw new AppError('ROUTE_NOT_FOUND');
  authorize(ctx.actor, 'demo.otp_outbox');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, contactId);
    const result = await keypadAttempt({ ...tctx, actor: systemActor('demo-telephony') }, row, digits);
    // The attempt is the telephony side's (as in production); who played the caller is on record too.
    await audit(tctx, {
      action: 'demo.keypad_entry',
      entityType: 'contact',
      entityId: row.id,
      customerId: row.customer_id,
      contactId: row.id,
      details: { success: result.success },
    });
    return result;
  });
}

/** Digits keyed in on a live phone contact: a one-time-code attempt. */
function keypadAttempt(tctx: Ctx, row: ContactsTable, digits: string): Promise<VerifyResult> {
  if (row.channel !== 'phone' || row.status !== 'active') throw new AppError('VERIFICATION_METHOD_UNAVAILABLE');
  return attempt(tctx, row, { method: 'otp', code: digits });
}

/** An attempt on a locked contact row: recorded, audited, the level raised on success, pushed live. */
async function attempt(tctx: Ctx, row: ContactsTable, input: VerifyInput): Promise<VerifyResult> {
  const contactId = row.id;
  const customerId = row.customer_id;
  if (!customerId) throw new AppError('CUSTOMER_NOT_IDENTIFIED');
  // Attempts on one customer from several calls at once are counted one after the other (lock to the
  // commit), so each sees the failures before it and the lock-out holds across contacts.
  await lockName(tctx.db, `verify:${customerId}`);
  const config = await loadConfig(tctx);
  const locked = await lockedUntil(tctx, customerId, config);
  if (locked) throw new AppError('VERIFICATION_LOCKED', { details: { lockedUntil: locked } });

  const success = await runCheck(tctx, row, customerId, input);
  const now = tctx.clock.now().toISOString();
  await tctx.db
    .insertInto('verification_attempts')
    .values({
      id: newId(tctx.clock.now()),
      contact_id: contactId,
      customer_id: customerId,
      method: input.method,
      success: success ? 1 : 0,
      at: now,
      actor_id: tctx.actor.userId,
    })
    .execute();
  let methods = parseMethods(row.verification_methods);
  let level = row.verification_level as Level;
  if (success) {
    methods = [...new Set([...methods, input.method])];
    level = levelFromMethods(methods, config.levelPolicy);
    await updateContact(tctx.db, contactId, {
      verification_methods: JSON.stringify(methods),
      verification_level: level,
      verified_at: level === 'none' ? row.verified_at : now,
      updated_at: now,
    });
  }
  await audit(tctx, {
    action: success ? 'contact.verify' : 'contact.verify_failed',
    entityType: 'contact',
    entityId: contactId,
    customerId,
    contactId,
    details: { method: input.method, success, level },
  });
  if (row.stage === 'greeting') await recordStage(tctx, row, 'verify', null);
  publishEvent(tctx, contactTopic(contactId), 'contact.verification', { contactId, level, methods });
  const lockedNow = success ? null : await lockedUntil(tctx, customerId, config);
  if (lockedNow) {
    await audit(tctx, {
      action: 'contact.verification_locked',
      entityType: 'customer',
      entityId: customerId,
      customerId,
      contactId,
      details: { lockedUntil: lockedNow },
    });
  }
  return {
    success,
    level,
    methods,
    failuresLeft: await failuresLeft(tctx, customerId, config),
    lockedUntil: lockedNow,
  };
}

/** Sends a one-time code to the customer's registered phone; the customer keys it in on the phone keypad. */
export async function sendContactOtp(ctx: Ctx, contactId: string): Promise<{ sentTo: string; expiresAt: string }> {
  authorize(ctx.actor, 'contacts.handle');
  return inTransaction(ctx, async (tctx) => {
    const row = await lockHandledContact(tctx, contactId);
    // The code is keyed in on the phone keypad; a chat has none, so the customer could only type it in for the agent.
    if (row.channel !== 'phone') throw new AppError('VERIFICATION_METHOD_UNAVAILABLE');
    if (!row.customer_id) throw new AppError('CUSTOMER_NOT_IDENTIFIED');
    const config = await loadConfig(tctx);
    const locked = await lockedUntil(tctx, row.customer_id, config);
    if (locked) throw new AppError('VERIFICATION_LOCKED', { details: { lockedUntil: locked } });
    const phone = await registeredPhone(tctx, row.customer_id);
    if (!phone) throw new AppError('VERIFICATION_METHOD_UNAVAILABLE', { detail: 'no registered phone' });
    const pending = await pendingContactOtp(tctx, contactId, row.customer_id);
    if (pending) return { sentTo: pending.sentToMasked, expiresAt: pending.expiresAt };
    const issued = await issueOtp(tctx, {
      purpose: 'contact_verify',
      phone,
      customerId: row.customer_id,
      contactId,
    });
    await audit(tctx, {
      action: 'contact.otp_sent',
      entityType: 'contact',
      entityId: contactId,
      customerId: row.customer_id,
      contactId,
      details: { otpId: issued.id },
    });
    return { sentTo: issued.sentToMasked, expiresAt: issued.expiresAt };
  });
}
