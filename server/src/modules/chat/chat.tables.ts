/** Customer chat sessions: the token is kept only as a hash; short-lived and separate from staff sessions. */
export interface ChatSessionsTable {
  token_hash: string;
  contact_id: string;
  customer_id: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
}

export interface ChatTables {
  chat_sessions: ChatSessionsTable;
}

declare module '../../platform/db/database.ts' {
  /** The chat module's tables join the one `Database` every query is typed by. */
  interface Database extends ChatTables {}
}
