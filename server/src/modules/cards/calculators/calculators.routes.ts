import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { interestFreePeriodCalc, minimumPaymentCalc } from './calculator.service.ts';

/** Agents' calculators on the product rules: minimum payment and interest-free period. */
export const calculatorRoutes: ModuleRoutes = async (app) => {
  handle(app, api.minimumPayment, async (request) => minimumPaymentCalc(request.ctx, request.body));
  handle(app, api.interestFreePeriod, async (request) => interestFreePeriodCalc(request.ctx, request.body));
};
