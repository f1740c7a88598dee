import { botRoutes } from './bot.ts';
import { cardsRoutes } from './cards.ts';
import { casesRoutes } from './cases.ts';
import { chatRoutes } from './chat.ts';
import { contactsRoutes } from './contacts.ts';
import { emergencyRoutes } from './emergency.ts';
import { knowledgeRoutes } from './knowledge.ts';
import { nluRoutes } from './nlu.ts';
import { platformRoutes } from './platform.ts';
import { qualityRoutes } from './quality.ts';

/**
 * Every route defined in the contract, by module. The server registers its handlers on them; the web client
 * finds a route's types in `ApiRoute` from the endpoint it calls. A module's routes join here and in
 * `ApiRoute` (and its endpoints in `../endpoints/index.ts`).
 */
export {
  botRoutes,
  cardsRoutes,
  casesRoutes,
  chatRoutes,
  contactsRoutes,
  emergencyRoutes,
  knowledgeRoutes,
  nluRoutes,
  platformRoutes,
  qualityRoutes,
};

type RoutesOf<T> = T[keyof T];
export type ApiRoute =
  | RoutesOf<typeof botRoutes>
  | RoutesOf<typeof cardsRoutes>
  | RoutesOf<typeof casesRoutes>
  | RoutesOf<typeof chatRoutes>
  | RoutesOf<typeof contactsRoutes>
  | RoutesOf<typeof emergencyRoutes>
  | RoutesOf<typeof knowledgeRoutes>
  | RoutesOf<typeof nluRoutes>
  | RoutesOf<typeof platformRoutes>
  | RoutesOf<typeof qualityRoutes>;
