import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { annualFeeWaiverCheck } from './annual-fee.service.ts';
import { cancelCard } from './cancel.service.ts';
import { activateCard, freezeCard, orderReplacement, reportCardLost, unfreezeCard } from './card.service.ts';

/** Card operations: activation, freeze, loss report, replacement, cancellation, annual-fee waiver check. */
export const cardRoutes: ModuleRoutes = async (app) => {
  handle(app, api.freeze, async (request) =>
    freezeCard(request.ctx, { cardId: request.params.id, reason: request.body?.reason ?? null }),
  );
  handle(app, api.unfreeze, async (request) => unfreezeCard(request.ctx, { cardId: request.params.id }));
  handle(app, api.reportLost, async (request) =>
    reportCardLost(request.ctx, {
      cardId: request.params.id,
      kind: request.body?.kind ?? 'lost',
      note: request.body?.note ?? null,
    }),
  );
  handle(app, api.activate, async (request) => activateCard(request.ctx, { cardId: request.params.id }));
  handle(app, api.replace, async (request) =>
    orderReplacement(request.ctx, { cardId: request.params.id, reason: request.body.reason }),
  );
  handle(app, api.cancel, async (request) =>
    cancelCard(request.ctx, { cardId: request.params.id, reason: request.body?.reason ?? null }),
  );
  handle(app, api.annualFeeWaiver, async (request) => annualFeeWaiverCheck(request.ctx, { cardId: request.params.id }));
};
