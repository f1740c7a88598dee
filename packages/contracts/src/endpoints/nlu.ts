import { post } from '../http/endpoint.ts';

/** The NLU's endpoint (server/src/modules/nlu): the agent workstation's live assist and the chat bot. */
export const nluEndpoints = {
  analyze: post('/api/nlu/analyze'),
} as const;
