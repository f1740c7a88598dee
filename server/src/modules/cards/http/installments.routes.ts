import {
  calendarDateSchema,
  disclosureSchema,
  fenSchema,
  installmentOptionsSchema,
  installmentPlanSchema,
  installmentQuoteSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { installmentCalc, revolvingInterestCalc } from '../calculators/calculator.service.ts';
import {
  acceptInstallment,
  installmentOptions,
  prepayInstallment,
  quoteInstallment,
} from '../installments/installment.service.ts';
import { payeeSchema } from '../ledger/payouts.ts';
import { idParams } from './schemas.ts';

const rate = z.string().regex(/^0(\.\d{1,8})?$/, 'a decimal rate below 1, e.g. "0.006"');

/** Installments (quote first, then acceptance, early payoff) and the agents' calculators. */
export const installmentRoutes: ModuleRoutes = async (app) => {
  app.get(
    '/api/accounts/:id/installment-options',
    {
      schema: {
        tags: ['installments'],
        summary:
          'Before a quote: the periods the product offers for the kind and the principal that may be split (range, the whole statement or purchase)',
        params: idParams,
        querystring: z.object({
          kind: z.enum(['bill', 'transaction', 'cash']),
          sourceId: z.string().min(1).max(64).optional(),
        }),
        response: { 200: installmentOptionsSchema },
      },
    },
    async (request) =>
      installmentOptions(request.ctx, {
        accountId: request.params.id,
        kind: request.query.kind,
        sourceId: request.query.sourceId,
      }),
  );
  app.post(
    '/api/installments/quote',
    {
      schema: {
        tags: ['installments'],
        summary: 'Quote an installment plan: per-period payment, total fee, APR (IRR) and EAR',
        body: z.object({
          accountId: z.string().min(1),
          kind: z.enum(['bill', 'transaction', 'cash']),
          periods: z.number().int().min(2).max(60),
          sourceId: z.string().optional(),
          principalFen: fenSchema.positive().optional(),
        }),
        response: { 200: installmentQuoteSchema },
      },
    },
    async (request) => quoteInstallment(request.ctx, request.body),
  );
  app.post(
    '/api/installments',
    {
      schema: {
        tags: ['installments'],
        summary:
          'Accept a quote the customer said yes to (named by its hash): creates the plan on exactly its terms and keeps the consent with it; a cash installment names the holder’s own settlement account',
        body: z.object({
          quoteId: z.string().min(1),
          quoteHash: z.string().regex(/^[0-9a-f]{64}$/, 'the quote’s SHA-256 hash'),
          customerAgreed: z.boolean(),
          payoutAccount: payeeSchema.optional(),
        }),
        response: { 200: installmentPlanSchema },
      },
    },
    async (request) => acceptInstallment(request.ctx, request.body),
  );
  app.post(
    '/api/installments/:id/prepay',
    {
      schema: {
        tags: ['installments'],
        summary: 'Pay off a plan early',
        params: idParams,
        response: { 200: installmentPlanSchema.extend({ billedNowFen: fenSchema }) },
      },
    },
    async (request) => prepayInstallment(request.ctx, { planId: request.params.id }),
  );

  app.post(
    '/api/calculators/installment',
    {
      schema: {
        tags: ['calculators'],
        summary: 'Installment cost: schedule, total fee, APR by IRR and effective annual rate',
        body: z.object({
          principalFen: fenSchema.positive().max(100_000_000_00),
          periods: z.number().int().min(1).max(60),
          feeRatePerPeriod: rate,
        }),
        response: { 200: disclosureSchema.extend({ aprEstimatePercent: z.string() }) },
      },
    },
    async (request) => installmentCalc(request.ctx, request.body),
  );
  app.post(
    '/api/calculators/revolving-interest',
    {
      schema: {
        tags: ['calculators'],
        summary: 'Revolving interest on a balance history: Σ balance × days × daily rate',
        body: z.object({
          dailyRate: rate.default('0.0005'),
          through: calendarDateSchema,
          events: z
            .array(z.object({ date: calendarDateSchema, amountFen: fenSchema }))
            .min(1)
            .max(500),
        }),
        response: {
          200: z.object({
            interestFen: fenSchema,
            fenDays: fenSchema,
            // The annualised rate before the daily one (PBoC Announcement〔2021〕No. 3).
            simpleAnnualPercent: z.string(),
            dailyRate: z.string(),
            lines: z.array(
              z.object({
                from: z.string(),
                to: z.string(),
                days: z.number().int(),
                balanceFen: fenSchema,
                fenDays: fenSchema,
              }),
            ),
          }),
        },
      },
    },
    async (request) => revolvingInterestCalc(request.ctx, request.body),
  );
};
