import { can } from '../../platform/auth/policy.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import type { ModuleDef } from '../module.ts';
import { CYCLE_JOB, cycleCli, cycleJob, scheduleNextNight } from './billing/cycle.service.ts';
import { calculatorRoutes } from './calculators/calculators.routes.ts';
import { cardRoutes } from './card-ops/cards.routes.ts';
import { catalogRoutes } from './catalog/catalog.routes.ts';
import { customerRoutes } from './customers/customers.routes.ts';
import { MASK_BACKFILL_JOB, maskBackfillJob, scheduleMaskBackfill } from './customers/mask-backfill.ts';
import { seedCardsDemo } from './demo/seed.ts';
import { installmentRoutes } from './installments/installments.routes.ts';
import { accountRoutes } from './ledger/accounts.routes.ts';
import { PAYEE_ENC } from './ledger/payouts.ts';
import { refundRoutes } from './ledger/refunds.routes.ts';
import { cardsMigrations } from './migrations/index.ts';

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
export { addProductVersion, termsOn } from './catalog/product.service.ts';
export {
  type CardSummary,
  type CustomerFactor,
  type CustomerSummary,
  checkCustomerFactor,
  findCustomerIdByPhone,
  getCustomerFlags,
  getCustomerSummary,
  getRegisteredPhone,
} from './customers/customer.service.ts';
export { getCustomer360 } from './customers/customer360.service.ts';
export { customerAgeOn, type HolderAccount, holderAccounts } from './customers/holder.service.ts';
export { type NewCustomer, registerCustomer, setCustomerFlags } from './customers/register.ts';
export { searchCustomers } from './customers/search.service.ts';
export { FIXED_CUSTOMERS, type FixedCustomer, fixedCustomer } from './demo/fixed-customers.ts';
export {
  accountDisputedFen,
  type CardFacts,
  cardBillingFacts,
  cardFacts,
  customerExists,
  type InstallmentConsentFacts,
  installmentConsents,
  latestStatementFacts,
  ledgerDisputes,
  limitChangeIds,
  listCustomerIds,
  type ProductRef,
  productRefs,
  productTermsStamp,
  statementDatesOf,
  type TransactionFacts,
  transactionFacts,
} from './facts.ts';
export { acceptInstallment, quoteInstallment } from './installments/installment.service.ts';
export { listStatements, postNetworkTransaction, recordRepayment } from './ledger/account.service.ts';
export {
  type DisputeOutcome,
  type DisputeView,
  decideDispute,
  disputeTransactions,
} from './ledger/dispute.service.ts';
export { checkAccountLedger } from './ledger/invariants.ts';
export { listTransactions, type Transaction } from './ledger/transactions.repository.ts';
export { type LimitEligibility, limitEligibility } from './limits/eligibility.service.ts';
export { CARD_STATUS_LABELS, type CardStatus } from './rules/card-status.ts';
export { interestFreeRange } from './rules/cycle-dates.ts';
export { scaleRate } from './rules/decimal.ts';

const routes: ModuleRoutes = async (app) => {
  await app.register(customerRoutes);
  await app.register(cardRoutes);
  await app.register(accountRoutes);
  await app.register(installmentRoutes);
  await app.register(calculatorRoutes);
  await app.register(refundRoutes);
  await app.register(catalogRoutes);
};

export const cardsModule: ModuleDef = {
  name: 'cards',
  migrations: cardsMigrations,
  routes,
  jobs: { [CYCLE_JOB]: cycleJob, [MASK_BACKFILL_JOB]: maskBackfillJob },
  // Live card and account events of a customer: only with access to that customer (a verified contact the
  // subscriber works, named in the subscription; a case of their department), re-checked on every event.
  topics: {
    cards: async (ctx, customerId) =>
      can(ctx.actor, 'customers.read') &&
      // A refusal throws (the socket treats it as "no"); the socket carries no override reason.
      (await ctx.access.require(ctx, { customerId, need: 'account.read' })) !== undefined,
    limits: async (ctx) => can(ctx.actor, 'limits.approve'),
  },
  cli: { cycle: cycleCli },
  encryptedColumns: [{ table: 'payouts', idColumn: 'id', column: 'payee_account_enc', context: PAYEE_ENC }],
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
