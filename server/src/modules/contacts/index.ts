import type { ModuleRoutes } from '../../platform/http/types.ts';
import type { ModuleDef } from '../module.ts';
import { contactAccessRule } from './access.ts';
import { cannedRoutes } from './canned.routes.ts';
import { contactFlowRoutes } from './contacts.routes.ts';
import { contactsCustomerViews } from './customer-views.ts';
import { handoverRoutes } from './handover.routes.ts';
import { contactsMigrations } from './migrations/index.ts';
import { presenceRoutes } from './presence.routes.ts';
import { promiseRoutes } from './promise.routes.ts';
import { promiseJobs } from './promise.service.ts';
import { queueRoutes } from './queue.routes.ts';
import { seedContactsDemo } from './seed.ts';
import { supervisorRoutes } from './supervisor.routes.ts';
import { surveyRoutes } from './survey.routes.ts';
import { contactsTopics } from './topics.ts';

export {
  addBotTurn,
  type BotContactState,
  type BotHandoverInput,
  botContactState,
  botHandedOverSince,
  handOverFromBot,
} from './bot-contact.service.ts';
export {
  addCustomerTurn,
  customerEndsChat,
  startChatContact,
  TYPING_EVENT,
} from './chat-contact.service.ts';
/**
 * Still read by the quality module's transcript loader, which is moving to `contactFacts` /
 * `contactTranscript`; nothing else may use them.
 */
export { findContactRow, listTurns } from './contact.repository.ts';
export {
  AGENT_REPLY_SENDING,
  acceptContact,
  addAgentTurn,
  CONTACT_CLOSED,
  type ContactTurn,
  closeContact,
  contactTopic,
  createPhoneContact,
  deliverTelephonyCall,
  getTurns,
  queueTopic,
  TURN_STORING,
  type TurnMark,
} from './contact.service.ts';
/**
 * Contacts (issue 4): every call and chat with its standard flow (guide §3.1), identity verification,
 * classification (§2.4), promises, hand-over (§3.4) and agent well-being (§1.3) — and the rule that ties
 * customer-data access to an active, verified contact. Other modules import only from this file.
 */
export type { Channel, Level, Method, Outcome, Stage } from './contact.ts';
export { atLeast, LEVELS, STAGES } from './contact.ts';
export type { ContactView } from './contact.view.ts';
export {
  type ContactFacts,
  type ContactStart,
  contactFacts,
  contactsStartedBetween,
  contactTranscript,
  requireContactFacts,
  tellInContact,
} from './contact-facts.service.ts';
export {
  type CaseLinkDetails,
  type ContactLink,
  type EmergencyLinkDetails,
  listContactLinks,
  markEmergency,
  recordCaseOpened,
} from './contact-links.service.ts';
export { findCustomerByPhone } from './customers.ts';
export { type HandoverPacket, transferContact } from './handover.service.ts';
export { checkOtp, issueOtp, type OtpSender, setOtpSender, storedOtpHashes } from './otp.ts';
export { openPromisesOf, type PromiseView } from './promise.service.ts';
export { GENERAL_QUEUE } from './queues.ts';
export { loadConfig as loadContactsConfig } from './settings.ts';
// The telephony integration's other hand-over: the one-time code the caller keyed in on the keypad.
export { enterKeypadCode } from './verification.service.ts';

/** The module's routes (`contactsRoutes` of the contract), registered by concern. */
const routes: ModuleRoutes = async (app) => {
  await app.register(contactFlowRoutes);
  await app.register(handoverRoutes);
  await app.register(promiseRoutes);
  await app.register(queueRoutes);
  await app.register(surveyRoutes);
  await app.register(cannedRoutes);
  await app.register(presenceRoutes);
  await app.register(supervisorRoutes);
};

export const contactsModule: ModuleDef = {
  name: 'contacts',
  migrations: contactsMigrations,
  routes,
  jobs: promiseJobs,
  topics: contactsTopics,
  accessRules: [contactAccessRule],
  customerViews: contactsCustomerViews,
  seedDemo: seedContactsDemo,
};
