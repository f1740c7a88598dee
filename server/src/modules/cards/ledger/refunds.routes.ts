import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { decideAnnualFeeAdjustment, requestAnnualFeeAdjustment } from '../card-ops/annual-fee.service.ts';
import { refundCreditBalance } from './credit-refund.service.ts';

/** Money given back: annual-fee waivers and refunds (four eyes above the product's amount), credit balances. */
export const refundRoutes: ModuleRoutes = async (app) => {
  handle(app, api.requestFeeAdjustment, async (request) =>
    requestAnnualFeeAdjustment(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  handle(app, api.decideFeeAdjustment, async (request) =>
    decideAnnualFeeAdjustment(request.ctx, { id: request.params.id, ...request.body }),
  );
  handle(app, api.refundCreditBalance, async (request) =>
    refundCreditBalance(request.ctx, { accountId: request.params.id, ...request.body }),
  );
};
