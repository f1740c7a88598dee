import type { Generated } from 'kysely';

/**
 * Tables of the knowledge base. An article is a stable id and kind; its content lives in numbered
 * versions that move draft → in_review → published (or scheduled, when it takes effect later). The
 * version an article currently serves is `current_version_id`; only that one is in the search index.
 */
export interface KbArticlesTable {
  id: string;
  kind: string;
  /** 'active' | 'retired' */
  status: string;
  current_version_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface KbVersionsTable {
  id: string;
  article_id: string;
  version_no: number;
  /** draft | in_review | scheduled | published | superseded | expired | withdrawn */
  status: string;
  title: string;
  /** Markdown; may hold live product parameters `{{product:code.path|format}}`. */
  body: string;
  /** JSON array of question phrasings (FAQs). */
  questions: string;
  /** JSON arrays of tag words and product codes. */
  tags: string;
  products: string;
  /** The intent code (../shared/domain/intents.md) an FAQ answers, for intent agreement when matching. */
  intent: string | null;
  /** 'public' (customers may read it in self-service) | 'internal' (staff only). */
  audience: string;
  /** Where the content comes from (regulation, document number, URL); shown with the answer. */
  source: string | null;
  effective_from: string | null;
  effective_to: string | null;
  author_id: string | null;
  author_name: string;
  reviewer_id: string | null;
  reviewer_name: string | null;
  review_comment: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  published_at: string | null;
}

/** One row per served article: the text the search engine indexes (jieba-segmented, space-separated). */
export interface KbIndexTable {
  doc_id: Generated<number>;
  article_id: string;
  version_id: string;
  kind: string;
  audience: string;
  /** Space-delimited with a leading and trailing space, so `like '% gold %'` filters exactly. */
  tags: string;
  products: string;
  seg_title: string;
  seg_questions: string;
  seg_body: string;
  /** Pinyin initials of the title's and questions' words (挂失 → gs), for agents' quick look-up. */
  initials: string;
  updated_at: string;
}

/** How customers talk → the words the knowledge uses (卡丢了 → 挂失). Applied to queries and FAQ phrasings. */
export interface KbSynonymsTable {
  id: string;
  phrase: string;
  canonical: string;
  created_at: string;
  created_by: string | null;
}

/**
 * An FAQ suggestion shown to an agent and what the agent did: 'shown' (nothing yet), 'used' (the agent
 * used it), 'chose_other' (the agent used another FAQ, `chosen_faq_id`), 'searched' (searched the
 * knowledge base instead). The question is stored with personal data masked.
 */
export interface KbSuggestionsTable {
  id: string;
  question: string;
  faq_id: string;
  outcome: string;
  chosen_faq_id: string | null;
  agent_id: string;
  created_at: string;
  decided_at: string | null;
}

export interface KnowledgeTables {
  kb_articles: KbArticlesTable;
  kb_versions: KbVersionsTable;
  kb_index: KbIndexTable;
  kb_synonyms: KbSynonymsTable;
  kb_suggestions: KbSuggestionsTable;
}

declare module '../../platform/db/database.ts' {
  /** The knowledge module's tables join the one `Database` every query is typed by. */
  interface Database extends KnowledgeTables {}
}
