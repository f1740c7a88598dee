import type { TransactionKind } from '@carddesk/contracts';

/**
 * Tables of the card servicing engine. Money is bigint fen (read back as number), dates are
 * 'YYYY-MM-DD' in Asia/Shanghai, instants ISO UTC text, booleans 0/1, JSON as text, rates decimal strings.
 * Personal data lives only in `*_enc` columns (AES-256-GCM via the keyring) with `*_bidx` blind indexes
 * for exact look-up; nothing here ever stores CVV2, PIN or track data.
 */
export interface ProductsTable {
  id: string;
  code: string;
  name_zh: string;
  name_en: string;
  /** standard | gold | platinum | co_brand | … (display and reporting only; rules live in the terms). */
  tier: string;
  /** Demo BIN (first six digits) the product's card numbers are issued on. */
  bin: string;
  active: number;
  created_at: string;
  updated_at: string;
}

/** Admin-edited terms, versioned: the version in force on a date is the latest with effective_from ≤ date. */
export interface ProductVersionsTable {
  id: string;
  product_id: string;
  version: number;
  effective_from: string;
  /** JSON of `ProductTerms` (see catalog/terms.ts), validated on write and on read. */
  terms: string;
  created_at: string;
  created_by: string | null;
}

export interface CustomersTable {
  id: string;
  name_enc: string;
  name_bidx: string;
  id_number_enc: string;
  id_number_bidx: string;
  phone_enc: string;
  phone_bidx: string;
  /** 'M' | 'F' (from the ID number), for the agent's salutation 先生/女士. */
  gender: string;
  address_enc: string;
  email_enc: string | null;
  /** Masked forms for display (see customers/pii-fields.ts `customerMasks`); null until backfilled. */
  name_masked: string | null;
  phone_masked: string | null;
  id_number_masked: string | null;
  address_masked: string | null;
  /** JSON `{ vip, vulnerable, … }`. */
  flags: string;
  /** JSON `{ language, channel, statementDelivery, quietHours, … }`. */
  preferences: string;
  created_at: string;
  updated_at: string;
}

/**
 * A credit account. The bucket columns are a cache of the ledger (every debit posted minus every credit
 * allocated to that bucket); `ledger/invariants.ts` checks them against the postings.
 */
export interface AccountsTable {
  id: string;
  customer_id: string;
  product_id: string;
  currency: string;
  /** active | closed */
  status: string;
  credit_limit_fen: number;
  /** Extra limit of a temporary increase, valid from temp_limit_from to temp_limit_until inclusive. */
  temp_limit_fen: number;
  temp_limit_from: string | null;
  temp_limit_until: string | null;
  cash_limit_fen: number;
  statement_day: number;
  opened_on: string;
  activated_on: string | null;
  last_limit_increase_on: string | null;
  /** Σ postings: positive = owed by the customer. */
  balance_fen: number;
  bucket_interest_fen: number;
  bucket_fees_fen: number;
  bucket_cash_fen: number;
  /** Billed principal of statements not paid in full: bears interest every day until repaid. */
  bucket_revolving_fen: number;
  /** Principal billed on the latest statement, still inside its interest-free period. */
  bucket_billed_fen: number;
  /** Principal posted since the last statement. */
  bucket_unbilled_fen: number;
  /** Credits not yet allocated to anything owed (溢缴款). */
  overpayment_fen: number;
  /** Principal of installment plans not yet billed: it still occupies the limit. */
  unbilled_installment_fen: number;
  /** 1 while available credit is negative (interest and fees may take an account over its limit). */
  over_limit: number;
  /** Due date of the oldest minimum payment still unpaid; null when not overdue. */
  overdue_since: string | null;
  /** Unpaid part of the minimum payment(s) due. */
  min_due_unpaid_fen: number;
  /** Interest accrual: fen-days not yet turned into interest, and the date they are accumulated up to. */
  accrual_from: string;
  accrued_revolving_fen_days: number;
  accrued_billed_fen_days: number;
  accrued_unbilled_fen_days: number;
  /** Penalty fen-days of the grace check waiting for the next statement (full-balance retro-interest). */
  pending_interest_fen_days: number;
  /** Amounts under a fraud dispute: out of every bucket (no interest, no minimum) until decided. */
  disputed_fen: number;
  /** The part of them taken off the last statement after it closed (it no longer counts as owed on it). */
  disputed_since_close_fen: number;
  /** Fen-days of disputed billed principal, taken off the retro-interest of the next grace check. */
  disputed_fen_days: number;
  /** Purchases and spend in the current card year, for the annual-fee waiver. */
  card_year_purchases: number;
  card_year_spend_fen: number;
  points_balance: number;
  next_statement_date: string;
  next_grace_check: string | null;
  next_annual_fee_date: string | null;
  last_statement_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CardsTable {
  id: string;
  /** The holder: the account's customer for a primary card, possibly another customer for a supplementary one. */
  customer_id: string;
  account_id: string;
  product_id: string;
  pan_enc: string;
  pan_bidx: string;
  /** PCI DSS 3.4.1 allows BIN + last four to be shown; they are stored in clear for look-up and display. */
  bin: string;
  last4: string;
  is_primary: number;
  /** pending_activation | active | frozen | lost | stolen | replaced | closed */
  status: string;
  status_reason: string | null;
  status_changed_at: string;
  /** 'YYYY-MM' */
  expiry_month: string;
  issued_on: string;
  activated_on: string | null;
  replaces_card_id: string | null;
  replaced_by_card_id: string | null;
  /** ordered | produced | shipped | delivered */
  delivery_status: string;
  delivery_updated_at: string;
  created_at: string;
  updated_at: string;
}

/** A transaction under a fraud dispute and where its amount was taken from (JSON allocation by bucket). */
export interface LedgerDisputesTable {
  transaction_id: string;
  account_id: string;
  amount_fen: number;
  taken: string;
  /** pending | returned (the bank won) | written_off (the customer won) */
  status: string;
  disputed_on: string;
  decided_on: string | null;
  decided_by: string | null;
  created_at: string;
}

export interface TransactionsTable {
  id: string;
  account_id: string;
  card_id: string | null;
  /** The contract's `TRANSACTION_KINDS`. */
  kind: TransactionKind;
  /** Signed fen: positive increases what the customer owes. */
  amount_fen: number;
  txn_date: string;
  posting_date: string;
  merchant: string | null;
  /** Merchant category (dining, travel, …) and ISO 18245 MCC. */
  category: string | null;
  mcc: string | null;
  city: string | null;
  /** pos | online | atm | app | branch | system */
  channel: string;
  description: string;
  /** For credits: JSON of the allocation to buckets, e.g. `{"interest":500,"cash":1000}`. */
  allocation: string | null;
  statement_id: string | null;
  installment_plan_id: string | null;
  related_txn_id: string | null;
  points: number;
  /** 1 for transactions the fraud rules flag for the agent's attention. */
  suspicious: number;
  /** External reference, unique per account: a retried repayment with the same reference posts once. */
  reference: string | null;
  created_at: string;
}

export interface StatementsTable {
  id: string;
  account_id: string;
  statement_date: string;
  period_start: string;
  due_date: string;
  /** Last day a payment still counts as on time (容时). */
  grace_until: string;
  previous_balance_fen: number;
  purchases_fen: number;
  cash_fen: number;
  fees_fen: number;
  interest_fen: number;
  installments_fen: number;
  credits_fen: number;
  new_balance_fen: number;
  minimum_payment_fen: number;
  /** Credits received since the statement date (counted towards this statement). */
  paid_fen: number;
  /** open | paid_in_full | minimum_paid | overdue | nothing_due */
  status: string;
  /** Pre-statement fen-days of the purchases billed here (for interest if this statement is not paid in full). */
  billed_fen_days: number;
  billed_purchases_fen: number;
  points_earned: number;
  created_at: string;
}

export interface InstallmentQuotesTable {
  id: string;
  account_id: string;
  customer_id: string;
  /** bill | transaction | cash */
  kind: string;
  source_id: string | null;
  principal_fen: number;
  periods: number;
  fee_rate_per_period: string;
  /** JSON: the disclosed schedule, APR, EAR and totals exactly as shown to the customer. */
  disclosure: string;
  /** SHA-256 of what the customer is shown (notice and figures); acceptance must name it. Null on old rows. */
  quote_hash: string | null;
  expires_at: string;
  plan_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface InstallmentPlansTable {
  id: string;
  account_id: string;
  customer_id: string;
  quote_id: string;
  kind: string;
  source_id: string | null;
  principal_fen: number;
  periods: number;
  fee_rate_per_period: string;
  apr_percent: string;
  ear_percent: string;
  periods_billed: number;
  principal_billed_fen: number;
  fees_billed_fen: number;
  /** active | completed | prepaid */
  status: string;
  created_at: string;
  closed_at: string | null;
}

export interface LimitChangesTable {
  id: string;
  account_id: string;
  customer_id: string;
  /** temporary | permanent | decrease */
  kind: string;
  old_limit_fen: number;
  new_limit_fen: number;
  valid_from: string | null;
  valid_until: string | null;
  /** applied | pending_approval | rejected */
  status: string;
  reason: string | null;
  requested_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface RewardItemsTable {
  code: string;
  name_zh: string;
  name_en: string;
  points: number;
  /** statement_credit (value_fen credited to the account) | goods */
  kind: string;
  value_fen: number;
  active: number;
}

export interface PointsRedemptionsTable {
  id: string;
  account_id: string;
  customer_id: string;
  item_code: string;
  quantity: number;
  points: number;
  transaction_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CardApplicationsTable {
  id: string;
  customer_id: string | null;
  product_id: string;
  name_enc: string;
  id_number_enc: string;
  id_number_bidx: string;
  phone_enc: string;
  phone_bidx: string;
  address_enc: string;
  annual_income_fen: number;
  requested_limit_fen: number;
  /** submitted | approved | rejected | card_issued */
  status: string;
  decision_reason: string | null;
  granted_limit_fen: number | null;
  card_id: string | null;
  channel: string;
  created_by: string | null;
  decided_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The quote a customer agreed to, as shown, with who recorded the yes (one per plan). */
export interface InstallmentConsentsTable {
  id: string;
  quote_id: string;
  plan_id: string;
  account_id: string;
  customer_id: string;
  contact_id: string | null;
  agent_id: string | null;
  quote_hash: string;
  /** JSON: the notice as read to the customer (APR first) and the disclosure figures. */
  quote_shown: string;
  customer_answer: string;
  created_at: string;
}

/** Money sent out of a card account, only to the holder's own settlement account (number encrypted). */
export interface PayoutsTable {
  id: string;
  account_id: string;
  customer_id: string;
  /** cash_installment | credit_refund */
  kind: string;
  amount_fen: number;
  payee_account_enc: string;
  payee_account_masked: string;
  installment_plan_id: string | null;
  transaction_id: string | null;
  created_by: string | null;
  created_at: string;
}

/** A message to one holder (e.g. a price rise recorded ≥ 45 days before it takes effect). */
export interface HolderNoticesTable {
  id: string;
  customer_id: string;
  account_id: string;
  product_id: string;
  kind: string;
  product_version: number;
  effective_from: string;
  title: string;
  body: string;
  created_at: string;
}

/** An annual-fee waiver or refund; above the product's amount it waits for a second person's approval. */
export interface AnnualFeeAdjustmentsTable {
  id: string;
  account_id: string;
  customer_id: string;
  fee_transaction_id: string;
  amount_fen: number;
  /** pending_approval | applied | rejected */
  status: string;
  reason: string;
  contact_id: string | null;
  requested_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  transaction_id: string | null;
  created_at: string;
}

export interface CardsTables {
  products: ProductsTable;
  product_versions: ProductVersionsTable;
  customers: CustomersTable;
  accounts: AccountsTable;
  cards: CardsTable;
  transactions: TransactionsTable;
  ledger_disputes: LedgerDisputesTable;
  statements: StatementsTable;
  installment_quotes: InstallmentQuotesTable;
  installment_plans: InstallmentPlansTable;
  limit_changes: LimitChangesTable;
  reward_items: RewardItemsTable;
  points_redemptions: PointsRedemptionsTable;
  card_applications: CardApplicationsTable;
  installment_consents: InstallmentConsentsTable;
  payouts: PayoutsTable;
  holder_notices: HolderNoticesTable;
  annual_fee_adjustments: AnnualFeeAdjustmentsTable;
}

declare module '../../platform/db/database.ts' {
  /** The cards module's tables join the one `Database` every query is typed by. */
  interface Database extends CardsTables {}
}
