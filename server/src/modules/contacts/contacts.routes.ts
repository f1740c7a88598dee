import { calendarDateSchema, intentSchema } from '@carddesk/contracts';
import { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { normalizeMobile } from '../../platform/pii/validators.ts';
import { acknowledgeAlert, listAlerts } from './alerts.ts';
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
import { outcomeSchema, stageSchema } from './contact.ts';
import { contactViewSchema } from './contact.view.ts';
import {
  acknowledgeHandover,
  getHandover,
  listMyHandovers,
  transferContact,
  transferTargetSchema,
} from './handover.service.ts';
import { demoOtpSchema, demoOutbox } from './otp.ts';
import { createPromise, createPromiseSchema, fulfilPromise, listPromises } from './promise.service.ts';
import { listQueues, listWaiting, queueViewSchema, waitingContactSchema } from './queues.ts';
import { configPatchSchema, contactsConfigSchema, loadConfig, updateConfig } from './settings.ts';
import { contactStats, contactStatsSchema, supervisorLive, supervisorLiveSchema } from './stats.service.ts';
import { suggestIntents, suggestionsSchema } from './suggestions.ts';
import { takeNext } from './take.service.ts';
import { sendContactOtp, verifyContact } from './verification.service.ts';

const tags = ['contacts'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const turnSchema = z.object({
  seq: z.number().int(),
  speaker: z.enum(['customer', 'agent', 'bot', 'system']),
  text: z.string(),
  at: z.string(),
});
const listItemSchema = z.object({
  id: z.string(),
  channel: z.string(),
  status: z.string(),
  stage: z.string(),
  customerId: z.string().nullable(),
  type: z.string().nullable(),
  intents: z.array(z.string()),
  queueCode: z.string().nullable(),
  startedAt: z.string(),
});
const promiseSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  customerId: z.string(),
  description: z.string(),
  deadlineAt: z.string(),
  owner: z.object({ userId: z.string().nullable(), departmentId: z.string().nullable() }),
  status: z.enum(['open', 'fulfilled', 'cancelled']),
  overdue: z.boolean(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedNote: z.string().nullable(),
});
const packetSchema = z.object({
  contactId: z.string(),
  channel: z.string(),
  startedAt: z.string(),
  from: z.object({ userId: z.string().nullable(), displayName: z.string().nullable(), agentNo: z.string().nullable() }),
  customer: z.object({ id: z.string(), maskedName: z.string().nullable() }).nullable(),
  verification: z.object({ level: z.string(), methods: z.array(z.string()), verifiedAt: z.string().nullable() }),
  type: z.string().nullable(),
  intents: z.array(z.object({ code: z.string(), zh: z.string() })),
  note: z.string().nullable(),
  recentTurns: z.array(z.object({ speaker: z.string(), text: z.string(), at: z.string() })),
  actions: z.array(z.object({ action: z.string(), at: z.string() })),
  promises: z.array(z.object({ id: z.string(), description: z.string(), deadlineAt: z.string() })),
  cases: z.array(
    z.object({
      caseId: z.string(),
      number: z.string(),
      kind: z.string(),
      category: z.string(),
      dueDate: z.string(),
      at: z.string(),
    }),
  ),
  emergencies: z.array(
    z.object({ reportId: z.string(), kind: z.string(), action: z.string(), cardLast4: z.string(), at: z.string() }),
  ),
  riskFlags: z.array(z.string()),
});
const handoverSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  status: z.enum(['pending', 'acknowledged']),
  target: z.object({ kind: z.string(), code: z.string().nullable(), userId: z.string().nullable() }),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  packet: packetSchema,
});
const alertSchema = z.object({
  id: z.string(),
  kind: z.enum(['wellbeing', 'promise_missed']),
  userId: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
const verifyBodySchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('caller_number') }),
  z.object({ method: z.literal('name_id_last6'), name: z.string().min(1).max(60), idLast6: z.string().min(1).max(6) }),
  z.object({
    method: z.literal('card_last4_factor'),
    cardLast4: z.string().regex(/^\d{4}$/),
    factor: z.object({ kind: z.enum(['name', 'id_last6', 'birth_date', 'phone']), value: z.string().min(1).max(60) }),
  }),
  z.object({ method: z.literal('otp'), code: z.string().regex(/^\d{6}$/) }),
]);
const text = z.string().trim().min(1).max(2000);

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
          201: z.object({
            contact: contactViewSchema,
            screenPop: z
              .object({ customerId: z.string(), maskedName: z.string().nullable(), callerNumberMasked: z.string() })
              .nullable(),
          }),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await createPhoneContact(request.ctx, request.body)),
  );

  app.get(
    '/api/contacts',
    { schema: { tags, summary: 'My open contacts', response: { 200: z.array(listItemSchema) } } },
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
    async (request) => loadConfig(request.ctx),
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
        response: { 200: z.array(turnSchema) },
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
        response: { 201: turnSchema },
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
        response: { 200: z.object({ sentTo: z.string(), expiresAt: z.string() }) },
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
        response: {
          200: z.object({
            success: z.boolean(),
            level: z.enum(['none', 'basic', 'strong']),
            methods: z.array(z.string()),
            failuresLeft: z.number(),
            lockedUntil: z.string().nullable(),
          }),
        },
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
    async (request) => {
      // Parsed here rather than by the schema: an unknown stage is a refused transition, with its own code.
      const stage = stageSchema.safeParse(request.body.stage);
      if (!stage.success) {
        throw new AppError('INVALID_STAGE_TRANSITION', { details: { to: request.body.stage } });
      }
      return moveStage(request.ctx, request.params.id, stage.data, request.body.reason);
    },
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
        response: { 200: suggestionsSchema },
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
          satisfaction: z.number().int().min(1).max(5).optional(),
          satisfactionComment: z.string().max(500).optional(),
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
        response: { 200: handoverSchema },
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
        response: { 200: handoverSchema },
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
        response: { 200: z.array(handoverSchema) },
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
        response: { 201: promiseSchema },
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
        response: { 200: z.array(promiseSchema) },
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
        response: { 200: promiseSchema },
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

  app.get(
    '/api/supervisor/live',
    {
      schema: { tags: ['supervisor'], summary: 'Queues and agents, live', response: { 200: supervisorLiveSchema } },
    },
    async (request) => supervisorLive(request.ctx),
  );

  app.get(
    '/api/supervisor/alerts',
    {
      schema: {
        tags: ['supervisor'],
        querystring: z.object({ open: z.enum(['1', '0']).default('1') }),
        response: { 200: z.array(alertSchema) },
      },
    },
    async (request) => listAlerts(request.ctx, { open: request.query.open === '1' }),
  );

  app.post(
    '/api/supervisor/alerts/:id/acknowledge',
    { schema: { tags: ['supervisor'], params: idParams, response: { 200: alertSchema } } },
    async (request) => acknowledgeAlert(request.ctx, request.params.id),
  );

  app.get(
    '/api/demo/otp',
    {
      schema: {
        tags: ['demo'],
        summary: 'Demo mode only: one-time codes "sent" (staff session; never on the customer side)',
        querystring: z.object({ phone: z.string().max(20).optional() }),
        response: { 200: z.array(demoOtpSchema) },
      },
    },
    async (request) => {
      if (!request.ctx.config.CARDDESK_DEMO) throw new AppError('ROUTE_NOT_FOUND');
      const phone = request.query.phone ? normalizeMobile(request.query.phone) : undefined;
      if (request.query.phone && !phone) throw new AppError('VALIDATION_FAILED');
      const codes = await demoOutbox(request.ctx, phone);
      await audit(request.ctx, { action: 'demo.otp_outbox_read', entityType: 'otp', details: { count: codes.length } });
      return codes;
    },
  );
};
