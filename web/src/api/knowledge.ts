import { api } from '../app/api.ts';

/** The knowledge base (server/src/modules/knowledge): search for agents, the editor workflow. */
export type Kind = 'product' | 'process' | 'regulation' | 'script' | 'faq';
export type VersionStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'superseded' | 'expired' | 'withdrawn';

export interface KbHit {
  id: string;
  kind: Kind;
  title: string;
  version: number;
  snippet: string;
  score: number;
  tags: string[];
  source: string | null;
  audience: 'public' | 'internal';
  updatedAt: string;
}

export interface Article {
  id: string;
  kind: Kind;
  versionId: string;
  version: number;
  status: VersionStatus;
  title: string;
  body: string;
  rendered: string;
  unresolved: string[];
  questions: string[];
  tags: string[];
  products: string[];
  intent: string | null;
  audience: 'public' | 'internal';
  source: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  author: string;
  reviewer: string | null;
  reviewComment: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

export interface ArticleSummary {
  id: string;
  kind: Kind;
  status: string;
  title: string;
  currentVersion: number | null;
  latestVersion: number;
  latestStatus: VersionStatus;
  latestVersionId: string;
  updatedAt: string;
}

export interface ArticleContent {
  title: string;
  body: string;
  questions: string[];
  tags: string[];
  intent: string | null;
  audience: 'public' | 'internal';
  source: string | null;
}

/** `POST /api/kb/match`: the published FAQ answers for a question, or none when none is likely enough. */
export interface KbMatch {
  none: boolean;
  matches: Array<{
    id: string;
    title: string;
    answer: string;
    confidence: number;
    intent: string | null;
    source: string | null;
    version: number;
  }>;
  /** Two FAQs too close to call: ask the customer which one they mean. */
  clarify: { question: string; ids: [string, string] } | null;
}

const enc = encodeURIComponent;

export const searchKb = (q: string, signal?: AbortSignal) =>
  api<{ terms: string[]; results: KbHit[] }>('/api/kb/search', { query: { q }, signal });
export const matchKb = (question: string, signal?: AbortSignal) =>
  api<KbMatch>('/api/kb/match', { method: 'POST', body: { question, limit: 3 }, signal });
export const getArticle = (id: string, signal?: AbortSignal) => api<Article>(`/api/kb/articles/${enc(id)}`, { signal });
export const listArticles = (
  query: { status?: VersionStatus | undefined; kind?: Kind | undefined },
  signal?: AbortSignal,
) => api<ArticleSummary[]>('/api/kb/articles', { query: { ...query, limit: 200 }, signal });
export const getVersion = (versionId: string, signal?: AbortSignal) =>
  api<Article>(`/api/kb/versions/${enc(versionId)}`, { signal });
export const createArticle = (key: string, input: ArticleContent & { kind: Kind; id?: string }) =>
  api<Article>('/api/kb/articles', { method: 'POST', body: input, idempotencyKey: key });
export const newVersion = (key: string, id: string) =>
  api<Article>(`/api/kb/articles/${enc(id)}/versions`, { method: 'POST', idempotencyKey: key });
export const updateDraft = (key: string, versionId: string, input: Partial<ArticleContent>) =>
  api<Article>(`/api/kb/versions/${enc(versionId)}`, { method: 'PUT', body: input, idempotencyKey: key });
export const submitVersion = (key: string, versionId: string) =>
  api<Article>(`/api/kb/versions/${enc(versionId)}/submit`, { method: 'POST', idempotencyKey: key });
export const approveVersion = (key: string, versionId: string, comment?: string) =>
  api<Article>(`/api/kb/versions/${enc(versionId)}/approve`, {
    method: 'POST',
    body: comment ? { comment } : {},
    idempotencyKey: key,
  });
export const rejectVersion = (key: string, versionId: string, comment: string) =>
  api<Article>(`/api/kb/versions/${enc(versionId)}/reject`, { method: 'POST', body: { comment }, idempotencyKey: key });
