/**
 * Knowledge search: parse (fold, synonyms, segmentation) → full-text index (every word must match; when
 * nothing does, any word may) → rendered, highlighted results. Only served versions are in the index, so a
 * draft is never found and a publish is found as soon as it commits.
 */
import { kbSearchInputSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { versionsByIds } from '../article.repository.ts';
import type { Audience, Kind } from '../article.ts';
import { contentOf } from '../article.view.ts';
import { type RenderedVersion, renderVersions } from '../params/render-cache.ts';
import { synonymTable } from '../synonyms.service.ts';
import { type MatchMode, searchIndex } from './adapter.ts';
import { parseQuery } from './query.ts';
import { findHits, makeBoundedSnippet } from './snippet.ts';

/** What `GET /api/kb/search` takes: defined in the contract. */
export const searchInputSchema = kbSearchInputSchema;
export type SearchInput = z.input<typeof searchInputSchema>;

export interface SearchResult {
  id: string;
  kind: Kind;
  title: string;
  version: number;
  snippet: string;
  /** [start, end) character ranges of matched words inside `snippet`. */
  highlights: Array<[number, number]>;
  titleHighlights: Array<[number, number]>;
  score: number;
  tags: string[];
  products: string[];
  source: string | null;
  audience: Audience;
  updatedAt: string;
}

export interface SearchResponse {
  /** The words searched for after folding, synonyms and segmentation (what the index was asked). */
  terms: string[];
  /** 'all': every word matched; 'any': nothing had every word, so results match some of them. */
  mode: MatchMode;
  results: SearchResult[];
}

export async function searchKnowledge(
  ctx: Ctx,
  input: SearchInput,
  options: { audiences?: readonly Audience[] } = {},
): Promise<SearchResponse> {
  if (!options.audiences) authorize(ctx.actor, 'kb.read');
  const { q, kind, product, tag, limit } = searchInputSchema.parse(input);
  const query = parseQuery(q, await synonymTable(ctx));
  const filter = { kinds: kind, product, tag, audiences: options.audiences };
  let mode: MatchMode = 'all';
  let hits = await searchIndex(ctx.db, query, 'all', filter, limit);
  if (hits.length === 0 && query.groups.length > 1) {
    mode = 'any';
    hits = await searchIndex(ctx.db, query, 'any', filter, limit);
  }
  const rows = await versionsByIds(
    ctx.db,
    hits.map((h) => h.versionId),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ordered = hits.flatMap((h) => {
    const row = byId.get(h.versionId);
    return row ? [{ row, hit: h }] : [];
  });
  // Only what a result shows is computed per query: the rendering comes from the cache while the
  // catalogue has not moved, and the snippet from a bounded window of it.
  const rendered = await renderVersions(
    ctx,
    ordered.map((o) => o.row),
  );
  const results = ordered.map(({ row, hit }, i): SearchResult => {
    const r = rendered[i] as RenderedVersion;
    const c = contentOf(row);
    const snippet = makeBoundedSnippet(r.flat, r.lower, query.highlight);
    return {
      id: row.article_id,
      kind: hit.kind as Kind,
      title: row.title,
      version: row.version_no,
      snippet: snippet.text,
      highlights: snippet.highlights,
      titleHighlights: findHits(row.title, query.highlight),
      score: Math.round(hit.score * 1000) / 1000,
      tags: c.tags,
      products: c.products,
      source: row.source,
      audience: c.audience,
      updatedAt: row.updated_at,
    };
  });
  return { terms: query.highlight as string[], mode, results };
}
