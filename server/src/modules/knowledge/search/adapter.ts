/**
 * The one place where SQLite and PostgreSQL full-text search differ: compiling a parsed query and running
 * it with ranking. SQLite: FTS5 MATCH with bm25() (column weights title > questions > initials > body).
 * PostgreSQL: tsquery over the weighted tsvector with ts_rank_cd. Both return article ids best first.
 */
import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import { kindOf } from '../../../platform/db/dialect.ts';
import type { Alternative, ParsedQuery } from './query.ts';

export interface IndexFilter {
  kinds?: readonly string[] | undefined;
  product?: string | undefined;
  tag?: string | undefined;
  /** Only these audiences (customer-facing search passes ['public']). */
  audiences?: readonly string[] | undefined;
}

export interface IndexHit {
  articleId: string;
  versionId: string;
  kind: string;
  /** Higher is better on both databases. */
  score: number;
}

export type MatchMode = 'all' | 'any';

function ftsAlternative(a: Alternative): string {
  const phrase = `"${a.words.map((w) => w.replaceAll('"', '""')).join(' ')}"`;
  return a.field === 'initials' ? `initials : ${phrase}` : `{seg_title seg_questions seg_body} : ${phrase}`;
}

function tsAlternative(a: Alternative): string {
  const weight = a.field === 'initials' ? 'D' : 'ABC';
  return a.words.map((w) => `'${w.replaceAll("'", "''").replaceAll('\\', '')}':${weight}`).join(' <-> ');
}

export function compile(query: ParsedQuery, mode: MatchMode, dialect: 'sqlite' | 'postgres'): string {
  const alt = dialect === 'sqlite' ? ftsAlternative : tsAlternative;
  const [or, and] = dialect === 'sqlite' ? [' OR ', ' AND '] : [' | ', ' & '];
  const groups = query.groups.map((g) => `(${g.map(alt).join(or)})`);
  return groups.join(mode === 'all' ? and : or);
}

export async function searchIndex(
  db: Executor,
  query: ParsedQuery,
  mode: MatchMode,
  filter: IndexFilter,
  limit: number,
): Promise<IndexHit[]> {
  if (query.groups.length === 0) return [];
  const dialect = kindOf(db);
  const expr = compile(query, mode, dialect);
  const conditions = [sql`true`];
  if (filter.kinds && filter.kinds.length > 0) conditions.push(sql`i.kind in (${sql.join([...filter.kinds])})`);
  if (filter.audiences && filter.audiences.length > 0) {
    conditions.push(sql`i.audience in (${sql.join([...filter.audiences])})`);
  }
  if (filter.product) conditions.push(sql`i.products like ${`% ${filter.product} %`}`);
  if (filter.tag) conditions.push(sql`i.tags like ${`% ${filter.tag} %`}`);
  const where = sql.join(conditions, sql` and `);
  if (dialect === 'sqlite') {
    const unfiltered = conditions.length === 1;
    // Without filters the best `limit` are picked inside the full-text index and only they are joined;
    // with filters every match must be joined to be filtered before ranking.
    const rows = unfiltered
      ? await sql<{ article_id: string; version_id: string; kind: string; score: number }>`
      select i.article_id, i.version_id, i.kind, f.score
      from (select rowid, -bm25(kb_fts, 4.0, 3.0, 1.0, 2.0) as score from kb_fts
            where kb_fts match ${expr} order by bm25(kb_fts, 4.0, 3.0, 1.0, 2.0) limit ${limit}) f
      join kb_index i on i.doc_id = f.rowid
      order by f.score desc`.execute(db)
      : await sql<{ article_id: string; version_id: string; kind: string; score: number }>`
      select i.article_id, i.version_id, i.kind, -bm25(kb_fts, 4.0, 3.0, 1.0, 2.0) as score
      from kb_fts join kb_index i on i.doc_id = kb_fts.rowid
      where kb_fts match ${expr} and ${where}
      order by bm25(kb_fts, 4.0, 3.0, 1.0, 2.0) limit ${limit}`.execute(db);
    return rows.rows.map((r) => ({
      articleId: r.article_id,
      versionId: r.version_id,
      kind: r.kind,
      score: Number(r.score),
    }));
  }
  // Normalisation 1 divides by 1 + log(length), so long articles do not win on length alone (as BM25).
  const rows = await sql<{ article_id: string; version_id: string; kind: string; score: number }>`
    select i.article_id, i.version_id, i.kind, ts_rank_cd(i.tsv, q, 1) as score
    from kb_index i, to_tsquery('simple', ${expr}) q
    where i.tsv @@ q and ${where}
    order by score desc, i.doc_id limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({
    articleId: r.article_id,
    versionId: r.version_id,
    kind: r.kind,
    score: Number(r.score),
  }));
}
