import { can } from '../../platform/auth/policy.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import type { ModuleDef } from '../module.ts';
import { CYCLE_JOB, cycleCli, cycleJob, scheduleNextNight } from './billing/cycle.service.ts';
import { MASK_BACKFILL_JOB, maskBackfillJob, scheduleMaskBackfill } from './customers/mask-backfill.ts';
import { seedCardsDemo } from './demo/seed.ts';
import { accountRoutes } from './http/accounts.routes.ts';
import { cardRoutes } from './http/cards.routes.ts';
import { catalogRoutes } from './http/catalog.routes.ts';
import { customerRoutes } from './http/customers.routes.ts';
import { installmentRoutes } from './http/installments.routes.ts';

/**
 * The card servicing engine (issue 3): products, customers, accounts, cards, ledger, statements and every
 * card operation. Other modules import only from this file.
 */
export type { ProductTerms } from '@carddesk/contracts';
export { runCycle } from './billing/cycle.service.ts';
export { cancelCard } from './card-ops/cancel.service.ts';
export {
  activateCard,
  type Card,
  freezeCard,
  orderReplacement,
  type ReplacementReason,
  reportCardLost,
  unfreezeCard,
} from './card-ops/card.service.ts';
export { termsOn } from './catalog/product.service.ts';
export {
  type CardSummary,
  type CustomerFactor,
  type CustomerSummary,
  checkCustomerFactor,
  findCustomerIdByPhone,
  getCustomerSummary,
  getRegisteredPhone,
} from './customers/customer.service.ts';
export { getCustomer360 } from './customers/customer360.service.ts';
export { searchCustomers } from './customers/search.service.ts';
export { FIXED_CUSTOMERS } from './demo/fixed-customers.ts';
export { listStatements, postNetworkTransaction, recordRepayment } from './ledger/account.service.ts';
export { type DisputeOutcome, decideDispute, disputeTransactions } from './ledger/dispute.service.ts';
export { listTransactions, type Transaction } from './ledger/transactions.query.ts';
export { CARD_STATUS_LABELS, type CardStatus } from './rules/card-status.ts';

const routes: ModuleRoutes = async (app) => {
  await app.register(customerRoutes);
  await app.register(cardRoutes);
  await app.register(accountRoutes);
  await app.register(installmentRoutes);
  await app.register(catalogRoutes);
};

export const cardsModule: ModuleDef = {
  name: 'cards',
  routes,
  jobs: { [CYCLE_JOB]: cycleJob, [MASK_BACKFILL_JOB]: maskBackfillJob },
  // Live card and account events of a customer: staff who may read customer data may listen.
  topics: {
    cards: async (ctx) => can(ctx.actor, 'customers.read'),
    limits: async (ctx) => can(ctx.actor, 'limits.approve'),
  },
  cli: { cycle: cycleCli },
  seedDemo: async (ctx, options) => {
    await seedCardsDemo(ctx, options);
  },
  init: async (deps) => {
    // The nightly billing run; dedupe keeps one per day however often the server starts.
    await scheduleNextNight(deps.db, deps.clock.now());
    // Customers written before masked forms were stored get them in the background.
    await scheduleMaskBackfill(deps);
  },
};
