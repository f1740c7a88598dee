import { api } from '../app/api.ts';

/** The card holder's chat: identify with phone + one-time code, then talk to the bot and an agent. */
export interface ChatSession {
  token: string;
  expiresAt: string;
  contactId: string;
  customer?: { maskedName?: string | null } | null;
}

export interface ChatTurn {
  seq: number;
  speaker: 'customer' | 'agent' | 'bot' | 'system';
  text: string;
  at: string;
}

export interface ChatState {
  contactId: string;
  status: 'waiting' | 'active' | 'closed' | string;
  agent?: { displayName?: string | null; agentNo: string | null } | null;
  turns: ChatTurn[];
  cases?: Array<{ number: string; kind?: string; stateLabel?: string; dueDate?: string }>;
  checklists?: Array<{ title?: string; items: string[] }>;
  rated?: boolean;
  satisfaction?: number | null;
}

export const requestOtp = (phone: string) =>
  api<{ sentTo: string; expiresAt: string; demoCode?: string | null }>('/api/chat/otp', {
    method: 'POST',
    body: { phone },
    token: null,
  });
export const openSession = (phone: string, code: string) =>
  api<ChatSession>('/api/chat/sessions', { method: 'POST', body: { phone, code }, token: null });
export const chatState = (token: string, signal?: AbortSignal) =>
  api<ChatState>('/api/chat/session', { token, signal });
export const sendChat = (token: string, key: string, text: string) =>
  api<ChatTurn>('/api/chat/messages', { method: 'POST', body: { text }, idempotencyKey: key, token });
export const askHuman = (token: string, key: string) =>
  api<ChatState>('/api/chat/human', { method: 'POST', body: {}, idempotencyKey: key, token });
export const endChat = (token: string, key: string) =>
  api<ChatState>('/api/chat/end', { method: 'POST', body: {}, idempotencyKey: key, token });
export const rateChat = (token: string, key: string, input: { score: number; comment?: string }) =>
  api<ChatState>('/api/chat/rating', { method: 'POST', body: input, idempotencyKey: key, token });
