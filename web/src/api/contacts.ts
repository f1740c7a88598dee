import type {
  AgentPresence,
  AgentState,
  CannedReply,
  CardFactorKind,
  ContactChannel,
  ContactListItem,
  ContactOtpSent,
  ContactOutcome,
  ContactStage,
  ContactsSettings,
  ContactTurn,
  ContactView,
  DemoOtp,
  HandoverView,
  PhoneContactStarted,
  QueueView,
  SurveySent,
  SurveyState,
  VerificationLevel,
  VerificationMethod,
  VerifyInput,
  VerifyResult,
  WaitingContact,
} from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * The contacts module's API as the workstation uses it (server/src/modules/contacts). The response types are
 * the server's own schemas, inferred in `@carddesk/contracts`.
 */
export type {
  AgentPresence,
  AgentState,
  CannedReply,
  ContactListItem,
  ContactsSettings,
  CustomerContactItem,
  HandoverPacket,
  PromiseView as CustomerPromise,
  ScreenPop,
  SurveySent,
  VerifyResult,
  WaitingContact,
} from '@carddesk/contracts';
export type Channel = ContactChannel;
export type Stage = ContactStage;
/** The stages in order (the contract's vocabulary). */
export { CONTACT_STAGES as STAGES } from '@carddesk/contracts/vocabulary';
export type Level = VerificationLevel;
export type Method = VerificationMethod;
export type Outcome = ContactOutcome;
export type Contact = ContactView;
export type Turn = ContactTurn;
export type Queue = QueueView;
/** What a hand-over carries so the customer never repeats themselves (guide §3.4). */
export type Handover = HandoverView;

/** Only factors the desk never displays back up the card's last four digits. */
export type FactorKind = CardFactorKind;
export type { VerifyInput };

const c = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

export const startPhoneCall = (key: string, callerNumber: string) =>
  api<PhoneContactStarted>('/api/contacts', {
    method: 'POST',
    body: { channel: 'phone', direction: 'inbound', callerNumber },
    idempotencyKey: key,
  });
export const myContacts = (signal?: AbortSignal) => api<ContactListItem[]>('/api/contacts', { signal });
export const getContact = (id: string, signal?: AbortSignal) => api<Contact>(c(id), { signal });
export const getTurns = (id: string, after = 0, signal?: AbortSignal) =>
  api<Turn[]>(`${c(id)}/turns`, { query: { after }, signal });
export const sendAgentTurn = (key: string, id: string, text: string) =>
  api<Turn>(`${c(id)}/turns`, { method: 'POST', body: { text }, idempotencyKey: key, contactId: id });
export const moveStage = (key: string, id: string, stage: Stage, reason?: string) =>
  api<Contact>(`${c(id)}/stage`, {
    method: 'POST',
    body: reason ? { stage, reason } : { stage },
    idempotencyKey: key,
    contactId: id,
  });
export const verify = (key: string, id: string, input: VerifyInput) =>
  api<VerifyResult>(`${c(id)}/verify`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });
export const sendOtp = (key: string, id: string) =>
  api<ContactOtpSent>(`${c(id)}/verification/otp`, {
    method: 'POST',
    idempotencyKey: key,
    contactId: id,
  });
export const linkCustomer = (key: string, id: string, customerId: string) =>
  api<Contact>(`${c(id)}/customer`, { method: 'POST', body: { customerId }, idempotencyKey: key, contactId: id });
export const classify = (key: string, id: string, intents: string[], source: 'agent' | 'nlu' = 'agent') =>
  api<Contact>(`${c(id)}/classification`, {
    method: 'PUT',
    body: { intents, source },
    idempotencyKey: key,
    contactId: id,
  });
export const closeContact = (
  key: string,
  id: string,
  input: { outcome: Outcome; skipConfirmationReason?: string; summary?: string },
) => api<Contact>(`${c(id)}/close`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });
export const acceptContact = (key: string, id: string) =>
  api<Contact>(`${c(id)}/accept`, { method: 'POST', idempotencyKey: key });
/** "Next customer": the server picks the head of the queue (emergencies first) and assigns it to me. */
export const takeNextContact = (key: string, queue: string) =>
  api<Contact>(`/api/queues/${encodeURIComponent(queue)}/take`, { method: 'POST', idempotencyKey: key });
/** Tells the customer the agent is typing (the customer's page shows it for a few seconds). */
export const sendTyping = (id: string) => api<void>(`${c(id)}/typing`, { method: 'POST', contactId: id });
/** Sends the caller the satisfaction survey by SMS (demo mode: the link comes back to play the customer). */
export const sendSurvey = (key: string, id: string) =>
  api<SurveySent>(`${c(id)}/survey`, { method: 'POST', idempotencyKey: key, contactId: id });
export const surveyState = (token: string, signal?: AbortSignal) =>
  api<SurveyState>(`/api/surveys/${encodeURIComponent(token)}`, { signal, token: null });
export const answerSurvey = (key: string, token: string, input: { rating: number; resolved: boolean }) =>
  api<SurveyState>(`/api/surveys/${encodeURIComponent(token)}`, {
    method: 'POST',
    body: input,
    idempotencyKey: key,
    token: null,
  });

/** 常用语: the team's canned chat replies; its senior agents and supervisors edit them. */
export const listCannedReplies = (signal?: AbortSignal) => api<CannedReply[]>('/api/canned-replies', { signal });
export const saveCannedReply = (key: string, id: string | null, input: { title: string; text: string }) =>
  api<CannedReply>(id ? `/api/canned-replies/${encodeURIComponent(id)}` : '/api/canned-replies', {
    method: id ? 'PUT' : 'POST',
    body: input,
    idempotencyKey: key,
  });
export const deleteCannedReply = (key: string, id: string) =>
  api<void>(`/api/canned-replies/${encodeURIComponent(id)}`, { method: 'DELETE', idempotencyKey: key });

/** The agent's own state (示闲 / 示忙 / 小休 / 话后整理): only a ready agent is offered the next contact. */
export const getMyState = (signal?: AbortSignal) => api<AgentState>('/api/me/state', { signal });
export const setMyState = (key: string, input: { state: AgentPresence; reason?: string }) =>
  api<AgentState>('/api/me/state', { method: 'PUT', body: input, idempotencyKey: key });
export const listQueues = (signal?: AbortSignal) => api<Queue[]>('/api/queues', { signal });
export const listWaiting = (queue: string, signal?: AbortSignal) =>
  api<WaitingContact[]>(`/api/queues/${encodeURIComponent(queue)}/contacts`, { signal });

export interface TransferInput {
  target: { kind: 'department'; code: string } | { kind: 'queue'; code: 'general' } | { kind: 'user'; userId: string };
  note?: string;
}
export const transfer = (key: string, id: string, input: TransferInput) =>
  api<Handover>(`${c(id)}/transfer`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });
export const myHandovers = (signal?: AbortSignal) => api<Handover[]>('/api/handovers', { signal });
export const acknowledgeHandover = (key: string, contactId: string) =>
  api<Contact>(`${c(contactId)}/handover/acknowledge`, { method: 'POST', idempotencyKey: key });

export const contactsSettings = (signal?: AbortSignal) => api<ContactsSettings>('/api/contacts/settings', { signal });

/** Demo mode only: the one-time codes the demo "sent" (there is no SMS gateway in the demo). */
export const demoOutbox = (signal?: AbortSignal) => api<DemoOtp[]>('/api/demo/otp', { signal });
