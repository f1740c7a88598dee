import { api } from '../app/api.ts';

/**
 * The contacts module's API as the workstation uses it (server/src/modules/contacts). Types mirror the
 * server's response schemas; the OpenAPI document at /api/openapi.json is the reference.
 */
export type Channel = 'phone' | 'chat';
export type Stage = 'greeting' | 'verify' | 'need' | 'handle' | 'confirm' | 'closing';
export const STAGES: readonly Stage[] = ['greeting', 'verify', 'need', 'handle', 'confirm', 'closing'];
export type Level = 'none' | 'basic' | 'strong';
export type Method = 'caller_number' | 'name_id_last6' | 'card_last4_factor' | 'otp';
export type Outcome = 'resolved_first_contact' | 'follow_up_promised' | 'transferred' | 'case_opened' | 'abandoned';

export interface Contact {
  id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  status: 'waiting' | 'active' | 'closed';
  stage: Stage;
  customerId: string | null;
  callerNumberMasked: string | null;
  agent: { id: string; displayName: string; agentNo: string | null } | null;
  queueCode: string | null;
  queuedAt: string | null;
  departmentId: string | null;
  verification: { level: Level; methods: Method[]; verifiedAt: string | null };
  type: string | null;
  intents: string[];
  outcome: Outcome | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  hostile: boolean;
  summary: string | null;
  customerEndedAt: string | null;
  startedAt: string;
  acceptedAt: string | null;
  closedAt: string | null;
  stages: Array<{ stage: Stage; at: string; reason: string | null }>;
  pendingHandover: boolean;
  scripts: { greeting: string; closing: string };
}

export interface ContactListItem {
  id: string;
  channel: Channel;
  status: string;
  stage: Stage;
  customerId: string | null;
  type: string | null;
  intents: string[];
  queueCode: string | null;
  startedAt: string;
}

export interface Turn {
  seq: number;
  speaker: 'customer' | 'agent' | 'bot' | 'system';
  text: string;
  at: string;
}

export interface ScreenPop {
  customerId: string;
  maskedName: string | null;
  callerNumberMasked: string;
}

export interface Queue {
  code: string;
  kind: 'general' | 'department';
  nameZh: string;
  nameEn: string;
  waiting: number;
  /** Emergencies (lost/stolen card, fraud) among the waiting: served before everyone else. */
  emergencyWaiting: number;
  longestWaitSeconds: number;
  oldestQueuedAt: string | null;
}

/** Listed in the order the server serves them: emergencies first, then the longest waiting. */
export interface WaitingContact {
  contactId: string;
  channel: Channel;
  identified: boolean;
  verificationLevel: Level;
  type: string | null;
  intents: string[];
  queuedAt: string | null;
  waitSeconds: number;
  priority: 'emergency' | 'normal';
}

/** What a hand-over carries so the customer never repeats themselves (guide §3.4). */
export interface Handover {
  id: string;
  contactId: string;
  status: 'pending' | 'acknowledged';
  target: { kind: string; code: string | null; userId: string | null };
  createdAt: string;
  acknowledgedAt: string | null;
  packet: HandoverPacket;
}

export interface HandoverPacket {
  contactId: string;
  channel: string;
  startedAt: string;
  from: { userId: string | null; displayName: string | null; agentNo: string | null };
  customer: { id: string; maskedName: string | null } | null;
  verification: { level: Level; methods: Method[]; verifiedAt: string | null };
  type: string | null;
  intents: Array<{ code: string; zh: string }>;
  note: string | null;
  recentTurns: Array<{ speaker: string; text: string; at: string }>;
  actions: Array<{ action: string; at: string }>;
  promises: Array<{ id: string; description: string; deadlineAt: string }>;
  riskFlags: string[];
}

export type FactorKind = 'name' | 'id_last6' | 'birth_date' | 'phone';
export type VerifyInput =
  | { method: 'caller_number' }
  | { method: 'name_id_last6'; name: string; idLast6: string }
  | { method: 'card_last4_factor'; cardLast4: string; factor: { kind: FactorKind; value: string } }
  | { method: 'otp'; code: string };

export interface VerifyResult {
  success: boolean;
  level: Level;
  methods: Method[];
  failuresLeft: number;
  lockedUntil: string | null;
}

const c = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

export const startPhoneCall = (key: string, callerNumber: string) =>
  api<{ contact: Contact; screenPop: ScreenPop | null }>('/api/contacts', {
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
  api<{ sentTo: string; expiresAt: string }>(`${c(id)}/verification/otp`, {
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
  input: { outcome: Outcome; satisfaction?: number; skipConfirmationReason?: string; summary?: string },
) => api<Contact>(`${c(id)}/close`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });
export const acceptContact = (key: string, id: string) =>
  api<Contact>(`${c(id)}/accept`, { method: 'POST', idempotencyKey: key });
/** "Next customer": the server picks the head of the queue (emergencies first) and assigns it to me. */
export const takeNextContact = (key: string, queue: string) =>
  api<Contact>(`/api/queues/${encodeURIComponent(queue)}/take`, { method: 'POST', idempotencyKey: key });
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

/** A promise made to the customer: a follow-up task with a deadline and an owner (guide §1.2, §2.4). */
export interface CustomerPromise {
  id: string;
  contactId: string;
  customerId: string;
  description: string;
  deadlineAt: string;
  status: 'open' | 'fulfilled' | 'cancelled';
  overdue: boolean;
}

/** The contact rules (verification table, scripts); the UI shows what each level unlocks from it. */
export interface ContactsSettings {
  accessLevels: Record<string, Level>;
  scripts: { greeting: Record<Channel, string>; closing: Record<Channel, string> };
}
export const contactsSettings = (signal?: AbortSignal) => api<ContactsSettings>('/api/contacts/settings', { signal });

/** Demo mode only: the one-time codes the demo "sent" (there is no SMS gateway in the demo). */
export const demoOutbox = (signal?: AbortSignal) =>
  api<
    Array<{ to: string; purpose: string; contactId: string | null; code: string; createdAt: string; expiresAt: string }>
  >('/api/demo/otp', { signal });
