import {
  chatEndedSchema,
  chatOtpSentSchema,
  chatSessionSchema,
  chatStateSchema,
  contactTurnSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { bearerToken } from '../../platform/http/auth-hook.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { chatState, endChat, postChatMessage, requestChatOtp, startChatSession } from './chat.service.ts';
import { registerChatSocket } from './chat.ws.ts';

const tags = ['chat'];
/**
 * Customer-side routes are public for the staff auth hook; each checks its own chat token. Per-IP limits
 * stay generous (carrier NAT puts many phones behind one address): codes are throttled per phone, and
 * each code dies after a few wrong tries.
 */
// The customer's own words: a CVV2/PIN typed into them is redacted on storage, not refused (finding 8).
const open = { public: true, freeText: 'redact' as const, rateLimit: { max: 30, timeWindow: '1 minute' } };
const customerCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('chat-customer') });

export const chatRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/chat/otp',
    {
      config: { public: true, idempotent: false, rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Send a one-time code to a registered phone (the answer is the same for any phone)',
        security: [],
        body: z.object({ phone: z.string().min(5).max(20) }),
        response: { 200: chatOtpSentSchema },
      },
    },
    async (request) => requestChatOtp(customerCtx(request.ctx), request.body.phone),
  );

  app.post(
    '/api/chat/sessions',
    {
      config: { public: true, idempotent: false, freeText: 'redact', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Start a chat with phone + one-time code; returns a short-lived chat token',
        security: [],
        body: z.object({
          phone: z.string().min(5).max(20),
          code: z.string().regex(/^\d{6}$/),
          message: z.string().trim().min(1).max(2000).optional(),
        }),
        response: { 201: chatSessionSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await startChatSession(customerCtx(request.ctx), request.body)),
  );

  app.get(
    '/api/chat/messages',
    {
      config: open,
      schema: {
        tags,
        summary: 'The conversation so far (Authorization: Bearer <chat token>)',
        security: [],
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0) }),
        response: { 200: chatStateSchema },
      },
    },
    async (request) =>
      chatState(customerCtx(request.ctx), bearerToken(request.headers.authorization), request.query.after),
  );

  app.post(
    '/api/chat/messages',
    {
      config: open,
      schema: {
        tags,
        summary: 'Send a message (plain text)',
        security: [],
        body: z.object({ text: z.string().trim().min(1).max(2000) }),
        response: { 201: contactTurnSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await postChatMessage(
            customerCtx(request.ctx),
            bearerToken(request.headers.authorization),
            request.body.text,
          ),
        ),
  );

  app.post(
    '/api/chat/end',
    {
      config: open,
      schema: {
        tags,
        summary: 'End the chat and rate it (1–5, whether the problem was solved, optional comment)',
        security: [],
        body: z.object({
          rating: z.number().int().min(1).max(5).optional(),
          resolved: z.boolean().optional(),
          comment: z.string().trim().max(500).optional(),
        }),
        response: { 200: chatEndedSchema },
      },
    },
    async (request) => endChat(customerCtx(request.ctx), bearerToken(request.headers.authorization), request.body),
  );

  registerChatSocket(app);
};
