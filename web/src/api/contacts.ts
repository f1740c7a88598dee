import type {
  CardFactorKind,
  ContactChannel,
  ContactOutcome,
  ContactStage,
  ContactTurn,
  ContactView,
  HandoverView,
  Intent,
  QueueView,
  VerificationLevel,
  VerificationMethod,
  VerifyInput,
} from '@carddesk/contracts';
import { contactsEndpoints as ct } from '@carddesk/contracts/endpoints';
import { type Body, call } from '../app/api.ts';

/**
 * The contacts module's API as the workstation uses it (server/src/modules/contacts). Paths, bodies and answers
 * are the contract's (`packages/contracts/src/routes/contacts.ts`).
 */
export type {
  AgentPresence,
  AgentState,
  CannedReply,
  ContactListItem,
  ContactsSettings,
  CustomerContactItem,
  HandoverPacket,
  PromiseView as CustomerPromise,
  ScreenPop,
  SurveySent,
  VerifyResult,
  WaitingContact,
} from '@carddesk/contracts';
export type Channel = ContactChannel;
export type Stage = ContactStage;
/** The stages in order (the contract's vocabulary). */
export { CONTACT_STAGES as STAGES } from '@carddesk/contracts/vocabulary';
export type Level = VerificationLevel;
export type Method = VerificationMethod;
export type Outcome = ContactOutcome;
export type Contact = ContactView;
export type Turn = ContactTurn;
export type Queue = QueueView;
/** What a hand-over carries so the customer never repeats themselves (guide §3.4). */
export type Handover = HandoverView;

/** Only factors the desk never displays back up the card's last four digits. */
export type FactorKind = CardFactorKind;
export type { VerifyInput };

export const startPhoneCall = (key: string, callerNumber: string) =>
  call(ct.startPhone, { body: { channel: 'phone', direction: 'inbound', callerNumber } }, { idempotencyKey: key });
export const myContacts = (signal?: AbortSignal) => call(ct.listMine, {}, { signal });
export const getContact = (id: string, signal?: AbortSignal) => call(ct.contact, { params: { id } }, { signal });
export const getTurns = (id: string, after = 0, signal?: AbortSignal) =>
  call(ct.turns, { params: { id }, query: { after } }, { signal });
export const sendAgentTurn = (key: string, id: string, text: string) =>
  call(ct.addTurn, { params: { id }, body: { text } }, { idempotencyKey: key, contactId: id });
export const moveStage = (key: string, id: string, stage: Stage, reason?: string) =>
  call(
    ct.moveStage,
    { params: { id }, body: reason ? { stage, reason } : { stage } },
    { idempotencyKey: key, contactId: id },
  );
export const verify = (key: string, id: string, input: VerifyInput) =>
  call(ct.verify, { params: { id }, body: input }, { idempotencyKey: key, contactId: id });
export const sendOtp = (key: string, id: string) =>
  call(ct.sendOtp, { params: { id } }, { idempotencyKey: key, contactId: id });
export const linkCustomer = (key: string, id: string, customerId: string) =>
  call(ct.linkCustomer, { params: { id }, body: { customerId } }, { idempotencyKey: key, contactId: id });
export const classify = (key: string, id: string, intents: Intent[], source: 'agent' | 'nlu' = 'agent') =>
  call(ct.classify, { params: { id }, body: { intents, source } }, { idempotencyKey: key, contactId: id });
export const closeContact = (key: string, id: string, input: Body<typeof ct.close>) =>
  call(ct.close, { params: { id }, body: input }, { idempotencyKey: key, contactId: id });
export const acceptContact = (key: string, id: string) => call(ct.accept, { params: { id } }, { idempotencyKey: key });
/** "Next customer": the server picks the head of the queue (emergencies first) and assigns it to me. */
export const takeNextContact = (key: string, queue: string) =>
  call(ct.takeNext, { params: { code: queue } }, { idempotencyKey: key });
/** Tells the customer the agent is typing (the customer's page shows it for a few seconds). */
export const sendTyping = (id: string) => call(ct.typing, { params: { id } }, { contactId: id });
/** Sends the caller the satisfaction survey by SMS (demo mode: the link comes back to play the customer). */
export const sendSurvey = (key: string, id: string) =>
  call(ct.sendSurvey, { params: { id } }, { idempotencyKey: key, contactId: id });
/** The customer's survey page: public routes, no staff token. */
export const surveyState = (token: string, signal?: AbortSignal) =>
  call(ct.surveyState, { params: { token } }, { signal });
export const answerSurvey = (key: string, token: string, input: Body<typeof ct.answerSurvey>) =>
  call(ct.answerSurvey, { params: { token }, body: input }, { idempotencyKey: key });

/** 常用语: the team's canned chat replies; its senior agents and supervisors edit them. */
export const listCannedReplies = (signal?: AbortSignal) => call(ct.cannedReplies, {}, { signal });
export const saveCannedReply = (key: string, id: string | null, input: Body<typeof ct.addCannedReply>) =>
  id
    ? call(ct.editCannedReply, { params: { id }, body: input }, { idempotencyKey: key })
    : call(ct.addCannedReply, { body: input }, { idempotencyKey: key });
export const deleteCannedReply = (key: string, id: string) =>
  call(ct.removeCannedReply, { params: { id } }, { idempotencyKey: key });

/** The agent's own state (示闲 / 示忙 / 小休 / 话后整理): only a ready agent is offered the next contact. */
export const getMyState = (signal?: AbortSignal) => call(ct.myState, {}, { signal });
export const setMyState = (key: string, input: Body<typeof ct.setMyState>) =>
  call(ct.setMyState, { body: input }, { idempotencyKey: key });
export const listQueues = (signal?: AbortSignal) => call(ct.queues, {}, { signal });
export const listWaiting = (queue: string, signal?: AbortSignal) =>
  call(ct.waiting, { params: { code: queue } }, { signal });

export type TransferInput = Body<typeof ct.transfer>;
export const transfer = (key: string, id: string, input: TransferInput) =>
  call(ct.transfer, { params: { id }, body: input }, { idempotencyKey: key, contactId: id });
export const myHandovers = (signal?: AbortSignal) => call(ct.myHandovers, {}, { signal });
export const acknowledgeHandover = (key: string, contactId: string) =>
  call(ct.acknowledgeHandover, { params: { id: contactId } }, { idempotencyKey: key });

export const contactsSettings = (signal?: AbortSignal) => call(ct.settings, {}, { signal });

/** Demo mode only: the one-time codes the demo "sent" (there is no SMS gateway in the demo). */
export const demoOutbox = (signal?: AbortSignal) => call(ct.demoOtp, {}, { signal });
/** Demo mode only: plays the caller keying the one-time code in on the phone keypad. */
export const demoKeypad = (key: string, id: string, code: string) =>
  call(ct.demoKeypad, { params: { id }, body: { code } }, { idempotencyKey: key, contactId: id });
