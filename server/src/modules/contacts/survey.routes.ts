import { contactsRoutes as api } from '@carddesk/contracts';
import { systemActor } from '../../platform/auth/actor.ts';
import type { Ctx } from '../../platform/context.ts';
import { type EdgeOptions, handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { answerSurvey, sendSurvey, surveyState } from './survey.service.ts';

// The survey page is the customer's, signed in to nothing (public in the contract): it acts as the system,
// like the customer chat, and is rate-limited per address.
const surveyCtx = (ctx: Ctx): Ctx => ({ ...ctx, actor: systemActor('survey-customer') });
const open: EdgeOptions = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The satisfaction survey: the agent sends it, the customer answers it. */
export const surveyRoutes: ModuleRoutes = async (app) => {
  handle(app, api.sendSurvey, async (request) => sendSurvey(request.ctx, request.params.id));
  handle(app, api.surveyState, open, async (request) => surveyState(surveyCtx(request.ctx), request.params.token));
  handle(app, api.answerSurvey, open, async (request) =>
    answerSurvey(surveyCtx(request.ctx), request.params.token, request.body),
  );
};
