/**
 * `@carddesk/contracts/endpoints`: every migrated module's endpoint table (method, path, public), zod-free,
 * for the web client to import at runtime. The schemas of the same routes are in `../routes/`.
 */

export type { Endpoint, HttpMethod } from '../http/endpoint.ts';
export { fillPath } from '../http/endpoint.ts';
export { botEndpoints } from './bot.ts';
export { cardsEndpoints } from './cards.ts';
export { casesEndpoints } from './cases.ts';
export { chatEndpoints } from './chat.ts';
export { contactsEndpoints } from './contacts.ts';
export { emergencyEndpoints } from './emergency.ts';
export { knowledgeEndpoints } from './knowledge.ts';
export { nluEndpoints } from './nlu.ts';
export { platformEndpoints } from './platform.ts';
export { qualityEndpoints } from './quality.ts';
