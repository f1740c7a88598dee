import { calendarDateSchema, fenSchema, interestFreePeriodSchema, minimumPaymentCalcSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { interestFreePeriodCalc, minimumPaymentCalc } from '../calculators/calculator.service.ts';

const amount = fenSchema.min(0).max(100_000_000_00);

/** Agents' calculators on the product rules: minimum payment and interest-free period. */
export const calculatorRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/calculators/minimum-payment',
    {
      schema: {
        tags: ['calculators'],
        summary:
          'Minimum payment: share of purchase and cash principal within the limit, 100% of the part over it, of fees, interest, installments due and the earlier unpaid minimum',
        body: z.object({
          creditLimitFen: amount,
          purchaseFen: amount,
          cashFen: amount,
          feeFen: amount,
          interestFen: amount,
          installmentDueFen: amount,
          previousUnpaidMinimumFen: amount,
          productId: z.string().min(1).max(64).optional(),
        }),
        response: { 200: minimumPaymentCalcSchema },
      },
    },
    async (request) => minimumPaymentCalc(request.ctx, request.body),
  );
  app.post(
    '/api/calculators/interest-free-period',
    {
      schema: {
        tags: ['calculators'],
        summary: 'Interest-free period of a purchase: its statement date, due date and the days in between',
        body: z.object({
          productId: z.string().min(1).max(64).optional(),
          purchaseDate: calendarDateSchema,
          /** One of the product's statement days; by default its first. */
          statementDay: z.number().int().min(1).max(28).optional(),
        }),
        response: { 200: interestFreePeriodSchema },
      },
    },
    async (request) => interestFreePeriodCalc(request.ctx, request.body),
  );
};
