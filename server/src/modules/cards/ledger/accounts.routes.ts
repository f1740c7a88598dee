import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { limitEligibility } from '../limits/eligibility.service.ts';
import {
  decideLimitChange,
  listPendingLimitChanges,
  requestPermanentLimit,
  setTemporaryLimit,
} from '../limits/limit.service.ts';
import { getPoints, redeemPoints } from '../points/points.service.ts';
import { recordRepayment } from './account.service.ts';
import { listAccountTransactions } from './transactions.repository.ts';

/** Account operations: transactions, repayments, limit changes and points (`cardsRoutes` in the contract). */
export const accountRoutes: ModuleRoutes = async (app) => {
  handle(app, api.accountTransactions, async (request) =>
    listAccountTransactions(request.ctx, { accountId: request.params.id, ...request.query }),
  );
  handle(app, api.repay, async (request) =>
    recordRepayment(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  handle(app, api.temporaryLimit, async (request) =>
    setTemporaryLimit(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  handle(app, api.limitEligibility, async (request) => limitEligibility(request.ctx, request.params.id));
  handle(app, api.permanentLimit, async (request) =>
    requestPermanentLimit(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  handle(app, api.pendingLimitChanges, async (request) => listPendingLimitChanges(request.ctx));
  handle(app, api.decideLimitChange, async (request) =>
    decideLimitChange(request.ctx, { changeId: request.params.id, ...request.body }),
  );
  handle(app, api.points, async (request) => getPoints(request.ctx, { accountId: request.params.id }));
  handle(app, api.redeemPoints, async (request) =>
    redeemPoints(request.ctx, {
      accountId: request.params.id,
      itemCode: request.body.itemCode,
      quantity: request.body.quantity,
    }),
  );
};
