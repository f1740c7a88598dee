import type { AnalysisBucket, ContactType, SupervisorLive } from '@carddesk/contracts';
import { contactsEndpoints as ct } from '@carddesk/contracts/endpoints';
import { call } from '../app/api.ts';

/**
 * Supervisor figures: the live floor, alerts, contact statistics (the contract's `contactsRoutes`) and the
 * complaint analysis. The response types are the server's own schemas, inferred in `@carddesk/contracts`.
 */
export type {
  ComplaintAnalysis,
  ContactStats,
  LiveAgent,
  LiveWaiting,
  QueueView,
  SupervisorAlert,
} from '@carddesk/contracts';
export type LiveFloor = SupervisorLive;
export type Bucket = AnalysisBucket;
export type TypeCounts = Record<ContactType, number>;

export const supervisorLive = (signal?: AbortSignal) => call(ct.live, {}, { signal });
export const supervisorAlerts = (signal?: AbortSignal) => call(ct.alerts, { query: { open: '1' } }, { signal });
export const acknowledgeAlert = (key: string, id: string) =>
  call(ct.acknowledgeAlert, { params: { id } }, { idempotencyKey: key });
export const contactStats = (query: { from: string; to: string }, signal?: AbortSignal) =>
  call(ct.stats, { query }, { signal });
