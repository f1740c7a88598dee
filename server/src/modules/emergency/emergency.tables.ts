/** Tables of the emergency lane: loss/theft/fraud reports, disputed transactions and their rule settings. */
export interface EmergencyReportsTable {
  id: string;
  customer_id: string;
  card_id: string;
  contact_id: string | null;
  /** lost | stolen | fraud */
  kind: string;
  /**
   * What the card's block is now: frozen (临时挂失, the temporary block any caller gets at once) or
   * reported_lost (the formal loss report after verification: blocked for good, replacement ordered).
   */
  action: string;
  /** The instant of the loss report: the lost-card protection window is counted back from it. */
  reported_at: string;
  /** When the temporary block became the formal loss report (null while it is still temporary). */
  formal_reported_at: string | null;
  protection_hours: number;
  replacement_card_id: string | null;
  case_id: string | null;
  checklist_message_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A transaction the customer marked as not theirs, as part of a fraud case. One case per transaction. */
export interface FraudCaseTransactionsTable {
  transaction_id: string;
  case_id: string;
  report_id: string | null;
  card_id: string;
  amount_fen: number;
  currency: string;
  merchant: string;
  transacted_at: string;
  posted_date: string | null;
  statement_date: string | null;
  network: string;
  /** Inside the lost-card protection window (covered by 失卡保障). */
  protected: number;
  chargeback_deadline: string | null;
  created_at: string;
}

/** Chargeback time limits per card network, a bank setting (defaults from card-rules.md §4). */
export interface ChargebackRulesTable {
  network: string;
  name_zh: string;
  /** processing: counted from the processing (posting) date; statement: from the statement date. */
  basis: string;
  days: number;
  /** Days of the limit taken by the retrieval request (UnionPay: 30 of the 150). */
  retrieval_days: number;
  updated_at: string;
  updated_by: string | null;
}

/** Lost-card protection (失卡保障) per product; product_code '*' is the default. */
export interface LostCardProtectionTable {
  product_code: string;
  hours: number;
  max_cover_fen: number | null;
  updated_at: string;
  updated_by: string | null;
}

export interface EmergencyTables {
  emergency_reports: EmergencyReportsTable;
  fraud_case_transactions: FraudCaseTransactionsTable;
  chargeback_rules: ChargebackRulesTable;
  lost_card_protection: LostCardProtectionTable;
}

declare module '../../platform/db/database.ts' {
  /** The emergency module's tables join the one `Database` every query is typed by. */
  interface Database extends EmergencyTables {}
}
