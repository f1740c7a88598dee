/**
 * Live product parameters in article bodies: `{{product:gold.annualFeeFen|yuan}}`,
 * `{{product:gold.installmentRates.12|percent}}`. They are rendered when an article is read, from the
 * product's current version in the card engine's catalogue, so an article never contradicts the figures
 * the rules engine computes with.
 */
import { formatYuan } from '@carddesk/contracts';

export const PLACEHOLDER = /\{\{\s*product:([A-Za-z0-9_-]+)\.([A-Za-z0-9_.]+?)(?:\|([a-z]+))?\s*\}\}/g;

export const FORMATS = ['yuan', 'percent', 'text'] as const;
export type Format = (typeof FORMATS)[number];

export interface Placeholder {
  readonly raw: string;
  readonly product: string;
  readonly path: readonly string[];
  readonly format: string;
}

export function placeholders(body: string): Placeholder[] {
  return [...body.matchAll(PLACEHOLDER)].map((m) => ({
    raw: m[0],
    product: m[1] as string,
    path: (m[2] as string).split('.'),
    format: m[3] ?? 'text',
  }));
}

/** What the catalogue knows about a product now: a tree of named values (fen integers, rate strings…). */
export type ProductFacts = Readonly<Record<string, unknown>>;

function lookup(facts: ProductFacts, path: readonly string[]): unknown {
  let node: unknown = facts;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Formats a value for Chinese text; undefined when the value does not fit the format. */
export function formatValue(value: unknown, format: string): string | undefined {
  switch (format) {
    case 'yuan': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return undefined;
      const text = formatYuan(value);
      return text.endsWith('.00') ? text.slice(0, -3) : text;
    }
    case 'percent': {
      // Rates are decimal strings ("0.0060"); show them as the percentage people read: 0.6%.
      const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : Number.NaN;
      if (!Number.isFinite(n)) return undefined;
      return `${Number((n * 100).toFixed(4))}%`;
    }
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
    default:
      return undefined;
  }
}

/** Marker left in the text when a value cannot be found, so nobody reads a wrong figure as right. */
export const UNRESOLVED = '〔参数暂不可用,请以系统查询结果为准〕';

export interface Rendered {
  readonly text: string;
  /** Placeholders that could not be resolved (unknown product, path or format). */
  readonly unresolved: readonly string[];
}

export function render(body: string, facts: ReadonlyMap<string, ProductFacts | undefined>): Rendered {
  const unresolved: string[] = [];
  const text = body.replace(PLACEHOLDER, (raw, product: string, path: string, format: string | undefined) => {
    const productFacts = facts.get(product);
    const value = productFacts ? formatValue(lookup(productFacts, path.split('.')), format ?? 'text') : undefined;
    if (value === undefined) {
      unresolved.push(raw);
      return UNRESOLVED;
    }
    return value;
  });
  return { text, unresolved };
}
