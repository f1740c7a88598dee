import type { ModuleDef } from '../module.ts';
import { seedCardsDemo } from './demo/seed.ts';

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
/**
 * The card servicing engine (issue 3): products, customers, accounts, cards, ledger, statements and every
 * card operation. Other modules import only from this file.
 */
export type { ProductTerms } from './catalog/terms.ts';
export {
  type CardSummary,
  type CustomerFactor,
  type CustomerSummary,
  checkCustomerFactor,
  findCustomerIdByPhone,
  getCustomerSummary,
  getRegisteredPhone,
} from './customers/customer.service.ts';
export { listTransactions, type Transaction } from './ledger/transactions.query.ts';
export { CARD_STATUS_LABELS, type CardStatus } from './rules/card-status.ts';

export const cardsModule: ModuleDef = {
  name: 'cards',
  seedDemo: async (ctx, options) => {
    await seedCardsDemo(ctx, options);
  },
};
