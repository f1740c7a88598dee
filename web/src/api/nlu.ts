import { api } from '../app/api.ts';

/** The NLU's reading of one utterance: intent, type, confidence and emotion. */
export interface NluResult {
  intent: string;
  type: string;
  confidence?: number;
  emotion?: string | null;
  alternatives?: Array<{ intent: string; confidence: number }>;
}

export const analyze = (text: string) => api<NluResult>('/api/nlu/analyze', { method: 'POST', body: { text } });
