import { api } from '../app/api.ts';

/** Supervisor figures: the live floor, alerts, contact statistics and the complaint analysis. */
export interface QueueView {
  code: string;
  kind: 'general' | 'department';
  nameZh: string;
  nameEn: string;
  waiting: number;
  /** Emergencies among the waiting (served first). */
  emergencyWaiting: number;
  longestWaitSeconds: number;
  oldestQueuedAt: string | null;
}

export interface LiveAgent {
  userId: string;
  displayName: string;
  agentNo: string | null;
  role: string;
  state: 'offline' | 'idle' | 'busy';
  contacts: Array<{ contactId: string; channel: string; stage: string; type: string | null; since: string }>;
}

export interface LiveFloor {
  at: string;
  queues: QueueView[];
  agents: LiveAgent[];
}

export interface SupervisorAlert {
  id: string;
  kind: 'wellbeing' | 'promise_missed';
  userId: string | null;
  subjectId: string | null;
  details: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
}

export type TypeCounts = Record<'consult' | 'transaction' | 'complaint' | 'emergency', number>;

export interface ContactStats {
  from: string;
  to: string;
  total: number;
  byDay: Array<{ date: string; total: number; byType: TypeCounts }>;
  byIntent: Array<{ date: string; intent: string; count: number }>;
  intentTotals: Array<{ intent: string; count: number }>;
  closed: number;
  firstContactResolutionRate: number | null;
  averageSatisfaction: number | null;
  rated: number;
  averageHandlingSeconds: number | null;
}

export interface Bucket {
  key: string;
  label: string;
  total: number;
  open: number;
  closed: number;
  decided: number;
  decidedOnTime: number;
  breached: number;
  slaRate: number | null;
  satisfied: number;
  unsatisfied: number;
}

export interface ComplaintAnalysis {
  from: string;
  to: string;
  totals: Bucket & { resolvedOnSpot: number; reopened: number; reviewRequested: number };
  byRootCause: Bucket[];
  byProduct: Bucket[];
  byDepartment: Bucket[];
  byChannel: Bucket[];
  byCategory: Bucket[];
  byMonth: Bucket[];
  repeatComplainants: { count: number; complaints: number };
}

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
export const complaintAnalysis = (query: { from: string; to: string }, signal?: AbortSignal) =>
  api<ComplaintAnalysis>('/api/cases/analysis', { query, signal });
