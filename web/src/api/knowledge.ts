import type {
  ArticleKind as Kind,
  SuggestionOutcome,
  ArticleVersionStatus as VersionStatus,
} from '@carddesk/contracts';
import { knowledgeEndpoints as kb } from '@carddesk/contracts/endpoints';
import { type Body, call } from '../app/api.ts';

/**
 * The knowledge base (server/src/modules/knowledge): search and FAQ matching for agents, the editor workflow.
 * Paths, bodies and answers are the contract's (`packages/contracts/src/routes/knowledge.ts`).
 */
export type {
  ArticleDto as Article,
  ArticleKind as Kind,
  ArticleSummary,
  ArticleVersionStatus as VersionStatus,
  KbHit,
  KbMatch,
  SuggestionOutcome,
} from '@carddesk/contracts';

/** What an editor writes: a new article's body without its kind and id. */
export type ArticleContent = Omit<Body<typeof kb.createArticle>, 'kind' | 'id'>;

export const searchKb = (q: string, signal?: AbortSignal) => call(kb.search, { query: { q } }, { signal });
export const matchKb = (question: string, signal?: AbortSignal) =>
  call(kb.match, { body: { question, limit: 3 } }, { signal });
/** What the agent did with an FAQ suggestion they were shown (the server learns from it). */
export const recordSuggestion = (question: string, faqId: string) =>
  call(kb.recordSuggestion, { body: { question, faqId } });
export const recordSuggestionOutcome = (id: string, outcome: SuggestionOutcome, faqId?: string) =>
  call(kb.recordOutcome, { params: { id }, body: faqId ? { outcome, faqId } : { outcome } });
export const getArticle = (id: string, signal?: AbortSignal) => call(kb.article, { params: { id } }, { signal });
export const listArticles = (
  query: { status?: VersionStatus | undefined; kind?: Kind | undefined },
  signal?: AbortSignal,
) => call(kb.listArticles, { query: { ...query, limit: 200 } }, { signal });
export const getVersion = (versionId: string, signal?: AbortSignal) =>
  call(kb.version, { params: { versionId } }, { signal });
export const createArticle = (key: string, input: Body<typeof kb.createArticle>) =>
  call(kb.createArticle, { body: input }, { idempotencyKey: key });
export const newVersion = (key: string, id: string) => call(kb.newVersion, { params: { id } }, { idempotencyKey: key });
export const updateDraft = (key: string, versionId: string, input: Body<typeof kb.updateDraft>) =>
  call(kb.updateDraft, { params: { versionId }, body: input }, { idempotencyKey: key });
export const submitVersion = (key: string, versionId: string) =>
  call(kb.submit, { params: { versionId } }, { idempotencyKey: key });
export const approveVersion = (key: string, versionId: string, comment?: string) =>
  call(kb.approve, { params: { versionId }, body: comment ? { comment } : {} }, { idempotencyKey: key });
export const rejectVersion = (key: string, versionId: string, comment: string) =>
  call(kb.reject, { params: { versionId }, body: { comment } }, { idempotencyKey: key });
