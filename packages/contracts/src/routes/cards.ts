import { z } from 'zod';
import {
  annualFeeWaiverSchema,
  applicationDecisionInputSchema,
  cardApplicationInputSchema,
  cardApplicationSchema,
  cardSchema,
  createProductInputSchema,
  creditRefundSchema,
  customer360Schema,
  customerSearchSchema,
  customerSummarySchema,
  feeAdjustmentInputSchema,
  feeAdjustmentSchema,
  installmentAcceptInputSchema,
  installmentCalcInputSchema,
  installmentCalcSchema,
  installmentOptionsQuerySchema,
  installmentOptionsSchema,
  installmentPlanSchema,
  installmentQuoteInputSchema,
  installmentQuoteSchema,
  interestFreePeriodInputSchema,
  interestFreePeriodSchema,
  limitChangeSchema,
  limitEligibilitySchema,
  minimumPaymentCalcSchema,
  minimumPaymentInputSchema,
  payeeSchema,
  permanentLimitInputSchema,
  pointsSchema,
  productVersionInputSchema,
  productVersionSchema,
  redemptionResultSchema,
  repaymentInputSchema,
  repaymentResultSchema,
  replacementResultSchema,
  revolvingInterestInputSchema,
  revolvingInterestSchema,
  statementSchema,
  temporaryLimitInputSchema,
  transactionQuerySchema,
  transactionSchema,
} from '../cards.ts';
import { fenSchema } from '../common.ts';
import { cardsEndpoints } from '../endpoints/cards.ts';
import { defineRoutes } from '../http/route.ts';
import { cardProductSchema } from '../product-terms.ts';

const idParams = z.object({ id: z.string().min(1).max(64) });
const reason = z.string().trim().min(1).max(200);

/**
 * The card engine: customers, cards, accounts, installments, calculators, refunds, the product catalogue and
 * card applications. Customer data needs the contact's verification or a supervisor's reason (`X-Contact-Id`,
 * `X-Access-Reason`), decided by the server.
 */
export const cardsRoutes = defineRoutes(
  cardsEndpoints,
  { tags: ['cards'] },
  {
    // A POST, not `GET ?q=`: the query is a mobile, ID or card number, and URLs end up in logs and histories.
    searchCustomers: {
      tags: ['customers'],
      summary: 'Find a customer by mobile, ID number, card number, last four digits or name (masked results)',
      body: z.object({ q: z.string().min(1).max(40) }),
      response: { 200: customerSearchSchema },
    },
    customer360: {
      tags: ['customers'],
      summary: 'Customer 360 view',
      params: idParams,
      response: { 200: customer360Schema },
    },
    customerSummary: {
      tags: ['customers'],
      summary: 'Masked customer summary inside a contact with the customer (screen pop; cards without digits)',
      params: idParams,
      response: { 200: customerSummarySchema },
    },
    customerStatements: {
      tags: ['customers'],
      summary: 'Statements of all the customer’s accounts, newest first',
      params: idParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(60).optional() }),
      response: { 200: z.array(statementSchema) },
    },
    customerTransactions: {
      tags: ['customers'],
      summary: 'Transactions of all the customer’s accounts',
      params: idParams,
      query: transactionQuerySchema,
      response: { 200: z.array(transactionSchema) },
    },

    freeze: {
      summary: 'Temporary freeze (takes effect at once; idempotent)',
      params: idParams,
      body: z.object({ reason: reason.optional() }).optional(),
      response: { 200: cardSchema },
    },
    unfreeze: { summary: 'Lift a temporary freeze', params: idParams, response: { 200: cardSchema } },
    reportLost: {
      summary: 'Loss report: the card is blocked at once and a replacement ordered',
      params: idParams,
      body: z.object({ kind: z.enum(['lost', 'stolen']).default('lost'), note: reason.optional() }).optional(),
      response: { 200: replacementResultSchema },
    },
    activate: { summary: 'Activate a new or replacement card', params: idParams, response: { 200: cardSchema } },
    replace: {
      summary: 'Order a replacement card (damaged, expiring, after loss, new design)',
      params: idParams,
      body: z.object({ reason: z.enum(['damaged', 'expiring', 'after_loss', 'new_design']) }),
      response: { 200: replacementResultSchema },
    },
    cancel: {
      summary: 'Cancel a card (the primary card closes the account; only with nothing owed)',
      params: idParams,
      body: z.object({ reason: reason.optional() }).optional(),
      response: { 200: cardSchema },
    },
    annualFeeWaiver: {
      summary: 'Annual fee and how far the customer is from its waiver',
      params: idParams,
      response: { 200: annualFeeWaiverSchema },
    },

    accountTransactions: {
      tags: ['accounts'],
      summary: 'Transactions of an account, newest first',
      params: idParams,
      query: transactionQuerySchema,
      response: { 200: z.array(transactionSchema) },
    },
    repay: {
      tags: ['accounts'],
      summary:
        'Payment system only (X-Api-Key of a payment-system credential; staff get 403 REPAYMENT_PAYMENT_SYSTEM_ONLY): ' +
        'post a repayment; it is allocated (interest and fees first within 90 days overdue). `reference` (the ' +
        "payment system's transfer reference) is required: the same reference is credited once, a repeat with the " +
        'same amount returns the first result, another amount gets 409 REPAYMENT_REFERENCE_CONFLICT',
      params: idParams,
      body: repaymentInputSchema,
      response: { 200: repaymentResultSchema },
    },
    temporaryLimit: {
      tags: ['accounts'],
      summary: 'Temporary limit increase within a validity window',
      params: idParams,
      body: temporaryLimitInputSchema,
      response: { 200: limitChangeSchema },
    },
    limitEligibility: {
      tags: ['accounts'],
      summary: 'Whether and how far the limit may be raised today (permanent and temporary), before asking',
      params: idParams,
      response: { 200: limitEligibilitySchema },
    },
    permanentLimit: {
      tags: ['accounts'],
      summary: 'Permanent limit change (increase: eligibility rules; above a threshold, senior approval)',
      params: idParams,
      body: permanentLimitInputSchema,
      response: { 200: limitChangeSchema },
    },
    pendingLimitChanges: {
      tags: ['accounts'],
      summary: 'Permanent increases waiting for approval',
      response: { 200: z.array(limitChangeSchema) },
    },
    decideLimitChange: {
      tags: ['accounts'],
      summary: 'Approve or reject a pending increase',
      params: idParams,
      body: z.object({ approve: z.boolean(), note: z.string().max(200).optional() }),
      response: { 200: limitChangeSchema },
    },
    points: {
      tags: ['accounts'],
      summary: 'Points balance, earning rule, redemptions and the reward catalogue',
      params: idParams,
      response: { 200: pointsSchema },
    },
    redeemPoints: {
      tags: ['accounts'],
      summary: 'Redeem points for a reward',
      params: idParams,
      body: z.object({ itemCode: z.string().min(1).max(40), quantity: z.number().int().min(1).max(100).default(1) }),
      response: { 200: redemptionResultSchema },
    },

    installmentOptions: {
      tags: ['installments'],
      summary:
        'Before a quote: the periods the product offers for the kind and the principal that may be split (range, the whole statement or purchase)',
      params: idParams,
      query: installmentOptionsQuerySchema,
      response: { 200: installmentOptionsSchema },
    },
    quoteInstallment: {
      tags: ['installments'],
      summary: 'Quote an installment plan: per-period payment, total fee, APR (IRR) and EAR',
      body: installmentQuoteInputSchema,
      response: { 200: installmentQuoteSchema },
    },
    acceptInstallment: {
      tags: ['installments'],
      summary:
        'Accept a quote the customer said yes to (named by its hash): creates the plan on exactly its terms and keeps the consent with it; a cash installment names the holder’s own settlement account',
      body: installmentAcceptInputSchema,
      response: { 200: installmentPlanSchema },
    },
    prepayInstallment: {
      tags: ['installments'],
      summary: 'Pay off a plan early',
      params: idParams,
      response: { 200: installmentPlanSchema.extend({ billedNowFen: fenSchema }) },
    },

    minimumPayment: {
      tags: ['calculators'],
      summary:
        'Minimum payment: share of purchase and cash principal within the limit, 100% of the part over it, of fees, interest, installments due and the earlier unpaid minimum',
      body: minimumPaymentInputSchema,
      response: { 200: minimumPaymentCalcSchema },
    },
    interestFreePeriod: {
      tags: ['calculators'],
      summary: 'Interest-free period of a purchase: its statement date, due date and the days in between',
      body: interestFreePeriodInputSchema,
      response: { 200: interestFreePeriodSchema },
    },
    installmentCalc: {
      tags: ['calculators'],
      summary: 'Installment cost: schedule, total fee, APR by IRR and effective annual rate',
      body: installmentCalcInputSchema,
      response: { 200: installmentCalcSchema },
    },
    revolvingInterest: {
      tags: ['calculators'],
      summary: 'Revolving interest on a balance history: Σ balance × days × daily rate',
      body: revolvingInterestInputSchema,
      response: { 200: revolvingInterestSchema },
    },

    requestFeeAdjustment: {
      tags: ['accounts'],
      summary:
        'Waive or refund a charged annual fee: granted at once up to the product’s amount, above it waits for senior approval',
      params: idParams,
      body: feeAdjustmentInputSchema,
      response: { 200: feeAdjustmentSchema },
    },
    decideFeeAdjustment: {
      tags: ['accounts'],
      summary: 'Approve or reject an annual-fee adjustment (a senior agent or supervisor other than the requester)',
      params: idParams,
      body: z.object({ approve: z.boolean(), reason: z.string().trim().max(200).optional() }),
      response: { 200: feeAdjustmentSchema },
    },
    refundCreditBalance: {
      tags: ['accounts'],
      summary: 'Pay the credit balance (溢缴款) back to the holder’s own settlement account',
      params: idParams,
      body: z.object({ payoutAccount: payeeSchema }),
      response: { 200: creditRefundSchema },
    },

    listProducts: {
      tags: ['products'],
      summary: 'Card products with the terms in force and scheduled versions',
      response: { 200: z.array(cardProductSchema) },
    },
    createProduct: {
      tags: ['products'],
      summary: 'Create a product (admin)',
      body: createProductInputSchema,
      response: { 201: z.object({ id: z.string() }) },
    },
    addProductVersion: {
      tags: ['products'],
      summary: 'Schedule a new version of a product’s terms (admin)',
      params: idParams,
      body: productVersionInputSchema,
      response: { 201: productVersionSchema },
    },
    submitApplication: {
      tags: ['applications'],
      summary: 'Card application intake',
      body: cardApplicationInputSchema,
      response: { 201: cardApplicationSchema },
    },
    // A POST with the mobile in the body: personal data stays out of URLs (and so out of logs).
    searchApplications: {
      tags: ['applications'],
      summary: 'Applications by the applicant’s mobile number',
      body: z.object({ phone: z.string().min(11).max(20) }),
      response: { 200: z.array(cardApplicationSchema) },
    },
    application: {
      tags: ['applications'],
      summary: 'Application status',
      params: idParams,
      response: { 200: cardApplicationSchema },
    },
    decideApplication: {
      tags: ['applications'],
      summary: 'Approve (issues account and card) or reject an application',
      params: idParams,
      body: applicationDecisionInputSchema,
      response: { 200: cardApplicationSchema },
    },
  },
);
