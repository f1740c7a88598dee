import { type Kysely, sql } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_articles_kind').on('kb_articles').columns(['kind', 'status']).execute();

  await db.schema
    .createTable('kb_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('article_id', 'text', (c) => c.notNull().references('kb_articles.id'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('questions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('products', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('intent', 'text')
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('effective_to', 'text')
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text')
    .addColumn('reviewer_name', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('kb_versions_article_no', ['article_id', 'version_no'])
    .execute();
  await db.schema.createIndex('kb_versions_status').on('kb_versions').columns(['status', 'article_id']).execute();

  await db.schema
    .createTable('kb_synonyms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('phrase', 'text', (c) => c.notNull().unique())
    .addColumn('canonical', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  // The search index. Writes are the same on both databases (one row per served article); each database
  // keeps its own full-text structure in step: a generated tsvector + GIN on PostgreSQL, an FTS5 table
  // maintained by triggers on SQLite.
  const columns = `article_id text not null unique, version_id text not null, kind text not null,
    audience text not null, tags text not null, products text not null, seg_title text not null,
    seg_questions text not null, seg_body text not null, initials text not null, updated_at text not null`;
  if (isPg) {
    // Weights: A title, B questions, C body, D pinyin initials (queried as 'gs':D).
    await sql
      .raw(`create table kb_index (doc_id bigint generated always as identity primary key, ${columns},
    tsv tsvector generated always as (
      setweight(to_tsvector('simple', seg_title), 'A') || setweight(to_tsvector('simple', seg_questions), 'B') ||
      setweight(to_tsvector('simple', seg_body), 'C') || setweight(to_tsvector('simple', initials), 'D')) stored)`)
      .execute(db);
    await sql.raw('create index kb_index_tsv on kb_index using gin (tsv)').execute(db);
  } else {
    await sql.raw(`create table kb_index (doc_id integer primary key, ${columns})`).execute(db);
    // unicode61 splits on the spaces jieba put between words, so 1–2 character words (挂失, 分期) are tokens.
    await sql
      .raw(`create virtual table kb_fts using fts5(seg_title, seg_questions, seg_body, initials,
    tokenize = 'unicode61 remove_diacritics 2')`)
      .execute(db);
    await sql
      .raw(`create trigger kb_index_ai after insert on kb_index begin
  insert into kb_fts(rowid, seg_title, seg_questions, seg_body, initials)
  values (new.doc_id, new.seg_title, new.seg_questions, new.seg_body, new.initials); end`)
      .execute(db);
    await sql
      .raw('create trigger kb_index_ad after delete on kb_index begin delete from kb_fts where rowid = old.doc_id; end')
      .execute(db);
    await sql
      .raw(`create trigger kb_index_au after update on kb_index begin
  delete from kb_fts where rowid = old.doc_id;
  insert into kb_fts(rowid, seg_title, seg_questions, seg_body, initials)
  values (new.doc_id, new.seg_title, new.seg_questions, new.seg_body, new.initials); end`)
      .execute(db);
  }
  await db.schema.createIndex('kb_index_kind').on('kb_index').columns(['kind', 'audience']).execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
