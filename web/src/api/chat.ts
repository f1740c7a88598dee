import type { ContactTurn } from '@carddesk/contracts';
import { chatEndpoints as chat } from '@carddesk/contracts/endpoints';
import { type Body, call } from '../app/api.ts';

/**
 * The card holder's chat: identify with phone + one-time code, then talk to an agent (server/src/modules/chat).
 * The routes are public (no staff token): the chat's own token is passed where the route needs it.
 */
export type { ChatSession, ChatState } from '@carddesk/contracts';
export type ChatTurn = ContactTurn;

export const requestOtp = (phone: string) => call(chat.requestOtp, { body: { phone } });
export const openSession = (phone: string, code: string, message?: string) =>
  call(chat.openSession, { body: message ? { phone, code, message } : { phone, code } });
export const chatState = (token: string, after = 0, signal?: AbortSignal) =>
  call(chat.messages, { query: { after } }, { token, signal });
export const sendChat = (token: string, key: string, text: string) =>
  call(chat.send, { body: { text } }, { idempotencyKey: key, token });
export const endChat = (token: string, key: string, input: Body<typeof chat.end>) =>
  call(chat.end, { body: input }, { idempotencyKey: key, token });
