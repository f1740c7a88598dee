import { qualityEndpoints as qa } from '@carddesk/contracts/endpoints';
import { type Answer, type Body, call, download } from '../app/api.ts';

/**
 * Quality inspection (server/src/modules/quality): the review queue, inspections with their transcript,
 * appeals, scorecards, calibration, the draft guard and the figures. Paths, bodies and answers are the
 * contract's (`packages/contracts/src/routes/quality.ts`).
 */
export type {
  GuardVerdictView as GuardVerdict,
  QaAppeal,
  QaInspection,
  QaInspectionDetail,
  QaStats,
} from '@carddesk/contracts';
export type ScorecardSummary = Answer<typeof qa.scorecards>[number];
export type MyQaResults = Answer<typeof qa.myResults>;

export const reviewQueue = (signal?: AbortSignal) => call(qa.queue, { query: {} }, { signal });
export const getInspection = (id: string, signal?: AbortSignal) => call(qa.inspection, { params: { id } }, { signal });
export const reviewFinding = (key: string, id: string, body: Body<typeof qa.reviewFinding>) =>
  call(qa.reviewFinding, { params: { id }, body }, { idempotencyKey: key });
export const releaseInspection = (key: string, id: string) =>
  call(qa.release, { params: { id } }, { idempotencyKey: key });
export const myQaResults = (signal?: AbortSignal) => call(qa.myResults, {}, { signal });
export const fileAppeal = (key: string, findingId: string, comment: string) =>
  call(qa.appeal, { params: { id: findingId }, body: { comment } }, { idempotencyKey: key });
export const listAppeals = (status: 'open' | 'reinspected' | 'final' | undefined, signal?: AbortSignal) =>
  call(qa.appeals, { query: status ? { status } : {} }, { signal });
export const reinspectAppeal = (key: string, id: string, body: Body<typeof qa.reinspect>) =>
  call(qa.reinspect, { params: { id }, body }, { idempotencyKey: key });
export const ruleAppeal = (key: string, id: string, body: Body<typeof qa.rule>) =>
  call(qa.rule, { params: { id }, body }, { idempotencyKey: key });
export const listScorecards = (signal?: AbortSignal) => call(qa.scorecards, {}, { signal });
export const draftScorecard = (key: string, code: string, definition: Record<string, unknown>) =>
  call(qa.draftScorecard, { params: { code }, body: { definition } }, { idempotencyKey: key });
export const publishScorecard = (key: string, id: string) =>
  call(qa.publishScorecard, { params: { id } }, { idempotencyKey: key });
export const listCalibrations = (signal?: AbortSignal) => call(qa.calibrations, {}, { signal });
export type CalibrationReport = Answer<typeof qa.calibrationReport>;
export type FindingResult = 'pass' | 'fail' | 'n/a';
export const startCalibration = (key: string, inspectionId: string) =>
  call(qa.startCalibration, { body: { inspectionId } }, { idempotencyKey: key });
export const submitCalibration = (key: string, id: string, results: Record<string, FindingResult>) =>
  call(qa.submitCalibration, { params: { id }, body: { results } }, { idempotencyKey: key });
export const closeCalibration = (key: string, id: string) =>
  call(qa.closeCalibration, { params: { id } }, { idempotencyKey: key });
export const calibrationReport = (id: string, signal?: AbortSignal) =>
  call(qa.calibrationReport, { params: { id } }, { signal });
export const guardDraft = (text: string, signal?: AbortSignal) =>
  call(qa.guard, { body: { channel: 'chat', text } }, { signal });
export const qaStats = (signal?: AbortSignal) => call(qa.stats, { query: {} }, { signal });
/** The inspection results per contact as an Excel workbook (a browser download). */
export const downloadQaResults = (filename: string) => download(qa.resultsWorkbook, { query: {} }, filename);
export type SamplingRules = Answer<typeof qa.samplingRules>;
export const getSamplingRules = (signal?: AbortSignal) => call(qa.samplingRules, {}, { signal });
export const setSamplingRules = (key: string, body: Body<typeof qa.setSamplingRules>) =>
  call(qa.setSamplingRules, { body }, { idempotencyKey: key });
