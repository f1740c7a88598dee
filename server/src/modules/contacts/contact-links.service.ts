import type { ContactType, Intent } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { newId } from '../../platform/ids.ts';
import { lockContactRow, updateContact } from './contact.repository.ts';
import { contactTopic, queueTopic } from './contact.service.ts';
import { effectiveType, higherType, type RaiseKind } from './contact.ts';
import { parseIntents } from './contact.view.ts';
import type { ContactsTable } from './contacts.tables.ts';

/**
 * How other modules tell a contact what was done inside it (issue 4 §5, issue 5): the emergency lane
 * marks the contact `emergency` — it then goes first in any queue it waits in — and a case opened from
 * the contact makes it a `complaint` unless it is an emergency. Each records a link the hand-over packet
 * lists and the closing outcome reads. These run in the caller's transaction, after the caller checked
 * its own permission and access to the customer; they are idempotent per case or report.
 */
export interface CaseLinkDetails {
  number: string;
  kind: 'complaint' | 'fraud' | 'repayment_trace';
  category: string;
  dueDate: string;
}

export interface EmergencyLinkDetails {
  kind: 'lost' | 'stolen' | 'fraud';
  action: 'reported_lost' | 'frozen';
  cardLast4: string;
}

export type ContactLink =
  | { kind: 'case'; refId: string; at: string; details: CaseLinkDetails }
  | { kind: 'emergency'; refId: string; at: string; details: EmergencyLinkDetails };

const RAISE_BY_CASE_KIND: Record<CaseLinkDetails['kind'], RaiseKind | null> = {
  complaint: 'complaint',
  fraud: 'emergency',
  repayment_trace: null,
};

interface Raise {
  customerId: string;
  raise: RaiseKind | null;
  intents: readonly Intent[];
  link: { kind: ContactLink['kind']; refId: string; details: CaseLinkDetails | EmergencyLinkDetails };
}

/**
 * The emergency lane blocked a card inside this contact: the contact becomes `emergency` (whatever it was
 * classified as before) with the emergency intent added, and jumps the queue it waits in, if any.
 */
export async function markEmergency(
  ctx: Ctx,
  contactId: string,
  input: { customerId: string; intents: readonly Intent[]; reportId: string; details: EmergencyLinkDetails },
): Promise<void> {
  await raiseContact(ctx, contactId, {
    customerId: input.customerId,
    raise: 'emergency',
    intents: input.intents,
    link: { kind: 'emergency', refId: input.reportId, details: input.details },
  });
}

/**
 * A case was opened from this contact. A complaint raises the contact to `complaint` unless it is an
 * emergency; a fraud case comes from the emergency lane and raises it to `emergency`; a repayment trace
 * (还款未入账) is a service request and leaves the contact's type to its intents. The category is
 * added as an intent when it is one of the complaint intents (a complaint about a fee is `complaint_fee`).
 */
export async function recordCaseOpened(
  ctx: Ctx,
  contactId: string,
  input: { customerId: string; caseId: string; intents: readonly Intent[]; details: CaseLinkDetails },
): Promise<void> {
  await raiseContact(ctx, contactId, {
    customerId: input.customerId,
    raise: RAISE_BY_CASE_KIND[input.details.kind],
    intents: input.intents,
    link: { kind: 'case', refId: input.caseId, details: input.details },
  });
}

async function raiseContact(ctx: Ctx, contactId: string, input: Raise): Promise<void> {
  const row = await lockContactRow(ctx.db, contactId);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  // The contact named must be this customer's: a case or a block never lands in someone else's transcript.
  if (row.customer_id !== input.customerId) throw new AppError('CONTACT_CUSTOMER_MISMATCH');
  const now = ctx.clock.now().toISOString();
  const inserted = await ctx.db
    .insertInto('contact_links')
    .values({
      id: newId(ctx.clock.now()),
      contact_id: contactId,
      kind: input.link.kind,
      ref_id: input.link.refId,
      details: JSON.stringify(input.link.details),
      at: now,
      actor_id: ctx.actor.userId,
    })
    .onConflict((oc) => oc.columns(['contact_id', 'kind', 'ref_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return; // recorded already (a retry)

  const intents = [...new Set([...parseIntents(row.intents), ...input.intents])];
  const raised = higherType(row.raised_type as ContactType | null, input.raise);
  const type = effectiveType(intents, raised);
  const set: Partial<ContactsTable> = {
    intents: JSON.stringify(intents),
    raised_type: raised,
    type,
    updated_at: now,
  };
  await updateContact(ctx.db, contactId, set);
  await audit(ctx, {
    action: 'contact.raise',
    entityType: 'contact',
    entityId: contactId,
    customerId: row.customer_id,
    contactId,
    details: { by: input.link.kind, refId: input.link.refId, from: row.type, to: type, intents },
  });
  publishEvent(ctx, contactTopic(contactId), 'contact.classified', { contactId, intents, type });
  if (row.status === 'waiting' && row.queue_code && type === 'emergency' && row.type !== 'emergency') {
    // Listeners of the queue re-read it: this contact now goes first.
    publishEvent(ctx, queueTopic(row.queue_code), 'queue.priority', { contactId, type });
  }
}

/** What was done inside a contact, oldest first. */
export async function listContactLinks(db: Executor, contactId: string): Promise<ContactLink[]> {
  const rows = await db
    .selectFrom('contact_links')
    .select(['kind', 'ref_id', 'details', 'at'])
    .where('contact_id', '=', contactId)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ kind: r.kind, refId: r.ref_id, at: r.at, details: JSON.parse(r.details) }) as ContactLink);
}
