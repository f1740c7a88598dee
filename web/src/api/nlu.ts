import { nluEndpoints } from '@carddesk/contracts/endpoints';
import { call } from '../app/api.ts';

export type { NluAnalysis } from '@carddesk/contracts';

/** The NLU's reading of one utterance: type, intent, slots and emotion (the contract's route). */
export const analyze = (text: string) => call(nluEndpoints.analyze, { body: { text } });
