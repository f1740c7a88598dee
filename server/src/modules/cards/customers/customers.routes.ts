import { cardsRoutes as api } from '@carddesk/contracts';
import { handle } from '../../../platform/http/route.ts';
import type { ModuleRoutes } from '../../../platform/http/types.ts';
import { listStatements } from '../ledger/account.service.ts';
import { listTransactions } from '../ledger/transactions.repository.ts';
import { readCustomerSummary } from './customer.service.ts';
import { getCustomer360 } from './customer360.service.ts';
import { searchCustomers } from './search.service.ts';

/** Customer look-up, the 360 view, statements and transactions of a customer. */
export const customerRoutes: ModuleRoutes = async (app) => {
  handle(app, api.searchCustomers, async (request) => searchCustomers(request.ctx, request.body.q));
  handle(app, api.customer360, async (request) => getCustomer360(request.ctx, request.params.id));
  handle(app, api.customerSummary, async (request) => readCustomerSummary(request.ctx, request.params.id));
  handle(app, api.customerStatements, async (request) =>
    listStatements(request.ctx, { customerId: request.params.id, limit: request.query.limit }),
  );
  handle(app, api.customerTransactions, async (request) =>
    listTransactions(request.ctx, { customerId: request.params.id, ...request.query }),
  );
};
