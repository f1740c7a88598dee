import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { resolveToken } from '../auth/auth.service.ts';
import { can } from '../auth/policy.ts';
import type { Ctx, Deps } from '../context.ts';
import type { LiveEvent } from '../events/bus.ts';
import { serveJsonSocket } from './json-socket.ts';

/**
 * Decides whether an actor may hear a topic. A topic is `<prefix>:<id>` or a bare name; modules register
 * an authorizer per prefix. `user:<id>` (one's own notifications) is always allowed for oneself.
 */
export type TopicAuthorizer = (ctx: Ctx, id: string) => Promise<boolean> | boolean;
export type TopicAuthorizers = Record<string, TopicAuthorizer>;

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) }),
  z.object({ type: z.literal('subscribe'), topics: z.array(z.string().min(1).max(120)).min(1).max(50) }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(z.string().min(1).max(120)).min(1).max(50) }),
  z.object({ type: z.literal('ping') }),
]);

/**
 * `/api/ws`: the first message must be `{type:"auth", token}` (tokens stay out of URLs and logs); then
 * `{type:"subscribe", topics:[…]}`. Events arrive as `{type:"event", topic, event, data, at}`.
 */
export function registerWebSocket(app: FastifyInstance, deps: Deps, authorizers: TopicAuthorizers): void {
  app.get('/api/ws', { websocket: true, config: { public: true }, schema: { hide: true } }, (socket, request) => {
    let actor: Actor | undefined;
    const topics = new Set<string>();
    const unsubscribe = deps.events.subscribe((event: LiveEvent) => {
      if (actor && topics.has(event.topic))
        ws.send({ type: 'event', topic: event.topic, event: event.type, data: event.data, at: event.at });
    });
    const ws = serveJsonSocket(socket, clientMessage, {
      onClose: unsubscribe,
      async onMessage(msg) {
        if (msg.type === 'auth') {
          actor = await resolveToken(deps, msg.token);
          if (!actor || !can(actor, 'events.subscribe')) {
            ws.send({ type: 'error', code: 'UNAUTHENTICATED' });
            ws.close(4401, 'unauthenticated');
            return;
          }
          ws.authenticated();
          ws.send({ type: 'ready', user: actor.username });
          return;
        }
        if (!actor) {
          ws.send({ type: 'error', code: 'UNAUTHENTICATED' });
          return;
        }
        if (msg.type === 'unsubscribe') {
          for (const t of msg.topics) topics.delete(t);
          return;
        }
        if (msg.type !== 'subscribe') return;
        const ctx: Ctx = { ...deps, actor, ip: request.ip };
        const granted: string[] = [];
        const denied: string[] = [];
        for (const topic of msg.topics) {
          (await mayHear(ctx, topic, authorizers)) ? granted.push(topic) : denied.push(topic);
        }
        for (const t of granted) topics.add(t);
        ws.send({ type: 'subscribed', topics: granted, denied });
      },
    });
  });
}

async function mayHear(ctx: Ctx, topic: string, authorizers: TopicAuthorizers): Promise<boolean> {
  const colon = topic.indexOf(':');
  const prefix = colon < 0 ? topic : topic.slice(0, colon);
  const id = colon < 0 ? '' : topic.slice(colon + 1);
  if (prefix === 'user') return id === ctx.actor.userId;
  const authorizer = authorizers[prefix];
  if (!authorizer) return false;
  try {
    return await authorizer(ctx, id);
  } catch {
    return false;
  }
}
