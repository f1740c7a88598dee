import type { NluAnalysis } from '@carddesk/contracts';
import { api } from '../app/api.ts';

export type { NluAnalysis } from '@carddesk/contracts';

/** The NLU's reading of one utterance: type, intent, slots and emotion (the server's schema, in contracts). */
export const analyze = (text: string) => api<NluAnalysis>('/api/nlu/analyze', { method: 'POST', body: { text } });
