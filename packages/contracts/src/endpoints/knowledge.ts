import { del, get, patch, post, pub } from '../http/endpoint.ts';

/** The knowledge base's endpoints (server/src/modules/knowledge); their schemas are in `routes/knowledge.ts`. */
export const knowledgeEndpoints = {
  search: get('/api/kb/search'),
  match: post('/api/kb/match'),
  // Self-service chat: no staff session; only customer-visible (public) FAQs.
  publicMatch: pub(post('/api/public/kb/match')),
  publicArticle: pub(get('/api/public/kb/articles/:id')),
  article: get('/api/kb/articles/:id'),
  listArticles: get('/api/kb/articles'),
  createArticle: post('/api/kb/articles'),
  listVersions: get('/api/kb/articles/:id/versions'),
  newVersion: post('/api/kb/articles/:id/versions'),
  retire: post('/api/kb/articles/:id/retire'),
  recordSuggestion: post('/api/kb/suggestions'),
  recordOutcome: post('/api/kb/suggestions/:id/outcome'),
  version: get('/api/kb/versions/:versionId'),
  updateDraft: patch('/api/kb/versions/:versionId'),
  submit: post('/api/kb/versions/:versionId/submit'),
  approve: post('/api/kb/versions/:versionId/approve'),
  reject: post('/api/kb/versions/:versionId/reject'),
  listSynonyms: get('/api/kb/synonyms'),
  addSynonym: post('/api/kb/synonyms'),
  removeSynonym: del('/api/kb/synonyms/:id'),
} as const;
