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
  z.object({
    type: z.literal('subscribe'),
    topics: z.array(z.string().min(1).max(120)).min(1).max(50),
    // The contact a customer topic (`cards:<customer>`) is heard in: customer access is decided as for a request.
    contactId: z.string().min(1).max(40).optional(),
  }),
  z.object({ type: z.literal('unsubscribe'), topics: z.array(z.string().min(1).max(120)).min(1).max(50) }),
  z.object({ type: z.literal('ping') }),
]);

/**
 * `/api/ws`: the first message must be `{type:"auth", token}` (tokens stay out of URLs and logs); then
 * `{type:"subscribe", topics:[…], contactId?}`. Events arrive as `{type:"event", topic, event, data, at}`.
 *
 * A subscription is not a lasting permission: before each event is delivered the session is resolved again
 * (logged out, expired by the clock or disabled → `{type:"error", code:"UNAUTHENTICATED"}` and close 4401) and
 * the topic's authorizer asked again (a chat another agent took, a contact closed → the topic is dropped with
 * `{type:"revoked", topics:[…]}`). Deliveries run one after another per socket, so events keep their order.
 */
export function registerWebSocket(app: FastifyInstance, deps: Deps, authorizers: TopicAuthorizers): void {
  app.get('/api/ws', { websocket: true, config: { public: true }, schema: { hide: true } }, (socket, request) => {
    let token: string | undefined;
    let actor: Actor | undefined;
    /** Subscribed topics and the contact each was granted in. */
    const topics = new Map<string, string | undefined>();
    let delivering: Promise<void> = Promise.resolve();
    const contextFor = (who: Actor, contactId: string | undefined): Ctx => ({
      ...deps,
      actor: who,
      ip: request.ip,
      ...(contactId ? { contactId } : {}),
    });
    /** The session's actor now, or undefined after telling the client and closing the socket. */
    const currentActor = async (): Promise<Actor | undefined> => {
      const now = token ? await resolveToken(deps, token) : undefined;
      if (now && can(now, 'events.subscribe')) return now;
      actor = undefined;
      topics.clear();
      ws.send({ type: 'error', code: 'UNAUTHENTICATED' });
      ws.close(4401, 'session ended');
      return undefined;
    };
    const deliver = async (event: LiveEvent): Promise<void> => {
      if (!actor || !topics.has(event.topic)) return;
      const who = await currentActor();
      if (!who || !topics.has(event.topic)) return;
      if (!(await mayHear(contextFor(who, topics.get(event.topic)), event.topic, authorizers))) {
        topics.delete(event.topic);
        ws.send({ type: 'revoked', topics: [event.topic] });
        return;
      }
      ws.send({ type: 'event', topic: event.topic, event: event.type, data: event.data, at: event.at });
    };
    const unsubscribe = deps.events.subscribe((event: LiveEvent) => {
      if (!actor || !topics.has(event.topic)) return;
      delivering = delivering.then(() => deliver(event)).catch(() => ws.close(1011, 'delivery failed'));
    });
    const ws = serveJsonSocket(socket, clientMessage, {
      onClose: unsubscribe,
      async onMessage(msg) {
        if (msg.type === 'auth') {
          token = msg.token;
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
        const who = await currentActor();
        if (!who) return;
        const ctx = contextFor(who, msg.contactId);
        const granted: string[] = [];
        const denied: string[] = [];
        for (const topic of msg.topics) {
          (await mayHear(ctx, topic, authorizers)) ? granted.push(topic) : denied.push(topic);
        }
        for (const t of granted) topics.set(t, msg.contactId);
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
