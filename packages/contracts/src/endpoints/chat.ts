import { get, post, pub } from '../http/endpoint.ts';

/**
 * The card holder's chat (server/src/modules/chat): public for the staff auth hook, each route checks the
 * customer's own chat token (`Authorization: Bearer <chat token>`) after sign-in by phone + one-time code.
 */
export const chatEndpoints = {
  requestOtp: pub(post('/api/chat/otp')),
  openSession: pub(post('/api/chat/sessions')),
  messages: pub(get('/api/chat/messages')),
  send: pub(post('/api/chat/messages')),
  end: pub(post('/api/chat/end')),
  reportAnswer: pub(post('/api/chat/messages/:seq/report')),
} as const;
