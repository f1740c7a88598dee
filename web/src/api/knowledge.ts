import type {
  ArticleDto as Article,
  ArticleSummary,
  KbMatch,
  KbSearchResponse,
  KbSuggestion,
  ArticleKind as Kind,
  ArticleVersionStatus as VersionStatus,
} from '@carddesk/contracts';
import { api } from '../app/api.ts';

/**
 * The knowledge base (server/src/modules/knowledge): search and FAQ matching for agents, the editor workflow.
 * The response types are the server's schemas, inferred in `@carddesk/contracts`.
 */
export type {
  ArticleDto as Article,
  ArticleKind as Kind,
  ArticleSummary,
  ArticleVersionStatus as VersionStatus,
  KbHit,
  KbMatch,
} from '@carddesk/contracts';

export interface ArticleContent {
  title: string;
  body: string;
  questions: string[];
  tags: string[];
  intent: string | null;
  audience: 'public' | 'internal';
  source: string | null;
}

const enc = encodeURIComponent;

export const searchKb = (q: string, signal?: AbortSignal) =>
  api<KbSearchResponse>('/api/kb/search', { query: { q }, signal });
export const matchKb = (question: string, signal?: AbortSignal) =>
  api<KbMatch>('/api/kb/match', { method: 'POST', body: { question, limit: 3 }, signal });
/** What the agent did with an FAQ suggestion they were shown (the server learns from it). */
export type SuggestionOutcome = 'used' | 'chose_other' | 'searched';
export const recordSuggestion = (question: string, faqId: string) =>
  api<KbSuggestion>('/api/kb/suggestions', { method: 'POST', body: { question, faqId } });
export const recordSuggestionOutcome = (id: string, outcome: SuggestionOutcome, faqId?: string) =>
  api<void>(`/api/kb/suggestions/${enc(id)}/outcome`, {
    method: 'POST',
    body: faqId ? { outcome, faqId } : { outcome },
  });
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
