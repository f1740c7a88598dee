import { api } from '../app/api.ts';

/** Supervisor figures: live floor, contact statistics, complaint analysis. */
export interface LiveFloor {
  queues: Array<{ code: string; nameZh: string; nameEn: string; waiting: number; longestWaitSeconds: number }>;
  agents: Array<{
    id: string;
    displayName: string;
    agentNo: string | null;
    role: string;
    status: string;
    activeContacts: number;
    handledToday?: number;
    stressRun?: number;
  }>;
  alerts?: Alert[];
}

export interface Alert {
  id?: string;
  kind: string;
  severity?: 'info' | 'warning' | 'critical' | string;
  message: string;
  at: string;
  subject?: string | null;
}

export interface ContactStats {
  from: string;
  to: string;
  byDay: Array<{ date: string; type?: string; intent?: string; count: number }>;
  byType?: Array<{ type: string; count: number }>;
  byIntent?: Array<{ intent: string; count: number }>;
  firstContactResolution?: Array<{ date: string; rate: number }> | { rate: number };
  satisfaction?: Array<{ date: string; average: number; count: number }> | { average: number; count: number };
  fcrRate?: number;
  satisfactionAverage?: number;
}

export interface ComplaintAnalysis {
  from: string;
  to: string;
  byRootCause: Array<{ rootCause: string; count: number }>;
  byProduct: Array<{ productCode: string; productName?: string; count: number }>;
  byDepartment?: Array<{ department: string; count: number }>;
  sla: { total: number; onTime: number; breached: number; open?: number; rate?: number };
}

export const supervisorLive = (signal?: AbortSignal) => api<LiveFloor>('/api/supervisor/live', { signal });
export const contactStats = (query: { from: string; to: string }, signal?: AbortSignal) =>
  api<ContactStats>('/api/contacts/stats', { query, signal });
export const complaintAnalysis = (query: { from: string; to: string }, signal?: AbortSignal) =>
  api<ComplaintAnalysis>('/api/cases/analysis', { query, signal });
