/**
 * Where live parameters come from. The card engine owns the product catalogue; the knowledge base only
 * reads "the facts of product X as of now" through this seam, wired in `index.ts` to the card engine's
 * export. Rendering asks once per product per request.
 */
import type { Ctx } from '../../../platform/context.ts';
import { type ProductFacts, placeholders, type Rendered, render } from './placeholders.ts';

export interface ProductCatalog {
  /** The product's current version as a tree of named values, or undefined when there is no such product. */
  currentFacts(ctx: Ctx, productCode: string): Promise<ProductFacts | undefined>;
  /**
   * A value that changes whenever any product's facts as of now may have changed. Renderings are cached
   * while it stays the same; a catalogue without one is read on every rendering.
   */
  stamp?(ctx: Ctx): Promise<string>;
}

let catalog: ProductCatalog | undefined;
/** Counts wirings, so renderings cached under one catalogue are never served under another. */
let wiring = 0;

/** Wires the catalogue (the card engine's export; tests may wire their own). */
export function useProductCatalog(next: ProductCatalog | undefined): void {
  catalog = next;
  wiring++;
}

/** The wired catalogue's stamp; undefined when renderings must not be cached. */
export async function catalogStamp(ctx: Ctx): Promise<string | undefined> {
  if (!catalog) return `${wiring}:none`;
  return catalog.stamp ? `${wiring}:${await catalog.stamp(ctx)}` : undefined;
}

/** Renders the live parameters of several bodies, reading each product once. */
export async function renderBodies(ctx: Ctx, bodies: readonly string[]): Promise<Rendered[]> {
  const codes = new Set(bodies.flatMap((b) => placeholders(b).map((p) => p.product)));
  const facts = new Map<string, ProductFacts | undefined>();
  for (const code of codes) facts.set(code, catalog ? await catalog.currentFacts(ctx, code) : undefined);
  return bodies.map((b) => render(b, facts));
}
