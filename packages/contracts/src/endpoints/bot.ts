import { get, put } from '../http/endpoint.ts';

/** The chat assistant's endpoints (server/src/modules/bot). */
export const botEndpoints = {
  settings: get('/api/bot/settings'),
  updateSettings: put('/api/bot/settings'),
  turnAssist: get('/api/contacts/:id/turns/:seq/assist'),
  metrics: get('/api/bot/metrics'),
} as const;
