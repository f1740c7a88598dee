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
  longestWaitSeconds: number;
  oldestQueuedAt: string | null;
}

export interface WaitingContact {
  id: string;
  channel: Channel;
  queueCode: string | null;
  queuedAt: string | null;
  customerId: string | null;
  type: string | null;
  intents: string[];
  pendingHandover?: boolean;
}

/** What a hand-over carries so the customer never repeats themselves (guide §3.4). */
export interface Handover {
  id: string;
  contactId: string;
  status: 'pending' | 'acknowledged' | 'returned' | string;
  target: { kind: string; departmentCode?: string | null; userId?: string | null; queueCode?: string | null };
  fromAgent?: { displayName: string; agentNo: string | null } | null;
  reason: string;
  packet: HandoverPacket;
  createdAt: string;
  acknowledgedAt?: string | null;
}

export interface HandoverPacket {
  customer?: { id: string | null; maskedName?: string | null; flags?: string[] } | null;
  verification?: { level: Level; methods: Method[] } | null;
  type?: string | null;
  intents?: string[];
  summary?: string | null;
  note?: string | null;
  transcript?: Turn[];
  operations?: Array<{ action: string; at: string; details?: unknown }>;
  riskFlags?: string[];
  [key: string]: unknown;
}

export interface VerifyInput {
  method: Method;
  name?: string;
  idLast6?: string;
  cardLast4?: string;
  factor?: string;
  code?: string;
}

export interface VerifyResult {
  passed: boolean;
  contact: Contact;
  attemptsLeft?: number | null;
  otpShownForDemo?: string | null;
}

const c = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;

export const startPhoneCall = (key: string, callerNumber: string) =>
  api<{ contact: Contact; screenPop: ScreenPop | null }>('/api/contacts', {
    method: 'POST',
    body: { channel: 'phone', direction: 'inbound', callerNumber },
    idempotencyKey: key,
  });
export const myContacts = (signal?: AbortSignal) => api<ContactListItem[]>('/api/contacts/mine', { signal });
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
  api<{ sentTo: string; expiresAt: string; demoCode?: string | null }>(`${c(id)}/otp`, {
    method: 'POST',
    idempotencyKey: key,
    contactId: id,
  });
export const linkCustomer = (key: string, id: string, customerId: string) =>
  api<Contact>(`${c(id)}/customer`, { method: 'POST', body: { customerId }, idempotencyKey: key, contactId: id });
export const classify = (key: string, id: string, intents: string[]) =>
  api<Contact>(`${c(id)}/classify`, { method: 'POST', body: { intents }, idempotencyKey: key, contactId: id });
export const closeContact = (
  key: string,
  id: string,
  input: { outcome: Outcome; satisfaction?: number; skipConfirmationReason?: string; summary?: string },
) => api<Contact>(`${c(id)}/close`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });
export const acceptContact = (key: string, id: string) =>
  api<Contact>(`${c(id)}/accept`, { method: 'POST', idempotencyKey: key });
export const listQueues = (signal?: AbortSignal) => api<Queue[]>('/api/queues', { signal });
export const listWaiting = (queue: string, signal?: AbortSignal) =>
  api<WaitingContact[]>(`/api/queues/${encodeURIComponent(queue)}/contacts`, { signal });

export interface TransferInput {
  target: { kind: 'department'; departmentCode: string } | { kind: 'senior' } | { kind: 'queue'; queueCode: string };
  reason: string;
  note?: string;
}
export const transfer = (key: string, id: string, input: TransferInput) =>
  api<Handover>(`${c(id)}/transfers`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });
export const myHandovers = (signal?: AbortSignal) => api<Handover[]>('/api/transfers/inbox', { signal });
export const acknowledgeHandover = (key: string, transferId: string) =>
  api<Contact>(`/api/transfers/${encodeURIComponent(transferId)}/acknowledge`, {
    method: 'POST',
    idempotencyKey: key,
  });

export interface Promise_ {
  id: string;
  customerId: string;
  contactId: string | null;
  text: string;
  dueAt: string;
  status: string;
}
export const makePromise = (key: string, id: string, input: { text: string; dueAt: string }) =>
  api<Promise_>(`${c(id)}/promises`, { method: 'POST', body: input, idempotencyKey: key, contactId: id });

/** What the contact's verification unlocks: each need, the level it requires, and whether it is met. */
export interface AccessEntry {
  need: string;
  required: Level;
  granted: boolean;
  label?: string;
}
export const contactAccess = (id: string, signal?: AbortSignal) =>
  api<AccessEntry[]>(`${c(id)}/access`, { signal, contactId: id });
