import type { AnalysisBucket, ContactStats, ContactType, SupervisorAlert, SupervisorLive } from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * Supervisor figures: the live floor, alerts, contact statistics and the complaint analysis. The response
 * types are the server's own schemas, inferred in `@carddesk/contracts`.
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

export const supervisorLive = (signal?: AbortSignal) => api<LiveFloor>('/api/supervisor/live', { signal });
export const supervisorAlerts = (signal?: AbortSignal) =>
  api<SupervisorAlert[]>('/api/supervisor/alerts', { query: { open: '1' }, signal });
export const acknowledgeAlert = (key: string, id: string) =>
  api<SupervisorAlert>(`/api/supervisor/alerts/${encodeURIComponent(id)}/acknowledge`, {
    method: 'POST',
    idempotencyKey: key,
  });
export const contactStats = (query: { from: string; to: string }, signal?: AbortSignal) =>
  api<ContactStats>('/api/contacts/stats', { query, signal });
