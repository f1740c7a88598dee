import { z } from 'zod';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { LiveEvent } from '../../platform/events/bus.ts';
import { serveJsonSocket } from '../../platform/http/json-socket.ts';
import type { App } from '../../platform/http/types.ts';
import { contactTopic, TYPING_EVENT } from '../contacts/index.ts';
import { resolveChatSession } from './chat.service.ts';

const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(200) }),
  z.object({ type: z.literal('ping') }),
  z.object({ type: z.literal('typing') }),
]);

/**
 * What of a contact's live events the customer may see, reshaped so nothing internal (packets, risk flags,
 * stages, classification) ever reaches the customer's browser.
 */
export function forCustomer(event: LiveEvent): { event: string; data: unknown } | undefined {
  switch (event.type) {
    case 'turn.added':
      return { event: 'message', data: event.data };
    case 'contact.accepted':
      return { event: 'agent_joined', data: { agentNo: (event.data as { agentNo?: string | null }).agentNo ?? null } };
    case 'contact.transferred':
      return { event: 'transferring', data: {} };
    case 'contact.closed':
      return { event: 'closed', data: {} };
    case TYPING_EVENT:
      // Only the agent's typing: the customer's own comes back to nobody.
      return (event.data as { speaker?: string }).speaker === 'agent' ? { event: 'typing', data: {} } : undefined;
    default:
      return undefined;
  }
}

/**
 * `GET /api/chat/ws`: the customer's live channel. First message `{type:"auth", token}` (the chat token,
 * kept out of URLs); then agent messages arrive as `{type:"message", data:{seq, speaker, text, at}}`.
 * Each event is delivered only while the chat session still holds (not expired by the clock, not ended by
 * the customer): otherwise the socket is closed with 4401 and nothing more is sent.
 */
export function registerChatSocket(app: App): void {
  app.get('/api/chat/ws', { websocket: true, config: { public: true }, schema: { hide: true } }, (socket, request) => {
    let topic: string | undefined;
    let token: string | undefined;
    let delivering: Promise<void> = Promise.resolve();
    const ctx: Ctx = { ...request.ctx, actor: systemActor('chat-customer') };
    const deliver = async (event: LiveEvent): Promise<void> => {
      if (!topic || event.topic !== topic) return;
      try {
        await resolveChatSession(ctx, token);
      } catch {
        topic = undefined;
        ws.close(4401, 'session ended');
        return;
      }
      const out = forCustomer(event);
      if (out) ws.send({ type: out.event, data: out.data, at: event.at });
    };
    const unsubscribe = ctx.events.subscribe((event) => {
      if (!topic || event.topic !== topic) return;
      delivering = delivering.then(() => deliver(event)).catch(() => ws.close(1011, 'delivery failed'));
    });
    const ws = serveJsonSocket(socket, clientMessage, {
      onClose: unsubscribe,
      async onMessage(msg) {
        if (msg.type === 'typing') {
          // The agent's desk shows "客户正在输入…"; nothing is stored.
          if (topic) {
            ctx.events.publish({
              topic,
              type: TYPING_EVENT,
              data: { speaker: 'customer' },
              at: ctx.clock.now().toISOString(),
            });
          }
          return;
        }
        if (msg.type !== 'auth') return;
        try {
          const session = await resolveChatSession(ctx, msg.token);
          token = msg.token;
          topic = contactTopic(session.contact_id);
          ws.authenticated();
          ws.send({ type: 'ready', contactId: session.contact_id });
        } catch {
          ws.send({ type: 'error', code: 'CHAT_SESSION_INVALID' });
          ws.close(4401, 'unauthenticated');
        }
      },
    });
  });
}
