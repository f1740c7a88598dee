import {
  agentPresenceSchema,
  agentStateSchema,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  CONTACT_STATUSES,
  CONTACT_TYPES,
  calendarDateSchema,
  cannedReplySchema,
  contactListItemSchema,
  contactOtpSentSchema,
  contactStatsSchema,
  contactTurnSchema,
  contactViewSchema,
  demoOtpSchema,
  handoverViewSchema,
  intentSchema,
  intentSuggestionsSchema,
  phoneContactStartedSchema,
  promiseViewSchema,
  queueViewSchema,
  supervisorAlertSchema,
  supervisorContactPageSchema,
  supervisorLiveSchema,
  surveySentSchema,
  surveyStateSchema,
  verifyInputSchema,
  verifyResultSchema,
  waitingContactSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
import { deleteCannedReply, listCannedReplies, saveCannedReply } from './canned.service.ts';
import { agentTyping } from './chat-contact.service.ts';
import {
  acceptContact,
  addAgentTurn,
  classifyContact,
  closeContact,
  createPhoneContact,
  getContact,
  getTurns,
  linkCustomer,
  listMyContacts,
  moveStage,
} from './contact.service.ts';
import { outcomeSchema } from './contact.ts';
import {
  acknowledgeHandover,
  getHandover,
  listMyHandovers,
  transferContact,
  transferTargetSchema,
} from './handover.service.ts';
import { readDemoOutbox } from './otp.ts';
import { myState, setMyState } from './presence.service.ts';
import { createPromise, createPromiseSchema, fulfilPromise, listPromises } from './promise.service.ts';
import { listQueues, listWaiting } from './queues.ts';
import { configPatchSchema, contactsConfigSchema, readConfig, updateConfig } from './settings.ts';
import { contactStats, supervisorLive } from './stats.service.ts';
import { suggestIntents } from './suggestions.ts';
import { listSupervisorContacts } from './supervisor-contacts.service.ts';
import { answerSurvey, sendSurvey, surveyState } from './survey.service.ts';
import { takeNext } from './take.service.ts';
import { sendContactOtp, verifyContact } from './verification.service.ts';

const tags = ['contacts'];
// The survey page is the customer's, signed in to nothing: it acts as the system, like the customer chat.
const surveyCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('survey-customer') });
const idParams = z.object({ id: z.string().min(1).max(64) });
const verifyBodySchema = verifyInputSchema;
const text = z.string().trim().min(1).max(2000);
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const seconds = z.coerce.number().int().min(0).max(86_400);

/** Agent-side contacts API: the standard flow, verification, classification, promises, hand-over, queues. */
export const contactsRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/contacts',
    {
      schema: {
        tags,
        summary: 'Start a phone contact (inbound with screen pop by caller number, or outbound to a customer)',
        body: z.object({
          channel: z.literal('phone'),
          direction: z.enum(['inbound', 'outbound']),
          callerNumber: z.string().min(5).max(20).optional(),
          customerId: z.string().min(1).max(64).optional(),
        }),
        response: {
          201: phoneContactStartedSchema,
        },
      },
    },
    async (request, reply) => reply.status(201).send(await createPhoneContact(request.ctx, request.body)),
  );

  app.get(
    '/api/contacts',
    { schema: { tags, summary: 'My open contacts', response: { 200: z.array(contactListItemSchema) } } },
    async (request) => listMyContacts(request.ctx),
  );

  app.get(
    '/api/contacts/stats',
    {
      schema: {
        tags,
        summary: 'Dashboard figures over contacts started in [from, to] (bank days)',
        querystring: z.object({ from: calendarDateSchema, to: calendarDateSchema }),
        response: { 200: contactStatsSchema },
      },
    },
    async (request) => contactStats(request.ctx, request.query.from, request.query.to),
  );

  app.get(
    '/api/contacts/settings',
    {
      schema: {
        tags,
        summary: 'Verification table, lock-out, scripts and other contact rules',
        response: { 200: contactsConfigSchema },
      },
    },
    async (request) => readConfig(request.ctx),
  );

  app.put(
    '/api/contacts/settings',
    {
      schema: {
        tags,
        summary: 'Change contact rules (admin)',
        body: configPatchSchema,
        response: { 200: contactsConfigSchema },
      },
    },
    async (request) => updateConfig(request.ctx, request.body),
  );

  app.get(
    '/api/contacts/:id',
    { schema: { tags, params: idParams, response: { 200: contactViewSchema } } },
    async (request) => getContact(request.ctx, request.params.id),
  );

  app.get(
    '/api/contacts/:id/turns',
    {
      schema: {
        tags,
        summary: 'Transcript (after a sequence number)',
        params: idParams,
        querystring: z.object({ after: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.array(contactTurnSchema) },
      },
    },
    async (request) => getTurns(request.ctx, request.params.id, request.query.after),
  );

  app.post(
    '/api/contacts/:id/turns',
    {
      schema: {
        tags,
        summary: 'Send a chat message, or note a phone turn',
        params: idParams,
        body: z.object({ text, speaker: z.enum(['agent', 'customer']).optional() }),
        response: { 201: contactTurnSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addAgentTurn(request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/contacts/:id/customer',
    {
      schema: {
        tags,
        summary: 'Link the identified customer (verification starts over)',
        params: idParams,
        body: z.object({ customerId: z.string().min(1).max(64) }),
        response: { 200: contactViewSchema },
      },
    },
    async (request) => linkCustomer(request.ctx, request.params.id, request.body.customerId),
  );

  app.post(
    '/api/contacts/:id/verification/otp',
    {
      schema: {
        tags,
        summary: "Send a one-time code to the customer's registered phone",
        params: idParams,
        response: { 200: contactOtpSentSchema },
      },
    },
    async (request) => sendContactOtp(request.ctx, request.params.id),
  );

  app.post(
    '/api/contacts/:id/verify',
    {
      schema: {
        tags,
        summary: 'One identity-verification attempt (a failure is counted and answered, not an error)',
        params: idParams,
        body: verifyBodySchema,
        response: { 200: verifyResultSchema },
      },
    },
    async (request) => verifyContact(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/contacts/:id/stage',
    {
      schema: {
        tags,
        summary: 'Move to a stage of the standard flow',
        params: idParams,
        body: z.object({ stage: z.string().min(1).max(20), reason: z.string().max(500).optional() }),
        response: { 200: contactViewSchema },
      },
    },
    // The stage is parsed by the service (after its authorization), not by the schema.
    async (request) => moveStage(request.ctx, request.params.id, request.body.stage, request.body.reason),
  );

  app.put(
    '/api/contacts/:id/classification',
    {
      schema: {
        tags,
        summary: 'Set the intents (the type follows: emergency > complaint > transaction > consult)',
        params: idParams,
        body: z.object({
          intents: z.array(intentSchema).min(1).max(10),
          source: z.enum(['agent', 'nlu']).optional(),
          hostile: z.boolean().optional(),
        }),
        response: { 200: contactViewSchema },
      },
    },
    async (request) => classifyContact(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/contacts/:id/suggestions',
    {
      schema: {
        tags,
        summary: "Intent suggestions (NLU) from the customer's latest turns; the agent still chooses",
        params: idParams,
        response: { 200: intentSuggestionsSchema },
      },
    },
    async (request) => suggestIntents(request.ctx, request.params.id),
  );

  app.post(
    '/api/contacts/:id/close',
    {
      schema: {
        tags,
        summary: 'Close with the outcome; without a confirmation stage a reason is required',
        params: idParams,
        body: z.object({
          outcome: outcomeSchema,
          skipConfirmationReason: z.string().max(500).optional(),
          summary: z.string().max(2000).optional(),
        }),
        response: { 200: contactViewSchema },
      },
    },
    async (request) => closeContact(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/contacts/:id/accept',
    {
      schema: {
        tags,
        summary: 'Take a waiting contact from the general queue',
        params: idParams,
        response: { 200: contactViewSchema },
      },
    },
    async (request) => acceptContact(request.ctx, request.params.id),
  );

  app.post(
    '/api/contacts/:id/transfer',
    {
      schema: {
        tags,
        summary: 'Transfer to a queue, a department or a person with a hand-over packet',
        params: idParams,
        body: z.object({ target: transferTargetSchema, note: z.string().max(2000).optional() }),
        response: { 200: handoverViewSchema },
      },
    },
    async (request) => transferContact(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/contacts/:id/handover',
    {
      schema: {
        tags,
        summary: 'The pending hand-over packet (for its receiver)',
        params: idParams,
        response: { 200: handoverViewSchema },
      },
    },
    async (request) => getHandover(request.ctx, request.params.id),
  );

  app.post(
    '/api/contacts/:id/handover/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge the packet and take the contact',
        params: idParams,
        response: { 200: contactViewSchema },
      },
    },
    async (request) => acknowledgeHandover(request.ctx, request.params.id),
  );

  app.get(
    '/api/handovers',
    {
      schema: {
        tags,
        summary: 'Hand-overs waiting for me, my department or my queues',
        response: { 200: z.array(handoverViewSchema) },
      },
    },
    async (request) => listMyHandovers(request.ctx),
  );

  app.post(
    '/api/contacts/:id/promises',
    {
      schema: {
        tags,
        summary: 'Record a promise (follow-up task with a deadline and an owner)',
        params: idParams,
        body: createPromiseSchema,
        response: { 201: promiseViewSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createPromise(request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/promises',
    {
      schema: {
        tags,
        summary: 'Open promises: mine (and my department’s), or all (supervisors)',
        querystring: z.object({
          scope: z.enum(['mine', 'all']).default('mine'),
          overdue: z.enum(['1', '0', 'true', 'false']).optional(),
        }),
        response: { 200: z.array(promiseViewSchema) },
      },
    },
    async (request) =>
      listPromises(request.ctx, {
        scope: request.query.scope,
        overdueOnly: request.query.overdue === '1' || request.query.overdue === 'true',
      }),
  );

  app.post(
    '/api/promises/:id/fulfil',
    {
      schema: {
        tags,
        summary: 'Mark a promise kept',
        params: idParams,
        body: z.object({ note: z.string().trim().min(2).max(1000) }),
        response: { 200: promiseViewSchema },
      },
    },
    async (request) => fulfilPromise(request.ctx, request.params.id, request.body.note),
  );

  app.get(
    '/api/queues',
    {
      schema: {
        tags,
        summary: 'Queues with waiting counts and longest waits',
        response: { 200: z.array(queueViewSchema) },
      },
    },
    async (request) => listQueues(request.ctx),
  );

  app.get(
    '/api/queues/:code/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts waiting in a queue, in the order they are served (emergencies first)',
        params: z.object({ code: z.string().min(1).max(40) }),
        response: { 200: z.array(waitingContactSchema) },
      },
    },
    async (request) => listWaiting(request.ctx, request.params.code),
  );

  app.post(
    '/api/queues/:code/take',
    {
      schema: {
        tags,
        summary: 'Take the next contact of a queue: emergencies first, then the longest waiting',
        params: z.object({ code: z.string().min(1).max(40) }),
        response: { 200: contactViewSchema },
      },
    },
    async (request) => takeNext(request.ctx, request.params.code),
  );

  app.post(
    '/api/contacts/:id/typing',
    {
      schema: {
        tags,
        summary: 'The agent is typing in this chat (shown to the customer for a few seconds)',
        params: idParams,
        response: { 204: z.undefined().describe('Told') },
      },
    },
    async (request, reply) => {
      await agentTyping(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/contacts/:id/survey',
    {
      schema: {
        tags,
        summary: 'Send the caller the satisfaction survey by SMS (the customer answers, never the agent)',
        params: idParams,
        response: { 200: surveySentSchema },
      },
    },
    async (request) => sendSurvey(request.ctx, request.params.id),
  );
  const surveyParams = z.object({ token: z.string().min(16).max(64) });
  const surveyConfig = { public: true, rateLimit: { max: 20, timeWindow: '1 minute' } };
  app.get(
    '/api/surveys/:token',
    {
      config: surveyConfig,
      schema: {
        tags,
        summary: 'A survey link: still open?',
        security: [],
        params: surveyParams,
        response: { 200: surveyStateSchema },
      },
    },
    async (request) => surveyState(surveyCtx(request.ctx), request.params.token),
  );
  app.post(
    '/api/surveys/:token',
    {
      config: surveyConfig,
      schema: {
        tags,
        summary: "The customer's answer: a rating 1–5 and whether the problem was solved",
        security: [],
        params: surveyParams,
        body: z.object({ rating: z.number().int().min(1).max(5), resolved: z.boolean() }),
        response: { 200: surveyStateSchema },
      },
    },
    async (request) => answerSurvey(surveyCtx(request.ctx), request.params.token, request.body),
  );

  const cannedBody = z.object({ title: z.string().trim().min(1).max(40), text: z.string().trim().min(1).max(500) });
  app.get(
    '/api/canned-replies',
    {
      schema: {
        tags,
        summary: "The team's canned chat replies (常用语)",
        response: { 200: z.array(cannedReplySchema) },
      },
    },
    async (request) => listCannedReplies(request.ctx),
  );
  app.post(
    '/api/canned-replies',
    {
      schema: {
        tags,
        summary: 'Add a canned reply to the team (senior agents, supervisors)',
        body: cannedBody,
        response: { 200: cannedReplySchema },
      },
    },
    async (request) => saveCannedReply(request.ctx, null, request.body),
  );
  app.put(
    '/api/canned-replies/:id',
    {
      schema: {
        tags,
        summary: 'Edit one of the team’s canned replies',
        params: idParams,
        body: cannedBody,
        response: { 200: cannedReplySchema },
      },
    },
    async (request) => saveCannedReply(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/canned-replies/:id',
    {
      schema: {
        tags,
        summary: 'Remove a canned reply',
        params: idParams,
        response: { 204: z.undefined().describe('Removed') },
      },
    },
    async (request, reply) => {
      await deleteCannedReply(request.ctx, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/state',
    {
      schema: {
        tags,
        summary: "The agent's own state (示闲 / 示忙 / 小休 / 话后整理)",
        response: { 200: agentStateSchema },
      },
    },
    async (request) => myState(request.ctx),
  );

  app.put(
    '/api/me/state',
    {
      schema: {
        tags,
        summary: 'Set the agent’s own state; only ready agents are offered the next contact',
        body: z.object({ state: agentPresenceSchema, reason: z.string().trim().min(1).max(60).optional() }),
        response: { 200: agentStateSchema },
      },
    },
    async (request) => setMyState(request.ctx, request.body),
  );

  app.get(
    '/api/supervisor/live',
    {
      schema: { tags: ['supervisor'], summary: 'Queues and agents, live', response: { 200: supervisorLiveSchema } },
    },
    async (request) => supervisorLive(request.ctx),
  );

  app.get(
    '/api/supervisor/contacts',
    {
      schema: {
        tags: ['supervisor'],
        summary:
          'The contacts behind a dashboard figure (drill-down), newest first: filtered like the figures, caller numbers masked',
        querystring: z.object({
          from: calendarDateSchema.optional(),
          to: calendarDateSchema.optional(),
          basis: z.enum(['started', 'queued']).default('started'),
          status: z.enum(CONTACT_STATUSES).optional(),
          channel: z.enum(CONTACT_CHANNELS).optional(),
          type: z.enum([...CONTACT_TYPES, 'unclassified']).optional(),
          intent: intentSchema.optional(),
          queue: z.string().min(1).max(40).optional(),
          outcome: z.enum(CONTACT_OUTCOMES).optional(),
          answered: flag.optional(),
          abandoned: flag.optional(),
          answeredWithin: seconds.optional(),
          missedWithin: seconds.optional(),
          rated: flag.optional(),
          hostile: flag.optional(),
          agentId: z.string().min(1).max(64).optional(),
          alertId: z.string().min(1).max(64).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: supervisorContactPageSchema },
      },
    },
    async (request) => listSupervisorContacts(request.ctx, request.query),
  );

  app.get(
    '/api/supervisor/alerts',
    {
      schema: {
        tags: ['supervisor'],
        querystring: z.object({ open: z.enum(['1', '0']).default('1') }),
        response: { 200: z.array(supervisorAlertSchema) },
      },
    },
    async (request) => listAlerts(request.ctx, { open: request.query.open === '1' }),
  );

  app.post(
    '/api/supervisor/alerts/:id/acknowledge',
    { schema: { tags: ['supervisor'], params: idParams, response: { 200: supervisorAlertSchema } } },
    async (request) => acknowledgeAlert(request.ctx, request.params.id),
  );

  app.get(
    '/api/demo/otp',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo mode only: one-time codes "sent" (agents handling chats; never on the customer side)',
        // No phone filter: a mobile number in a URL ends up in logs and history (finding 15).
        querystring: z.object({}).strict(),
        response: { 200: z.array(demoOtpSchema) },
      },
    },
    async (request) => readDemoOutbox(request.ctx),
  );
};
