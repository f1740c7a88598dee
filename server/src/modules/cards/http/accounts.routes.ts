import {
  calendarDateSchema,
  fenSchema,
  limitChangeSchema,
  limitEligibilitySchema,
  transactionSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { recordRepayment } from '../ledger/account.service.ts';
import { listAccountTransactions } from '../ledger/transactions.query.ts';
import { limitEligibility } from '../limits/eligibility.service.ts';
import {
  decideLimitChange,
  listPendingLimitChanges,
  requestPermanentLimit,
  setTemporaryLimit,
} from '../limits/limit.service.ts';
import { getPoints, redeemPoints } from '../points/points.service.ts';
import { idParams, transactionQuery } from './schemas.ts';

const tags = ['accounts'];

/** Account operations: transactions, repayments, limit changes and points. */
export const accountRoutes: ModuleRoutes = async (app) => {
  app.get(
    '/api/accounts/:id/transactions',
    {
      schema: {
        tags,
        summary: 'Transactions of an account, newest first',
        params: idParams,
        querystring: transactionQuery,
        response: { 200: z.array(transactionSchema) },
      },
    },
    async (request) => listAccountTransactions(request.ctx, { accountId: request.params.id, ...request.query }),
  );
  app.post(
    '/api/accounts/:id/repayments',
    {
      schema: {
        tags,
        summary:
          'Payment system only (X-Api-Key of a payment-system credential; staff get 403 REPAYMENT_PAYMENT_SYSTEM_ONLY): ' +
          'post a repayment; it is allocated (interest and fees first within 90 days overdue). `reference` (the ' +
          "payment system's transfer reference) is required: the same reference is credited once, a repeat with the " +
          'same amount returns the first result, another amount gets 409 REPAYMENT_REFERENCE_CONFLICT',
        params: idParams,
        body: z.object({
          amountFen: fenSchema.positive(),
          reference: z.string().trim().min(1).max(64),
          channel: z.enum(['branch', 'app', 'online', 'transfer', 'autopay']).optional(),
        }),
        response: {
          200: z.object({
            transaction: transactionSchema,
            allocation: z.record(z.string(), z.number()),
            balanceFen: fenSchema,
            availableCreditFen: fenSchema,
            minimumDueUnpaidFen: fenSchema,
            replayed: z.boolean(),
          }),
        },
      },
    },
    async (request) => recordRepayment(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  app.post(
    '/api/accounts/:id/limit/temporary',
    {
      schema: {
        tags,
        summary: 'Temporary limit increase within a validity window',
        params: idParams,
        body: z.object({
          extraFen: fenSchema.positive(),
          validFrom: calendarDateSchema.optional(),
          validUntil: calendarDateSchema,
          reason: z.string().max(200).optional(),
        }),
        response: { 200: limitChangeSchema },
      },
    },
    async (request) => setTemporaryLimit(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  app.get(
    '/api/accounts/:id/limit/eligibility',
    {
      schema: {
        tags,
        summary: 'Whether and how far the limit may be raised today (permanent and temporary), before asking',
        params: idParams,
        response: { 200: limitEligibilitySchema },
      },
    },
    async (request) => limitEligibility(request.ctx, request.params.id),
  );
  app.post(
    '/api/accounts/:id/limit/permanent',
    {
      schema: {
        tags,
        summary: 'Permanent limit change (increase: eligibility rules; above a threshold, senior approval)',
        params: idParams,
        body: z.object({ newLimitFen: fenSchema.positive(), reason: z.string().max(200).optional() }),
        response: { 200: limitChangeSchema },
      },
    },
    async (request) => requestPermanentLimit(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  app.get(
    '/api/limit-changes/pending',
    {
      schema: {
        tags,
        summary: 'Permanent increases waiting for approval',
        response: { 200: z.array(limitChangeSchema) },
      },
    },
    async (request) => listPendingLimitChanges(request.ctx),
  );
  app.post(
    '/api/limit-changes/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject a pending increase',
        params: idParams,
        body: z.object({ approve: z.boolean(), note: z.string().max(200).optional() }),
        response: { 200: limitChangeSchema },
      },
    },
    async (request) => decideLimitChange(request.ctx, { changeId: request.params.id, ...request.body }),
  );
  app.get(
    '/api/accounts/:id/points',
    {
      schema: {
        tags,
        summary: 'Points balance, earning rule, redemptions and the reward catalogue',
        params: idParams,
        response: {
          200: z.object({
            accountId: z.string(),
            balance: z.number().int(),
            rule: z.object({
              points: z.number().int(),
              perYuan: z.number().int(),
              excludedCategories: z.array(z.string()),
              multipliers: z.record(z.string(), z.number()),
            }),
            redemptions: z.array(
              z.object({
                id: z.string(),
                itemCode: z.string(),
                quantity: z.number().int(),
                points: z.number().int(),
                createdAt: z.string(),
              }),
            ),
            catalogue: z.array(
              z.object({
                code: z.string(),
                nameZh: z.string(),
                nameEn: z.string(),
                points: z.number().int(),
                kind: z.string(),
                valueFen: fenSchema,
              }),
            ),
          }),
        },
      },
    },
    async (request) => getPoints(request.ctx, { accountId: request.params.id }),
  );
  app.post(
    '/api/accounts/:id/points',
    {
      schema: {
        tags,
        summary: 'Redeem points for a reward',
        params: idParams,
        body: z.object({ itemCode: z.string().min(1).max(40), quantity: z.number().int().min(1).max(100).default(1) }),
        response: {
          200: z.object({
            redemptionId: z.string(),
            pointsUsed: z.number().int(),
            balance: z.number().int(),
            transactionId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) =>
      redeemPoints(request.ctx, {
        accountId: request.params.id,
        itemCode: request.body.itemCode,
        quantity: request.body.quantity,
      }),
  );
};
