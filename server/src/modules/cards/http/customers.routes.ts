import {
  customer360Schema,
  customerSearchSchema,
  customerSummarySchema,
  statementSchema,
  transactionSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { readCustomerSummary } from '../customers/customer.service.ts';
import { getCustomer360 } from '../customers/customer360.service.ts';
import { searchCustomers } from '../customers/search.service.ts';
import { listStatements } from '../ledger/account.service.ts';
import { listTransactions } from '../ledger/transactions.query.ts';
import { idParams, transactionQuery } from './schemas.ts';

const tags = ['customers'];

/** Customer look-up, the 360 view, statements and transactions of a customer. */
export const customerRoutes: ModuleRoutes = async (app) => {
  // A POST, not `GET ?q=`: the query is a mobile, ID or card number, and URLs end up in logs and histories.
  app.post(
    '/api/customers/search',
    {
      schema: {
        tags,
        summary: 'Find a customer by mobile, ID number, card number, last four digits or name (masked results)',
        body: z.object({ q: z.string().min(1).max(40) }),
        response: { 200: customerSearchSchema },
      },
    },
    async (request) => searchCustomers(request.ctx, request.body.q),
  );

  app.get(
    '/api/customers/:id',
    { schema: { tags, summary: 'Customer 360 view', params: idParams, response: { 200: customer360Schema } } },
    async (request) => getCustomer360(request.ctx, request.params.id),
  );

  app.get(
    '/api/customers/:id/summary',
    {
      schema: {
        tags,
        summary: 'Masked customer summary inside a contact with the customer (screen pop; cards without digits)',
        params: idParams,
        response: { 200: customerSummarySchema },
      },
    },
    async (request) => readCustomerSummary(request.ctx, request.params.id),
  );

  app.get(
    '/api/customers/:id/statements',
    {
      schema: {
        tags,
        summary: 'Statements of all the customer’s accounts, newest first',
        params: idParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(60).optional() }),
        response: { 200: z.array(statementSchema) },
      },
    },
    async (request) => listStatements(request.ctx, { customerId: request.params.id, limit: request.query.limit }),
  );

  app.get(
    '/api/customers/:id/transactions',
    {
      schema: {
        tags,
        summary: 'Transactions of all the customer’s accounts',
        params: idParams,
        querystring: transactionQuery,
        response: { 200: z.array(transactionSchema) },
      },
    },
    async (request) => listTransactions(request.ctx, { customerId: request.params.id, ...request.query }),
  );
};
