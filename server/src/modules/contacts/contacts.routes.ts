import { contactsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
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
import { readDemoOutbox } from './otp.ts';
import { readConfig, updateConfig } from './settings.ts';
import { suggestIntents } from './suggestions.ts';
import { demoKeypadEntry, sendContactOtp, verifyContact } from './verification.service.ts';

/**
 * A contact's standard flow: start, transcript, identification and verification, stages, classification,
 * close — and the contact rules. The handlers of `contactsRoutes` (packages/contracts/src/routes/contacts.ts);
 * the module's other routes are in the sibling `*.routes.ts` files, registered together by its `index.ts`.
 */
export const contactFlowRoutes: ModuleRoutes = async (app) => {
  handle(app, api.startPhone, async (request) => createPhoneContact(request.ctx, request.body));
  handle(app, api.listMine, async (request) => listMyContacts(request.ctx));
  handle(app, api.contact, async (request) => getContact(request.ctx, request.params.id));
  handle(app, api.turns, async (request) => getTurns(request.ctx, request.params.id, request.query.after));
  handle(app, api.addTurn, async (request) => addAgentTurn(request.ctx, request.params.id, request.body));
  handle(app, api.linkCustomer, async (request) =>
    linkCustomer(request.ctx, request.params.id, request.body.customerId),
  );
  handle(app, api.sendOtp, async (request) => sendContactOtp(request.ctx, request.params.id));
  handle(app, api.verify, async (request) => verifyContact(request.ctx, request.params.id, request.body));
  // The stage is parsed by the service (after its authorization), not by the schema.
  handle(app, api.moveStage, async (request) =>
    moveStage(request.ctx, request.params.id, request.body.stage, request.body.reason),
  );
  handle(app, api.classify, async (request) => classifyContact(request.ctx, request.params.id, request.body));
  handle(app, api.suggestions, async (request) => suggestIntents(request.ctx, request.params.id));
  handle(app, api.close, async (request) => closeContact(request.ctx, request.params.id, request.body));
  handle(app, api.accept, async (request) => acceptContact(request.ctx, request.params.id));
  handle(app, api.typing, async (request) => agentTyping(request.ctx, request.params.id));
  handle(app, api.demoOtp, async (request) => readDemoOutbox(request.ctx));
  handle(app, api.demoKeypad, async (request) => demoKeypadEntry(request.ctx, request.params.id, request.body.code));

  handle(app, api.settings, async (request) => readConfig(request.ctx));
  handle(app, api.updateSettings, async (request) => updateConfig(request.ctx, request.body));
};
