import type { ChatEnded, ChatOtpSent, ChatSession, ChatState, ContactTurn } from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * The card holder's chat: identify with phone + one-time code, then talk to an agent (server/src/modules/chat).
 * The response types are the server's own schemas, inferred in `@carddesk/contracts`.
 */
export type { ChatSession, ChatState } from '@carddesk/contracts';
export type ChatTurn = ContactTurn;

export const requestOtp = (phone: string) =>
  api<ChatOtpSent>('/api/chat/otp', { method: 'POST', body: { phone }, token: null });
export const openSession = (phone: string, code: string, message?: string) =>
  api<ChatSession>('/api/chat/sessions', {
    method: 'POST',
    body: message ? { phone, code, message } : { phone, code },
    token: null,
  });
export const chatState = (token: string, after = 0, signal?: AbortSignal) =>
  api<ChatState>('/api/chat/messages', { token, query: { after }, signal });
export const sendChat = (token: string, key: string, text: string) =>
  api<ChatTurn>('/api/chat/messages', { method: 'POST', body: { text }, idempotencyKey: key, token });
export const endChat = (token: string, key: string, input: { rating?: number; resolved?: boolean; comment?: string }) =>
  api<ChatEnded>('/api/chat/end', { method: 'POST', body: input, idempotencyKey: key, token });
