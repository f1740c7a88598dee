import { get, post, put } from '../http/endpoint.ts';

/** The emergency lane's endpoints (server/src/modules/emergency); work inside a contact: send `X-Contact-Id`. */
export const emergencyEndpoints = {
  settings: get('/api/emergency/settings'),
  updateSettings: put('/api/emergency/settings'),
  report: post('/api/emergency/reports'),
  getReport: get('/api/emergency/reports/:id'),
  transactions: get('/api/emergency/reports/:id/transactions'),
  markUnrecognised: post('/api/emergency/reports/:id/unrecognised'),
  decideFraudCase: post('/api/emergency/fraud-cases/:id/decision'),
  formalReport: post('/api/emergency/reports/:id/formal-report'),
} as const;
