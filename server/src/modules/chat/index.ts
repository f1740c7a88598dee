import type { ModuleDef } from '../module.ts';
import { chatRoutes } from './chat.routes.ts';
import { chatMigrations } from './migrations/index.ts';

/**
 * Customer chat, server side: a card holder proves their registered phone with a one-time code, gets a
 * short-lived chat token and a chat contact waiting in the general queue, exchanges plain-text messages
 * (HTTP and `GET /api/chat/ws`) and ends with a rating. The contact itself belongs to the contacts module.
 */
export { forCustomer } from './chat-socket.routes.ts';

export const chatModule: ModuleDef = {
  name: 'chat',
  migrations: chatMigrations,
  routes: chatRoutes,
};
