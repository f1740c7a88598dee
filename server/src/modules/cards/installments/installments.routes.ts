import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { installmentCalc, revolvingInterestCalc } from '../calculators/calculator.service.ts';
import { acceptInstallment, installmentOptions, prepayInstallment, quoteInstallment } from './installment.service.ts';

/** Installments (options, quote first, then acceptance, early payoff) and the agents' installment calculators. */
export const installmentRoutes: ModuleRoutes = async (app) => {
  handle(app, api.installmentOptions, async (request) =>
    installmentOptions(request.ctx, {
      accountId: request.params.id,
      kind: request.query.kind,
      sourceId: request.query.sourceId,
    }),
  );
  handle(app, api.quoteInstallment, async (request) => quoteInstallment(request.ctx, request.body));
  handle(app, api.acceptInstallment, async (request) => acceptInstallment(request.ctx, request.body));
  handle(app, api.prepayInstallment, async (request) => prepayInstallment(request.ctx, { planId: request.params.id }));

  handle(app, api.installmentCalc, async (request) => installmentCalc(request.ctx, request.body));
  handle(app, api.revolvingInterest, async (request) => revolvingInterestCalc(request.ctx, request.body));
};
