import type { CaseMessageDto } from '@carddesk/contracts';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { scrubText } from '../../platform/pii/mask.ts';
import { type CaseMessageRow, insertCaseMessage, listCustomerMessages } from './case.repository.ts';
import { type CaseChange, recordCaseEvent } from './case-core.service.ts';

/**
 * Messages to the customer about a case — intake confirmation, promised time, result with the feedback
 * request, extension and appraisal notices, the emergency checklist. They are stored (the customer keeps
 * them: the chat and the customer's message list show them again) and written into the case history.
 * Delivery by SMS or in-app is the channel adapter's job; what was said is recorded here.
 */
export type CustomerMessageKind =
  | 'intake_confirmation'
  | 'promise'
  | 'result'
  | 'extension_notice'
  | 'complex_notice'
  | 'appraisal_notice'
  | 'review_acknowledgement'
  | 'emergency_confirmation'
  | 'emergency_checklist';

export async function sendCustomerMessage(
  change: Pick<CaseChange, 'ctx' | 'row'> & Partial<Pick<CaseChange, 'grant'>>,
  kind: CustomerMessageKind,
  body: string,
): Promise<CaseMessageDto> {
  const { ctx, row } = change;
  const at = ctx.clock.now();
  const channel = row.channel === 'chat' || row.channel === 'app' ? row.channel : 'sms';
  const message = {
    id: newId(at),
    case_id: row.id,
    customer_id: row.customer_id,
    kind,
    channel,
    body: scrubText(body),
    sent_at: at.toISOString(),
    sent_by: ctx.actor.userId,
  };
  await insertCaseMessage(ctx.db, message);
  await recordCaseEvent(change, 'message_sent', message.body, { messageId: message.id, messageKind: kind, channel });
  return messageRowToDto(message);
}

export function messageRowToDto(row: CaseMessageRow): CaseMessageDto {
  return { id: row.id, caseId: row.case_id, kind: row.kind, channel: row.channel, body: row.body, sentAt: row.sent_at };
}

/**
 * What the customer was sent about their cases, newest first — for the customer chat and the 360 view.
 * The caller has already been granted access to the customer.
 */
export async function customerMessages(ctx: Ctx, customerId: string, limit = 50): Promise<CaseMessageDto[]> {
  return (await listCustomerMessages(ctx.db, customerId, limit)).map(messageRowToDto);
}

/**
 * `GET /api/cases/messages`: every message about any of the customer's cases, so it needs access to the
 * customer (a contact with them, or a supervisor's reason), not just to one of their cases; audited.
 */
export async function readCustomerMessages(ctx: Ctx, customerId: string): Promise<CaseMessageDto[]> {
  authorize(ctx.actor, 'cases.list');
  const grant = await ctx.access.require(ctx, { customerId, need: 'case.read' });
  const messages = await customerMessages(ctx, customerId);
  await audit(ctx, {
    action: 'case.messages_read',
    entityType: 'customer',
    entityId: customerId,
    customerId,
    contactId: grant.contactId ?? ctx.contactId ?? null,
    details: { count: messages.length },
  });
  return messages;
}

export const BANK_NAME = '信用卡中心';
