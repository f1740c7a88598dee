import { get, post, put } from '../http/endpoint.ts';

/**
 * The cases module's endpoints (server/src/modules/cases): complaints with their regulatory clock, fraud and
 * repayment-trace cases, the root-cause taxonomy, the holiday calendar and the complaint analysis. Reading a
 * case works inside a contact (`X-Contact-Id`) or the case's department, or with a supervisor's reason.
 */
export const casesEndpoints = {
  openComplaint: post('/api/cases/complaints'),
  openRepaymentTrace: post('/api/cases/repayment-traces'),
  list: get('/api/cases'),
  listRootCauses: get('/api/cases/root-causes'),
  saveRootCause: put('/api/cases/root-causes/:code'),
  settings: get('/api/cases/settings'),
  updateSettings: put('/api/cases/settings'),
  holidays: get('/api/cases/holidays/:year'),
  replaceHolidays: put('/api/cases/holidays/:year'),
  declareConflict: post('/api/cases/conflicts'),
  analysis: get('/api/cases/analysis'),
  analysisWorkbook: get('/api/cases/analysis.xlsx'),
  messages: get('/api/cases/messages'),
  get: get('/api/cases/:id'),
  addNote: post('/api/cases/:id/notes'),
  refer: post('/api/cases/:id/refer'),
  accept: post('/api/cases/:id/accept'),
  decline: post('/api/cases/:id/decline'),
  assign: post('/api/cases/:id/assign'),
  resolve: post('/api/cases/:id/resolve'),
  notifyResult: post('/api/cases/:id/notify-result'),
  feedback: post('/api/cases/:id/feedback'),
  close: post('/api/cases/:id/close'),
  reopen: post('/api/cases/:id/reopen'),
  requestReview: post('/api/cases/:id/review'),
  markComplex: post('/api/cases/:id/complex'),
  requestExtension: post('/api/cases/:id/extension-request'),
  approveExtension: post('/api/cases/:id/extension-approval'),
  startAppraisal: post('/api/cases/:id/appraisals'),
  endAppraisal: post('/api/cases/:id/appraisals/end'),
} as const;
