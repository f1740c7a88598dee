import { del, get, post, pub, put } from '../http/endpoint.ts';

/**
 * The contacts module's endpoints (server/src/modules/contacts), by concern as the server registers them; their
 * schemas are in `routes/contacts.ts`.
 */
export const contactsEndpoints = {
  // The standard flow of a contact: start, transcript, identification and verification, stages, close.
  startPhone: post('/api/contacts'),
  listMine: get('/api/contacts'),
  contact: get('/api/contacts/:id'),
  turns: get('/api/contacts/:id/turns'),
  addTurn: post('/api/contacts/:id/turns'),
  linkCustomer: post('/api/contacts/:id/customer'),
  sendOtp: post('/api/contacts/:id/verification/otp'),
  verify: post('/api/contacts/:id/verify'),
  moveStage: post('/api/contacts/:id/stage'),
  classify: put('/api/contacts/:id/classification'),
  suggestions: get('/api/contacts/:id/suggestions'),
  close: post('/api/contacts/:id/close'),
  accept: post('/api/contacts/:id/accept'),
  typing: post('/api/contacts/:id/typing'),
  demoOtp: get('/api/demo/otp'),
  demoKeypad: post('/api/demo/contacts/:id/keypad'),
  // The contact rules (a settings document).
  settings: get('/api/contacts/settings'),
  updateSettings: put('/api/contacts/settings'),
  // Hand-over and promises.
  transfer: post('/api/contacts/:id/transfer'),
  handover: get('/api/contacts/:id/handover'),
  acknowledgeHandover: post('/api/contacts/:id/handover/acknowledge'),
  myHandovers: get('/api/handovers'),
  createPromise: post('/api/contacts/:id/promises'),
  listPromises: get('/api/promises'),
  fulfilPromise: post('/api/promises/:id/fulfil'),
  // Queues.
  queues: get('/api/queues'),
  waiting: get('/api/queues/:code/contacts'),
  takeNext: post('/api/queues/:code/take'),
  // The satisfaction survey: sent by the agent, answered by the customer on a page signed in to nothing.
  sendSurvey: post('/api/contacts/:id/survey'),
  surveyState: pub(get('/api/surveys/:token')),
  answerSurvey: pub(post('/api/surveys/:token')),
  // Canned replies (常用语).
  cannedReplies: get('/api/canned-replies'),
  addCannedReply: post('/api/canned-replies'),
  editCannedReply: put('/api/canned-replies/:id'),
  removeCannedReply: del('/api/canned-replies/:id'),
  // The agent's own state.
  myState: get('/api/me/state'),
  setMyState: put('/api/me/state'),
  // Supervision: figures, the live floor, the drill-down, alerts.
  stats: get('/api/contacts/stats'),
  live: get('/api/supervisor/live'),
  supervisorContacts: get('/api/supervisor/contacts'),
  alerts: get('/api/supervisor/alerts'),
  acknowledgeAlert: post('/api/supervisor/alerts/:id/acknowledge'),
} as const;
