import { emergencyRoutes } from './emergency.ts';
import { knowledgeRoutes } from './knowledge.ts';

/**
 * Every route defined in the contract, by module. The server registers its handlers on them; the web client
 * finds a route's types in `ApiRoute` from the endpoint it calls.
 */
export { emergencyRoutes, knowledgeRoutes };

type RoutesOf<T> = T[keyof T];
export type ApiRoute = RoutesOf<typeof emergencyRoutes> | RoutesOf<typeof knowledgeRoutes>;
