import { api } from '../app/api.ts';

/** The knowledge base: search for agents, the editor workflow (draft → review → publish). */
export interface KbHit {
  id: string;
  slug?: string;
  title: string;
  snippet?: string;
  excerpt?: string;
  category?: string;
  source?: string | null;
  score?: number;
  version?: number;
}

export interface Article {
  id: string;
  slug?: string;
  title: string;
  body: string;
  category?: string;
  tags?: string[];
  intents?: string[];
  source?: string | null;
  status: 'draft' | 'in_review' | 'published' | 'archived' | string;
  version?: number;
  updatedAt?: string;
  updatedBy?: string | null;
  reviewComment?: string | null;
}

export interface ArticleInput {
  title: string;
  body: string;
  category?: string;
  tags?: string[];
  intents?: string[];
  source?: string | null;
}

export const searchKb = (q: string, signal?: AbortSignal) =>
  api<KbHit[] | { hits: KbHit[] }>('/api/kb/search', { query: { q }, signal });
export const hitsOf = (a: KbHit[] | { hits: KbHit[] } | undefined): KbHit[] =>
  !a ? [] : Array.isArray(a) ? a : a.hits;

export const getArticle = (id: string, signal?: AbortSignal) =>
  api<Article>(`/api/kb/articles/${encodeURIComponent(id)}`, { signal });
export const listArticles = (query: Record<string, string | undefined>, signal?: AbortSignal) =>
  api<Article[] | { items: Article[] }>('/api/kb/articles', { query, signal });
export const articlesOf = (a: Article[] | { items: Article[] } | undefined): Article[] =>
  !a ? [] : Array.isArray(a) ? a : a.items;
export const createArticle = (key: string, input: ArticleInput) =>
  api<Article>('/api/kb/articles', { method: 'POST', body: input, idempotencyKey: key });
export const updateArticle = (key: string, id: string, input: ArticleInput) =>
  api<Article>(`/api/kb/articles/${encodeURIComponent(id)}`, { method: 'PUT', body: input, idempotencyKey: key });
export const submitArticle = (key: string, id: string) =>
  api<Article>(`/api/kb/articles/${encodeURIComponent(id)}/submit`, { method: 'POST', body: {}, idempotencyKey: key });
export const reviewArticle = (key: string, id: string, input: { approve: boolean; comment?: string }) =>
  api<Article>(`/api/kb/articles/${encodeURIComponent(id)}/review`, {
    method: 'POST',
    body: input,
    idempotencyKey: key,
  });
export const publishArticle = (key: string, id: string) =>
  api<Article>(`/api/kb/articles/${encodeURIComponent(id)}/publish`, { method: 'POST', body: {}, idempotencyKey: key });
