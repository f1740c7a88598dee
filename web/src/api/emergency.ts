import { api } from '../app/api.ts';

/** The emergency lane (guide §3.3): freeze at once, guide the customer, open a fraud case. */
export interface EmergencyResult {
  id?: string;
  cardId: string;
  cardStatus: string;
  maskedPan?: string;
  caseNumber?: string | null;
  caseId?: string | null;
  checklist: Array<{ key?: string; text: string; done?: boolean }> | string[];
  sentTo?: string | null;
}

type Ctx = { contactId?: string | null | undefined; accessReason?: string | undefined };

export const emergencyReport = (
  key: string,
  input: { customerId: string; cardId: string; kind: 'lost' | 'stolen' | 'fraud'; note?: string },
  ctx: Ctx,
) =>
  api<EmergencyResult>('/api/emergency/reports', {
    method: 'POST',
    body: input,
    idempotencyKey: key,
    contactId: ctx.contactId,
    accessReason: ctx.accessReason,
  });

export function checklistTexts(list: EmergencyResult['checklist']): string[] {
  return list.map((item) => (typeof item === 'string' ? item : item.text));
}
