import type { Role } from '@carddesk/contracts';

/**
 * The authorization matrix: for every route of the API (keyed `METHOD /path` as in the OpenAPI document),
 * what a signed-out caller gets and which staff roles get through. `platform/http/authz-matrix.test.ts`
 * calls every route as every role and signed out, on real seeded data, and fails on any difference — and
 * on a route without a row, so a new route cannot ship without a decision here.
 *
 * - `signedOut`: 401, or 'open' for a public route (its own checks may still refuse: then 401 too).
 * - `through`: the roles whose request passes authorization (any answer but 401/403: it may still be a
 *   404 or a 409 for the sample it sends); every other role gets `refused` (403 unless stated).
 *
 * "Through" is judged on the test's own data: without an active verified contact, customer data is
 * refused (403) to front-line roles and asks supervisors and admins for a written reason (400 — through,
 * as the override is theirs to make). A change of rule that changes a row must change the row here.
 *
 * How a row is decided: from the rule, never from what the server answers. The route's policy action
 * (`platform/auth/policy.ts`) names the roles; the owning service's own rules narrow them (customer access,
 * per-case access and responsibility, queues served, four-eyes). When the server disagrees with the row
 * so decided, the server is fixed, not the row.
 * - `paymentSystem`: the payment system's credential may post repayments and nothing else: every other
 *   route refuses it (401 or 403) unless the route is public. A body its schema refuses (400
 *   VALIDATION_FAILED) is answered before any handler and says nothing either way.
 */
export interface MatrixRow {
  signedOut: 401 | 'open';
  through: 'all' | readonly Role[];
  refused?: 401 | 403;
  /** The payment system's credential (`X-Api-Key`): refused (403) everywhere unless 'ok'. */
  paymentSystem?: 'ok';
}

export const AUTHZ_MATRIX: Record<string, MatrixRow> = {
  'GET /api/health': { signedOut: 'open', through: 'all' },
  'POST /api/auth/login': { signedOut: 401, through: [], refused: 401 },
  'GET /api/auth/me': { signedOut: 401, through: 'all' },
  'GET /api/users': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/roles': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/users': { signedOut: 401, through: ['admin'] },
  'POST /api/users/{id}/disable': { signedOut: 401, through: ['admin'] },
  'POST /api/users/{id}/enable': { signedOut: 401, through: ['admin'] },
  'POST /api/users/{id}/password': { signedOut: 401, through: ['admin'] },
  'POST /api/users/{id}/sessions/revoke': { signedOut: 401, through: ['admin'] },
  'GET /api/departments': { signedOut: 401, through: 'all' },
  'POST /api/departments': { signedOut: 401, through: ['admin'] },
  'GET /api/audit/verify': { signedOut: 401, through: ['admin'] },
  'GET /api/customers/{id}': { signedOut: 401, through: ['agent', 'supervisor', 'admin'] },
  'GET /api/customers/{id}/summary': { signedOut: 401, through: ['supervisor'] },
  'GET /api/customers/{id}/statements': { signedOut: 401, through: ['agent', 'supervisor', 'admin'] },
  'GET /api/customers/{id}/transactions': { signedOut: 401, through: ['agent', 'supervisor', 'admin'] },
  'POST /api/cards/{id}/freeze': { signedOut: 401, through: ['supervisor'] },
  'POST /api/cards/{id}/unfreeze': { signedOut: 401, through: ['supervisor'] },
  'POST /api/cards/{id}/report-lost': { signedOut: 401, through: ['supervisor'] },
  'POST /api/cards/{id}/activate': { signedOut: 401, through: ['supervisor'] },
  'POST /api/cards/{id}/replace': { signedOut: 401, through: ['supervisor'] },
  'POST /api/cards/{id}/cancel': { signedOut: 401, through: ['supervisor'] },
  'GET /api/cards/{id}/annual-fee-waiver': { signedOut: 401, through: ['agent', 'supervisor'] },
  'GET /api/accounts/{id}/transactions': { signedOut: 401, through: ['agent', 'supervisor', 'admin'] },
  'POST /api/accounts/{id}/repayments': { signedOut: 401, through: [], paymentSystem: 'ok' },
  'POST /api/accounts/{id}/limit/temporary': { signedOut: 401, through: ['supervisor'] },
  'GET /api/accounts/{id}/limit/eligibility': { signedOut: 401, through: ['agent', 'supervisor'] },
  'POST /api/accounts/{id}/limit/permanent': { signedOut: 401, through: ['supervisor'] },
  'GET /api/limit-changes/pending': { signedOut: 401, through: ['senior_agent', 'supervisor'] },
  'POST /api/limit-changes/{id}/decision': { signedOut: 401, through: ['senior_agent', 'supervisor'] },
  'GET /api/accounts/{id}/points': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/accounts/{id}/points': { signedOut: 401, through: ['supervisor'] },
  'GET /api/accounts/{id}/installment-options': { signedOut: 401, through: ['supervisor'] },
  'POST /api/installments/quote': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'POST /api/installments': { signedOut: 401, through: 'all' },
  'POST /api/installments/{id}/prepay': { signedOut: 401, through: ['supervisor'] },
  'POST /api/calculators/installment': { signedOut: 401, through: 'all' },
  'POST /api/calculators/revolving-interest': { signedOut: 401, through: 'all' },
  'GET /api/products': { signedOut: 401, through: 'all' },
  'POST /api/products': { signedOut: 401, through: ['admin'] },
  'POST /api/products/{id}/versions': { signedOut: 401, through: ['admin'] },
  'POST /api/applications': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'GET /api/applications/{id}': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'POST /api/applications/{id}/decision': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/contacts': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'GET /api/contacts': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'GET /api/contacts/stats': { signedOut: 401, through: ['supervisor', 'qa', 'admin'] },
  'GET /api/contacts/settings': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'dept_handler', 'admin'],
  },
  'PUT /api/contacts/settings': { signedOut: 401, through: ['admin'] },
  'GET /api/contacts/{id}': { signedOut: 401, through: ['agent', 'supervisor', 'qa', 'admin'] },
  'GET /api/contacts/{id}/turns': { signedOut: 401, through: ['agent', 'supervisor', 'qa', 'admin'] },
  'POST /api/contacts/{id}/turns': { signedOut: 401, through: ['agent'] },
  'POST /api/contacts/{id}/customer': { signedOut: 401, through: ['agent'] },
  'POST /api/contacts/{id}/verification/otp': { signedOut: 401, through: ['agent'] },
  'POST /api/contacts/{id}/verify': { signedOut: 401, through: ['agent'] },
  'POST /api/contacts/{id}/stage': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'PUT /api/contacts/{id}/classification': { signedOut: 401, through: ['agent'] },
  'GET /api/contacts/{id}/suggestions': { signedOut: 401, through: ['agent', 'supervisor'] },
  'POST /api/contacts/{id}/close': { signedOut: 401, through: ['agent'] },
  'POST /api/contacts/{id}/accept': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'],
  },
  'POST /api/contacts/{id}/transfer': { signedOut: 401, through: ['agent'] },
  'GET /api/contacts/{id}/handover': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'],
  },
  'POST /api/contacts/{id}/handover/acknowledge': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'],
  },
  'GET /api/handovers': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'POST /api/contacts/{id}/promises': { signedOut: 401, through: 'all' },
  'GET /api/promises': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'admin'],
  },
  'POST /api/promises/{id}/fulfil': { signedOut: 401, through: ['agent', 'supervisor'] },
  // The desk: `contacts.handle` roles, narrowed to the contact's handler for a contact's own actions.
  'POST /api/contacts/{id}/typing': { signedOut: 401, through: ['agent'] },
  'POST /api/contacts/{id}/survey': { signedOut: 401, through: ['agent'] },
  'GET /api/me/state': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'PUT /api/me/state': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'GET /api/canned-replies': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'POST /api/canned-replies': { signedOut: 401, through: ['senior_agent', 'supervisor'] },
  'PUT /api/canned-replies/{id}': { signedOut: 401, through: ['senior_agent', 'supervisor'] },
  'DELETE /api/canned-replies/{id}': { signedOut: 401, through: ['senior_agent', 'supervisor'] },
  // The customer's survey link: public by its route, the token is the only key (unknown, answered or
  // expired: 410 SURVEY_CLOSED, changing nothing).
  'GET /api/surveys/{token}': { signedOut: 'open', through: 'all' },
  'POST /api/surveys/{token}': { signedOut: 'open', through: 'all' },
  'GET /api/queues': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'admin'],
  },
  'GET /api/queues/{code}/contacts': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'admin'] },
  'POST /api/queues/{code}/take': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'GET /api/supervisor/live': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/supervisor/contacts': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/supervisor/alerts': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/supervisor/alerts/{id}/acknowledge': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/demo/otp': { signedOut: 401, through: ['agent', 'senior_agent'] },
  'POST /api/chat/otp': { signedOut: 'open', through: 'all' },
  'POST /api/chat/sessions': { signedOut: 401, through: [], refused: 401 },
  'GET /api/chat/messages': { signedOut: 401, through: [], refused: 401 },
  'POST /api/chat/messages': { signedOut: 401, through: [], refused: 401 },
  'POST /api/chat/end': { signedOut: 401, through: [], refused: 401 },
  'POST /api/cases/complaints': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'GET /api/cases': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'head_office', 'admin'],
  },
  'GET /api/cases/root-causes': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'head_office', 'admin'],
  },
  'PUT /api/cases/root-causes/{code}': { signedOut: 401, through: ['admin'] },
  'GET /api/cases/settings': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'head_office', 'admin'],
  },
  'PUT /api/cases/settings': { signedOut: 401, through: ['admin'] },
  'GET /api/cases/holidays/{year}': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor', 'qa', 'dept_handler', 'head_office', 'admin'],
  },
  'PUT /api/cases/holidays/{year}': { signedOut: 401, through: ['admin'] },
  'POST /api/cases/conflicts': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/cases/analysis': { signedOut: 401, through: ['supervisor', 'qa', 'admin'] },
  'GET /api/cases/analysis.xlsx': { signedOut: 401, through: ['supervisor', 'qa', 'admin'] },
  'GET /api/cases/messages': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/cases/{id}': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/notes': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/refer': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/accept': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/decline': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/assign': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/resolve': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/notify-result': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/feedback': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/close': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/reopen': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/review': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/complex': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/extension-request': { signedOut: 401, through: ['supervisor', 'admin'] },
  // Head office only (cases.approve_extension), and only on a case with a pending extension (per-case
  // access): the matrix's case has none, so every role is refused here.
  'POST /api/cases/{id}/extension-approval': { signedOut: 401, through: [] },
  'POST /api/cases/{id}/appraisals': { signedOut: 401, through: ['supervisor', 'admin'] },
  'POST /api/cases/{id}/appraisals/end': { signedOut: 401, through: ['supervisor', 'admin'] },
  'GET /api/emergency/settings': { signedOut: 401, through: ['admin'] },
  'PUT /api/emergency/settings': { signedOut: 401, through: ['admin'] },
  'POST /api/emergency/reports': { signedOut: 401, through: ['supervisor'] },
  'GET /api/emergency/reports/{id}': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'GET /api/emergency/reports/{id}/transactions': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'POST /api/emergency/reports/{id}/unrecognised': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'GET /api/kb/search': { signedOut: 401, through: 'all' },
  'POST /api/kb/match': { signedOut: 401, through: 'all' },
  'POST /api/public/kb/match': { signedOut: 'open', through: 'all' },
  'GET /api/public/kb/articles/{id}': { signedOut: 'open', through: 'all' },
  'GET /api/kb/articles/{id}': { signedOut: 401, through: 'all' },
  'GET /api/kb/articles': { signedOut: 401, through: ['supervisor', 'kb_editor'] },
  'POST /api/kb/articles': { signedOut: 401, through: ['kb_editor'] },
  'GET /api/kb/articles/{id}/versions': { signedOut: 401, through: ['supervisor', 'kb_editor'] },
  'POST /api/kb/articles/{id}/versions': { signedOut: 401, through: ['kb_editor'] },
  'POST /api/kb/articles/{id}/retire': { signedOut: 401, through: ['supervisor', 'kb_editor'] },
  'GET /api/kb/versions/{versionId}': { signedOut: 401, through: ['supervisor', 'kb_editor'] },
  'PATCH /api/kb/versions/{versionId}': { signedOut: 401, through: ['kb_editor'] },
  'POST /api/kb/versions/{versionId}/submit': { signedOut: 401, through: ['kb_editor'] },
  'POST /api/kb/versions/{versionId}/approve': { signedOut: 401, through: ['supervisor', 'kb_editor'] },
  'POST /api/kb/versions/{versionId}/reject': { signedOut: 401, through: ['supervisor', 'kb_editor'] },
  'POST /api/kb/suggestions': { signedOut: 401, through: 'all' },
  'POST /api/kb/suggestions/{id}/outcome': { signedOut: 401, through: 'all' },
  'GET /api/kb/synonyms': { signedOut: 401, through: 'all' },
  'POST /api/kb/synonyms': { signedOut: 401, through: ['kb_editor'] },
  'DELETE /api/kb/synonyms/{id}': { signedOut: 401, through: ['kb_editor'] },
  'POST /api/nlu/analyze': { signedOut: 401, through: 'all' },
  'POST /api/customers/search': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'POST /api/calculators/minimum-payment': { signedOut: 401, through: 'all' },
  'POST /api/calculators/interest-free-period': { signedOut: 401, through: 'all' },
  'POST /api/accounts/{id}/annual-fee-adjustments': { signedOut: 401, through: ['supervisor'] },
  'POST /api/annual-fee-adjustments/{id}/decision': { signedOut: 401, through: ['senior_agent', 'supervisor'] },
  'POST /api/accounts/{id}/credit-balance/refund': { signedOut: 401, through: ['supervisor'] },
  'POST /api/applications/search': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor'] },
  'POST /api/cases/repayment-traces': { signedOut: 401, through: ['supervisor'] },
  'POST /api/emergency/fraud-cases/{id}/decision': { signedOut: 401, through: ['dept_handler', 'supervisor'] },
  'POST /api/emergency/reports/{id}/formal-report': {
    signedOut: 401,
    through: ['agent', 'senior_agent', 'supervisor'],
  },
  // Quality inspection (质检): inspectors review and calibrate, the QA lead edits scorecards, agents see their own
  // released results and appeal, supervisors read the figures and rule on appeals; the draft guard is for
  // whoever sends replies.
  'GET /api/qa/queue': { signedOut: 401, through: ['qa'] },
  'GET /api/qa/inspections/{id}': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'qa'] },
  'POST /api/qa/findings/{id}/review': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/inspections/{id}/release': { signedOut: 401, through: ['qa'] },
  'GET /api/qa/me/results': { signedOut: 401, through: ['agent', 'senior_agent'] },
  'POST /api/qa/findings/{id}/appeal': { signedOut: 401, through: ['agent', 'senior_agent'] },
  'GET /api/qa/appeals': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'qa'] },
  'POST /api/qa/appeals/{id}/reinspect': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/appeals/{id}/ruling': { signedOut: 401, through: ['supervisor'] },
  'GET /api/qa/scorecards': { signedOut: 401, through: ['supervisor', 'qa'] },
  'POST /api/qa/scorecards': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/scorecards/{code}/versions': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/scorecard-versions/{id}/publish': { signedOut: 401, through: ['qa'] },
  'GET /api/qa/calibrations': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/calibrations': { signedOut: 401, through: ['qa'] },
  'PUT /api/qa/calibrations/{id}/results': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/calibrations/{id}/close': { signedOut: 401, through: ['qa'] },
  'GET /api/qa/calibrations/{id}': { signedOut: 401, through: ['qa'] },
  'POST /api/qa/guard': { signedOut: 401, through: ['agent', 'senior_agent', 'supervisor', 'dept_handler'] },
  'GET /api/qa/stats': { signedOut: 401, through: ['supervisor', 'qa'] },
  'GET /api/qa/results.xlsx': { signedOut: 401, through: ['supervisor', 'qa'] },
  'POST /api/auth/logout': { signedOut: 401, through: 'all' },
};
