/** Tables of the chat assistant (bot module). Storage conventions are the platform's. */
export interface BotConversationsTable {
  /** The chat contact the assistant serves (one conversation per contact). */
  contact_id: string;
  customer_id: string;
  /** bot (answering) | handed_over | ended */
  state: string;
  /** JSON: what the assistant waits for (a confirmation, a choice of two FAQs, an offer of a person), or null. */
  pending: string | null;
  /** Answers the customer rejected in a row of this chat. */
  rejections: number;
  /** JSON: intents and slots found, answers given, operations run (the hand-over summary's material). */
  memory: string;
  created_at: string;
  updated_at: string;
}

/** A customer's report that an answer of the assistant was wrong (the thumbs-down on a bot turn): once per answer. */
export interface BotAnswerReportsTable {
  contact_id: string;
  /** The reported bot turn's sequence number in the contact's transcript. */
  seq: number;
  customer_id: string;
  /** JSON: the turn's source (`{kind, id, title}`), the FAQ or operation reported. */
  source: string;
  reported_at: string;
}

export interface BotTables {
  bot_conversations: BotConversationsTable;
  bot_answer_reports: BotAnswerReportsTable;
}

declare module '../../platform/db/database.ts' {
  /** The bot module's tables join the one `Database` every query is typed by. */
  interface Database extends BotTables {}
}
