/** Every SQL statement of the knowledge base's articles, versions, index and synonyms. */
import type { Selectable } from 'kysely';
import { nextSequence, readCounter } from '../../platform/counters.ts';
import type { Executor } from '../../platform/db/database.ts';
import { forUpdate } from '../../platform/db/dialect.ts';
import type { KbArticlesTable, KbIndexTable, KbVersionsTable } from './knowledge.tables.ts';

export type ArticleRow = Selectable<KbArticlesTable>;
export type VersionRow = Selectable<KbVersionsTable>;

export function findArticle(db: Executor, id: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockArticle(db: Executor, id: string): Promise<ArticleRow | undefined> {
  return forUpdate(db, db.selectFrom('kb_articles').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function findVersion(db: Executor, id: string): Promise<VersionRow | undefined> {
  return db.selectFrom('kb_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockVersion(db: Executor, id: string): Promise<VersionRow | undefined> {
  return forUpdate(db, db.selectFrom('kb_versions').selectAll().where('id', '=', id)).executeTakeFirst();
}

export function versionsOf(db: Executor, articleId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('kb_versions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('version_no', 'desc')
    .execute();
}

export function versionsByIds(db: Executor, ids: readonly string[]): Promise<VersionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('kb_versions')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertArticles(db: Executor, rows: ArticleRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('kb_articles')
      .values(rows.slice(i, i + 200))
      .execute();
}

export async function insertVersions(db: Executor, rows: VersionRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('kb_versions')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function updateVersion(db: Executor, id: string, set: Partial<VersionRow>): Promise<void> {
  await db.updateTable('kb_versions').set(set).where('id', '=', id).execute();
}

export async function updateArticle(db: Executor, id: string, set: Partial<ArticleRow>): Promise<void> {
  await db.updateTable('kb_articles').set(set).where('id', '=', id).execute();
}

/** Replaces an article's index row (the database keeps its full-text structure in step). */
export async function replaceIndexRows(db: Executor, rows: Array<Omit<KbIndexTable, 'doc_id'>>): Promise<void> {
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.article_id);
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom('kb_index')
      .where('article_id', 'in', ids.slice(i, i + 500))
      .execute();
  }
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('kb_index')
      .values(rows.slice(i, i + 100))
      .execute();
}

export async function deleteIndexRow(db: Executor, articleId: string): Promise<void> {
  await db.deleteFrom('kb_index').where('article_id', '=', articleId).execute();
}

const GENERATION = 'kb.generation';

/**
 * Every change to what is served bumps a counter in the same transaction. In-memory structures built
 * from served content (the FAQ matcher, the synonym table) compare it and rebuild when it moved, on
 * every instance.
 */
export async function bumpGeneration(db: Executor): Promise<void> {
  await nextSequence(db, GENERATION);
}

export async function generation(db: Executor): Promise<number> {
  return readCounter(db, GENERATION);
}

/** The served versions of active articles, optionally of one kind and audience. */
export function servedVersions(
  db: Executor,
  filter: { kind?: string; audiences?: readonly string[]; ids?: readonly string[] } = {},
): Promise<Array<VersionRow & { kind: string }>> {
  let q = db
    .selectFrom('kb_articles as a')
    .innerJoin('kb_versions as v', 'v.id', 'a.current_version_id')
    .selectAll('v')
    .select('a.kind')
    .where('a.status', '=', 'active');
  if (filter.kind) q = q.where('a.kind', '=', filter.kind);
  if (filter.audiences) q = q.where('v.audience', 'in', [...filter.audiences]);
  if (filter.ids) q = q.where('a.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
  return q.orderBy('a.id').execute();
}

export function listSynonyms(db: Executor) {
  return db.selectFrom('kb_synonyms').selectAll().orderBy('phrase').execute();
}
