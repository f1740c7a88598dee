import { z } from 'zod';
import {
  agentStateInputSchema,
  agentStateSchema,
  cannedReplyInputSchema,
  cannedReplySchema,
  classifyInputSchema,
  closeContactInputSchema,
  contactListItemSchema,
  contactOtpSentSchema,
  contactStatsQuerySchema,
  contactStatsSchema,
  contactsSettingsPatchSchema,
  contactsSettingsSchema,
  contactTurnInputSchema,
  contactTurnSchema,
  contactTurnsQuerySchema,
  contactViewSchema,
  createPromiseSchema,
  demoOtpSchema,
  fulfilPromiseInputSchema,
  handoverViewSchema,
  intentSuggestionsSchema,
  linkCustomerInputSchema,
  moveStageInputSchema,
  phoneContactStartedSchema,
  promiseListQuerySchema,
  promiseViewSchema,
  queueParamsSchema,
  queueViewSchema,
  startPhoneContactInputSchema,
  supervisorAlertSchema,
  supervisorAlertsQuerySchema,
  supervisorContactPageSchema,
  supervisorContactQuerySchema,
  supervisorLiveSchema,
  surveyAnswerInputSchema,
  surveyParamsSchema,
  surveySentSchema,
  surveyStateSchema,
  transferInputSchema,
  verifyInputSchema,
  verifyResultSchema,
  waitingContactSchema,
} from '../contacts.ts';
import { contactsEndpoints } from '../endpoints/contacts.ts';
import { defineRoutes } from '../http/route.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const supervisor = ['supervisor'];

/** Contacts: the desk's standard flow, verification, hand-over, promises, queues, surveys and supervision. */
export const contactsRoutes = defineRoutes(
  contactsEndpoints,
  { tags: ['contacts'] },
  {
    startPhone: {
      summary: 'Start a phone contact (inbound with screen pop by caller number, or outbound to a customer)',
      body: startPhoneContactInputSchema,
      response: { 201: phoneContactStartedSchema },
    },
    listMine: { summary: 'My open contacts', response: { 200: z.array(contactListItemSchema) } },
    contact: { summary: 'A contact', params: idParams, response: { 200: contactViewSchema } },
    turns: {
      summary: 'Transcript (after a sequence number)',
      params: idParams,
      query: contactTurnsQuerySchema,
      response: { 200: z.array(contactTurnSchema) },
    },
    addTurn: {
      summary: 'Send a chat message, or note a phone turn',
      params: idParams,
      body: contactTurnInputSchema,
      response: { 201: contactTurnSchema },
    },
    linkCustomer: {
      summary: 'Link the identified customer (verification starts over)',
      params: idParams,
      body: linkCustomerInputSchema,
      response: { 200: contactViewSchema },
    },
    sendOtp: {
      summary: "Send a one-time code to the customer's registered phone",
      params: idParams,
      response: { 200: contactOtpSentSchema },
    },
    verify: {
      summary: 'One identity-verification attempt (a failure is counted and answered, not an error)',
      params: idParams,
      body: verifyInputSchema,
      response: { 200: verifyResultSchema },
    },
    moveStage: {
      summary: 'Move to a stage of the standard flow',
      params: idParams,
      body: moveStageInputSchema,
      response: { 200: contactViewSchema },
    },
    classify: {
      summary: 'Set the intents (the type follows: emergency > complaint > transaction > consult)',
      params: idParams,
      body: classifyInputSchema,
      response: { 200: contactViewSchema },
    },
    suggestions: {
      summary: "Intent suggestions (NLU) from the customer's latest turns; the agent still chooses",
      params: idParams,
      response: { 200: intentSuggestionsSchema },
    },
    close: {
      summary: 'Close with the outcome; without a confirmation stage a reason is required',
      params: idParams,
      body: closeContactInputSchema,
      response: { 200: contactViewSchema },
    },
    accept: {
      summary: 'Take a waiting contact from the general queue',
      params: idParams,
      response: { 200: contactViewSchema },
    },
    typing: {
      summary: 'The agent is typing in this chat (shown to the customer for a few seconds)',
      params: idParams,
      response: { 204: z.undefined().describe('Told') },
    },
    demoOtp: {
      tags: ['demo'],
      summary: 'Demo mode only: one-time codes "sent" (agents handling chats; never on the customer side)',
      // No phone filter: a mobile number in a URL ends up in logs and history (finding 15).
      query: z.object({}).strict(),
      response: { 200: z.array(demoOtpSchema) },
    },
    demoKeypad: {
      tags: ['demo'],
      summary:
        "Demo mode only: the caller keys the one-time code in on the phone keypad (the telephony side's part, played by the contact's agent)",
      params: idParams,
      body: z.object({ code: z.string().regex(/^\d{4,8}$/) }).strict(),
      response: { 200: verifyResultSchema },
    },

    settings: {
      summary: 'Verification table, lock-out, scripts and other contact rules',
      response: { 200: contactsSettingsSchema },
    },
    updateSettings: {
      summary: 'Change contact rules (admin)',
      body: contactsSettingsPatchSchema,
      response: { 200: contactsSettingsSchema },
    },

    transfer: {
      summary: 'Transfer to a queue, a department or a person with a hand-over packet',
      params: idParams,
      body: transferInputSchema,
      response: { 200: handoverViewSchema },
    },
    handover: {
      summary: 'The pending hand-over packet (for its receiver)',
      params: idParams,
      response: { 200: handoverViewSchema },
    },
    acknowledgeHandover: {
      summary: 'Acknowledge the packet and take the contact',
      params: idParams,
      response: { 200: contactViewSchema },
    },
    myHandovers: {
      summary: 'Hand-overs waiting for me, my department or my queues',
      response: { 200: z.array(handoverViewSchema) },
    },
    createPromise: {
      summary: 'Record a promise (follow-up task with a deadline and an owner)',
      params: idParams,
      body: createPromiseSchema,
      response: { 201: promiseViewSchema },
    },
    listPromises: {
      summary: 'Open promises: mine (and my department’s), or all (supervisors)',
      query: promiseListQuerySchema,
      response: { 200: z.array(promiseViewSchema) },
    },
    fulfilPromise: {
      summary: 'Mark a promise kept',
      params: idParams,
      body: fulfilPromiseInputSchema,
      response: { 200: promiseViewSchema },
    },

    queues: {
      summary: 'Queues with waiting counts and longest waits',
      response: { 200: z.array(queueViewSchema) },
    },
    waiting: {
      summary: 'Contacts waiting in a queue, in the order they are served (emergencies first)',
      params: queueParamsSchema,
      response: { 200: z.array(waitingContactSchema) },
    },
    takeNext: {
      summary: 'Take the next contact of a queue: emergencies first, then the longest waiting',
      params: queueParamsSchema,
      response: { 200: contactViewSchema },
    },

    sendSurvey: {
      summary: 'Send the caller the satisfaction survey by SMS (the customer answers, never the agent)',
      params: idParams,
      response: { 200: surveySentSchema },
    },
    surveyState: {
      summary: 'A survey link: still open?',
      params: surveyParamsSchema,
      response: { 200: surveyStateSchema },
    },
    answerSurvey: {
      summary: "The customer's answer: a rating 1–5 and whether the problem was solved",
      params: surveyParamsSchema,
      body: surveyAnswerInputSchema,
      response: { 200: surveyStateSchema },
    },

    cannedReplies: {
      summary: "The team's canned chat replies (常用语)",
      response: { 200: z.array(cannedReplySchema) },
    },
    addCannedReply: {
      summary: 'Add a canned reply to the team (senior agents, supervisors)',
      body: cannedReplyInputSchema,
      response: { 200: cannedReplySchema },
    },
    editCannedReply: {
      summary: 'Edit one of the team’s canned replies',
      params: idParams,
      body: cannedReplyInputSchema,
      response: { 200: cannedReplySchema },
    },
    removeCannedReply: {
      summary: 'Remove a canned reply',
      params: idParams,
      response: { 204: z.undefined().describe('Removed') },
    },

    myState: {
      summary: "The agent's own state (示闲 / 示忙 / 小休 / 话后整理)",
      response: { 200: agentStateSchema },
    },
    setMyState: {
      summary: 'Set the agent’s own state; only ready agents are offered the next contact',
      body: agentStateInputSchema,
      response: { 200: agentStateSchema },
    },

    stats: {
      summary: 'Dashboard figures over contacts started in [from, to] (bank days)',
      query: contactStatsQuerySchema,
      response: { 200: contactStatsSchema },
    },
    live: { tags: supervisor, summary: 'Queues and agents, live', response: { 200: supervisorLiveSchema } },
    supervisorContacts: {
      tags: supervisor,
      summary:
        'The contacts behind a dashboard figure (drill-down), newest first: filtered like the figures, caller numbers masked',
      query: supervisorContactQuerySchema,
      response: { 200: supervisorContactPageSchema },
    },
    alerts: {
      tags: supervisor,
      summary: 'Supervisor alerts (open ones by default)',
      query: supervisorAlertsQuerySchema,
      response: { 200: z.array(supervisorAlertSchema) },
    },
    acknowledgeAlert: {
      tags: supervisor,
      summary: 'Acknowledge an alert',
      params: idParams,
      response: { 200: supervisorAlertSchema },
    },
  },
);
