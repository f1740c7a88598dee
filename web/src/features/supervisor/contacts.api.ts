import type { contactsRoutes, RouteInput, SupervisorContact, SupervisorContactPage } from '@carddesk/contracts';
import { contactsEndpoints as ct } from '@carddesk/contracts/endpoints';
import { call } from '../../app/api.ts';

export type { SupervisorContact, SupervisorContactPage };

/** The filters of `GET /api/supervisor/contacts`: those the figures are computed by (the contract's query). */
export type ContactQuery = NonNullable<RouteInput<typeof contactsRoutes.supervisorContacts>['query']>;

export const supervisorContacts = (query: ContactQuery, signal?: AbortSignal) =>
  call(ct.supervisorContacts, { query }, { signal });
