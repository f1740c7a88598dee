import { chatRoutes as api } from '@carddesk/contracts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { bearerToken } from '../../platform/http/auth-hook.ts';
import { type EdgeOptions, handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { chatState, endChat, postChatMessage, reportAnswer, requestChatOtp, startChatSession } from './chat.service.ts';
import { registerChatSocket } from './chat-socket.routes.ts';

/**
 * Customer-side routes are public (in the contract); each checks its own chat token. Per-IP limits stay
 * generous (carrier NAT puts many phones behind one address): codes are throttled per phone, and each code
 * dies after a few wrong tries.
 */
const signIn: EdgeOptions = { rateLimit: { max: 20, timeWindow: '1 minute' } };
// The customer's own words: a CVV2/PIN typed into them is redacted on storage, not refused (finding 8).
const open: EdgeOptions = { freeText: 'redact', rateLimit: { max: 30, timeWindow: '1 minute' } };
const customerCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('chat-customer') });

export const chatRoutes: ModuleRoutes = async (app) => {
  handle(app, api.requestOtp, signIn, async (request) => requestChatOtp(customerCtx(request.ctx), request.body.phone));
  handle(app, api.openSession, { ...signIn, freeText: 'redact' }, async (request) =>
    startChatSession(customerCtx(request.ctx), request.body),
  );
  handle(app, api.messages, open, async (request) =>
    chatState(customerCtx(request.ctx), bearerToken(request.headers.authorization), request.query.after),
  );
  handle(app, api.send, open, async (request) =>
    postChatMessage(customerCtx(request.ctx), bearerToken(request.headers.authorization), request.body.text),
  );
  handle(app, api.end, open, async (request) =>
    endChat(customerCtx(request.ctx), bearerToken(request.headers.authorization), request.body),
  );
  handle(app, api.reportAnswer, open, async (request) =>
    reportAnswer(customerCtx(request.ctx), bearerToken(request.headers.authorization), request.params.seq),
  );

  registerChatSocket(app);
};
