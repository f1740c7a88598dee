import type { SupervisorContact, SupervisorContactPage } from '@carddesk/contracts';
import { api } from '../../app/api.ts';

export type { SupervisorContact, SupervisorContactPage };

/** The filters of `GET /api/supervisor/contacts`: those the figures are computed by (see the server's service). */
export type ContactQuery = Record<string, string | number>;

export const supervisorContacts = (query: ContactQuery, signal?: AbortSignal) =>
  api<SupervisorContactPage>('/api/supervisor/contacts', { query, signal });
