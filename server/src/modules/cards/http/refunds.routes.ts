import { creditRefundSchema, feeAdjustmentSchema } from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { decideAnnualFeeAdjustment, requestAnnualFeeAdjustment } from '../card-ops/annual-fee.service.ts';
import { refundCreditBalance } from '../ledger/credit-refund.service.ts';
import { payeeSchema } from '../ledger/payouts.ts';
import { idParams } from './schemas.ts';

const tags = ['accounts'];

/** Money given back: annual-fee waivers and refunds (four eyes above the product's amount), credit balances. */
export const refundRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/accounts/:id/annual-fee-adjustments',
    {
      schema: {
        tags,
        summary:
          'Waive or refund a charged annual fee: granted at once up to the product’s amount, above it waits for senior approval',
        params: idParams,
        body: z.object({ feeTransactionId: z.string().min(1).max(64), reason: z.string().trim().min(2).max(200) }),
        response: { 200: feeAdjustmentSchema },
      },
    },
    async (request) => requestAnnualFeeAdjustment(request.ctx, { accountId: request.params.id, ...request.body }),
  );
  app.post(
    '/api/annual-fee-adjustments/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or reject an annual-fee adjustment (a senior agent or supervisor other than the requester)',
        params: idParams,
        body: z.object({ approve: z.boolean(), reason: z.string().trim().max(200).optional() }),
        response: { 200: feeAdjustmentSchema },
      },
    },
    async (request) => decideAnnualFeeAdjustment(request.ctx, { id: request.params.id, ...request.body }),
  );
  app.post(
    '/api/accounts/:id/credit-balance/refund',
    {
      schema: {
        tags,
        summary: 'Pay the credit balance (溢缴款) back to the holder’s own settlement account',
        params: idParams,
        body: z.object({ payoutAccount: payeeSchema }),
        response: { 200: creditRefundSchema },
      },
    },
    async (request) => refundCreditBalance(request.ctx, { accountId: request.params.id, ...request.body }),
  );
};
