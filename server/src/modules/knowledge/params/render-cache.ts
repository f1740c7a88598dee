/**
 * Rendered text of published versions, cached. A version's body never changes once it leaves the
 * editing states; what changes is the catalogue its live parameters read. The catalogue's stamp (which
 * moves whenever any product's terms in force may have changed: a new product version, or a day on
 * which a scheduled one takes effect) is checked on every read, so a cached rendering is used only while
 * the figures it shows are still the current ones.
 *
 * Kept per runtime (keyed by its config object), bounded, and never filled from inside a transaction
 * (it may still roll back, and its stamp with it).
 */
import type { Ctx } from '../../../platform/context.ts';
import { OPEN_STATUSES, plainText, type VersionStatus } from '../article.ts';
import { catalogStamp, renderBodies } from './catalog.ts';

export interface RenderedVersion {
  readonly text: string;
  readonly unresolved: readonly string[];
  /** Plain text on one line (for snippets), and its lower case (for finding hits without re-folding). */
  readonly flat: string;
  readonly lower: string;
}

export interface RenderSource {
  readonly id: string;
  readonly body: string;
  readonly status: string;
}

/** Enough for every served article of a large bank's knowledge base to stay rendered. */
export const RENDER_CACHE_SIZE = 20_000;

interface Entry {
  stamp: string;
  value: RenderedVersion;
}

const caches = new WeakMap<object, Map<string, Entry>>();

function finish(text: string, unresolved: readonly string[]): RenderedVersion {
  const flat = plainText(text).replace(/\s*\n\s*/g, ' ');
  return { text, unresolved, flat, lower: flat.toLowerCase() };
}

const cacheable = (status: string) => !OPEN_STATUSES.includes(status as VersionStatus);

/** Renders versions' live parameters, from the cache where the catalogue has not moved since. */
export async function renderVersions(ctx: Ctx, rows: readonly RenderSource[]): Promise<RenderedVersion[]> {
  const stamp = await catalogStamp(ctx);
  let cache = caches.get(ctx.config);
  const out: Array<RenderedVersion | undefined> = rows.map((r) => {
    if (stamp === undefined || !cacheable(r.status)) return undefined;
    const hit = cache?.get(r.id);
    if (!hit || hit.stamp !== stamp) return undefined;
    // Most recently used last, so the oldest is evicted first.
    cache?.delete(r.id);
    cache?.set(r.id, hit);
    return hit.value;
  });
  const missing = out.flatMap((hit, i) => (hit ? [] : [i]));
  if (missing.length === 0) return out as RenderedVersion[];
  const rendered = await renderBodies(
    ctx,
    missing.map((i) => (rows[i] as RenderSource).body),
  );
  const keep = stamp !== undefined && !ctx.db.isTransaction;
  if (keep && !cache) {
    cache = new Map();
    caches.set(ctx.config, cache);
  }
  missing.forEach((i, k) => {
    const r = rendered[k] ?? { text: (rows[i] as RenderSource).body, unresolved: [] };
    const value = finish(r.text, r.unresolved);
    out[i] = value;
    const row = rows[i] as RenderSource;
    if (keep && cache && cacheable(row.status)) {
      cache.delete(row.id);
      cache.set(row.id, { stamp, value });
      if (cache.size > RENDER_CACHE_SIZE) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
    }
  });
  return out as RenderedVersion[];
}
