/**
 * The Markdown exchange format (import, export and the seed content): YAML front matter with the
 * article's metadata, the body as Markdown. An FAQ carries `kind: faq`, `id`, `title` and `questions:`
 * (its phrasings) and the answer as its body.
 */
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import {
  type ArticleContent,
  type ArticleView,
  articleContentSchema,
  articleIdSchema,
  kindSchema,
} from '../article.ts';

const FENCE = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

const frontMatterSchema = z.object({
  id: articleIdSchema,
  kind: kindSchema,
  title: z.string(),
  questions: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  products: z.array(z.string()).optional(),
  intent: z.string().nullish(),
  audience: z.enum(['public', 'internal']).optional(),
  source: z.string().nullish(),
  effective_from: z.string().nullish(),
  effective_to: z.string().nullish(),
});

export interface ParsedFile {
  id: string;
  kind: z.infer<typeof kindSchema>;
  content: ArticleContent;
}

/** Parses one file; throws an Error whose message names the problem. */
export function parseArticleFile(text: string): ParsedFile {
  const m = FENCE.exec(text);
  if (!m) throw new Error('no front matter (--- … ---) at the top');
  const meta = frontMatterSchema.safeParse(parse(m[1] ?? '') ?? {});
  if (!meta.success) throw new Error(meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const f = meta.data;
  const content = articleContentSchema.safeParse({
    title: f.title,
    body: text.slice(m[0].length),
    questions: f.questions ?? [],
    tags: f.tags ?? [],
    products: f.products ?? [],
    intent: f.intent ?? null,
    audience: f.audience ?? (f.kind === 'faq' ? 'public' : 'internal'),
    source: f.source ?? null,
    effectiveFrom: f.effective_from ?? null,
    effectiveTo: f.effective_to ?? null,
  });
  if (!content.success) {
    throw new Error(content.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return { id: f.id, kind: f.kind, content: content.data };
}

/** Writes an article version as a file that `parseArticleFile` reads back to the same content. */
export function formatArticleFile(view: ArticleView): string {
  const meta: Record<string, unknown> = { id: view.id, kind: view.kind, title: view.title };
  if (view.questions.length > 0) meta.questions = view.questions;
  if (view.intent) meta.intent = view.intent;
  if (view.tags.length > 0) meta.tags = view.tags;
  if (view.products.length > 0) meta.products = view.products;
  meta.audience = view.audience;
  if (view.source) meta.source = view.source;
  if (view.effectiveFrom) meta.effective_from = view.effectiveFrom;
  if (view.effectiveTo) meta.effective_to = view.effectiveTo;
  // Informational: ignored on import (the importing system keeps its own history).
  meta.version = view.version;
  meta.author = view.author;
  if (view.reviewer) meta.reviewer = view.reviewer;
  if (view.publishedAt) meta.published_at = view.publishedAt;
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n\n${view.body.trim()}\n`;
}
