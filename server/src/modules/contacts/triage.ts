import { INTENTS, type Intent, isIntent } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { publishEvent } from '../../platform/events/publish.ts';
import { analyze } from '../nlu/index.ts';
import { updateContact } from './contact.repository.ts';
import { contactTopic, queueTopic } from './contact.service.ts';
import { effectiveType } from './contact.ts';
import { parseIntents } from './contact.view.ts';
import type { ContactsTable } from './contacts.tables.ts';

/**
 * How sure the NLU must be before a waiting chat jumps the queue. High on purpose: a false emergency
 * pushes every other customer back, while a missed one still gets the emergency lane as soon as an agent
 * reads it. On the held-out set emergency intents are recognised well above this.
 */
export const TRIAGE_MIN_CONFIDENCE = 0.8;

/**
 * Queue triage of a chat nobody has answered yet: when the NLU reads an emergency in what the customer
 * wrote ("我的卡丢了", transactions they did not make), the contact is classified so (source `nlu`) and
 * goes ahead of the queue at once — the customer should not wait behind statement questions while their
 * card can still be used. The agent who takes it sees why and may reclassify it (nothing was blocked yet,
 * so nothing is raised). Best effort: without the NLU the chat simply waits in its turn.
 */
export async function triageWaitingChat(ctx: Ctx, row: ContactsTable, text: string): Promise<void> {
  if (row.status !== 'waiting' || !row.queue_code || row.type === 'emergency') return;
  let intent: Intent;
  let confidence: number;
  try {
    const result = analyze(text, { now: ctx.clock.now() });
    if (!isIntent(result.intent)) return;
    intent = result.intent;
    confidence = result.confidence;
  } catch (err) {
    ctx.log.warn({ err, contactId: row.id }, 'queue triage unavailable: the chat waits in its turn');
    return;
  }
  if (INTENTS[intent].type !== 'emergency' || confidence < TRIAGE_MIN_CONFIDENCE) return;
  const intents = [...new Set([...parseIntents(row.intents), intent])];
  const type = effectiveType(intents, row.raised_type as Parameters<typeof effectiveType>[1]);
  await updateContact(ctx.db, row.id, {
    intents: JSON.stringify(intents),
    type,
    intents_source: 'nlu',
    updated_at: ctx.clock.now().toISOString(),
  });
  await audit(ctx, {
    action: 'contact.triage',
    entityType: 'contact',
    entityId: row.id,
    customerId: row.customer_id,
    contactId: row.id,
    details: { intent, confidence: Math.round(confidence * 1000) / 1000, from: row.type, to: type },
  });
  publishEvent(ctx, contactTopic(row.id), 'contact.classified', { contactId: row.id, intents, type });
  publishEvent(ctx, queueTopic(row.queue_code), 'queue.priority', { contactId: row.id, type });
}
