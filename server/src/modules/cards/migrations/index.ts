import type { Migration } from 'kysely';
import * as cards from './1001_cards.ts';
import * as customerMasks from './1002_customer_masks.ts';
import * as transactionsRecent from './1003_transactions_recent.ts';
import * as moneyRules from './1010_money_rules.ts';
import * as disputedAmounts from './1020_disputed_amounts.ts';

/** The cards module's migrations, named so they sort in the order they must run. */
export const cardsMigrations: Record<string, Migration> = {
  '1001_cards': cards,
  '1002_customer_masks': customerMasks,
  '1003_transactions_recent': transactionsRecent,
  '1010_money_rules': moneyRules,
  '1020_disputed_amounts': disputedAmounts,
};
