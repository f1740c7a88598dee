import { get, post, put } from '../http/endpoint.ts';

/** Quality inspection's endpoints (server/src/modules/quality). */
export const qualityEndpoints = {
  queue: get('/api/qa/queue'),
  inspection: get('/api/qa/inspections/:id'),
  reviewFinding: post('/api/qa/findings/:id/review'),
  release: post('/api/qa/inspections/:id/release'),
  myResults: get('/api/qa/me/results'),
  appeal: post('/api/qa/findings/:id/appeal'),
  appeals: get('/api/qa/appeals'),
  reinspect: post('/api/qa/appeals/:id/reinspect'),
  rule: post('/api/qa/appeals/:id/ruling'),
  scorecards: get('/api/qa/scorecards'),
  createScorecard: post('/api/qa/scorecards'),
  draftScorecard: post('/api/qa/scorecards/:code/versions'),
  publishScorecard: post('/api/qa/scorecard-versions/:id/publish'),
  calibrations: get('/api/qa/calibrations'),
  startCalibration: post('/api/qa/calibrations'),
  submitCalibration: put('/api/qa/calibrations/:id/results'),
  closeCalibration: post('/api/qa/calibrations/:id/close'),
  calibrationReport: get('/api/qa/calibrations/:id'),
  guard: post('/api/qa/guard'),
  stats: get('/api/qa/stats'),
  samplingRules: get('/api/qa/sampling-rules'),
  setSamplingRules: put('/api/qa/sampling-rules'),
  resultsWorkbook: get('/api/qa/results.xlsx'),
} as const;
