import { z } from 'zod';
import { idSchema } from '../common.ts';
import { qualityEndpoints } from '../endpoints/quality.ts';
import { defineRoutes } from '../http/route.ts';
import {
  appealDecisionSchema,
  appealsQuerySchema,
  calibrationReportSchema,
  calibrationRoundSchema,
  createScorecardSchema,
  findingResultSchema,
  guardDraftSchema,
  guardVerdictSchema,
  myQaResultsSchema,
  qaAppealSchema,
  qaInspectionDetailSchema,
  qaInspectionSchema,
  qaSamplingRulesSchema,
  qaStatsQuerySchema,
  qaStatsSchema,
  reviewFindingSchema,
  scorecardDefinitionSchema,
  scorecardSummarySchema,
  scorecardVersionSchema,
} from '../quality.ts';

const params = z.object({ id: idSchema });

/** A file sent as it is (the serializer never sees it): documented as binary. */
const binary = z.custom<Uint8Array>((v) => v instanceof Uint8Array).meta({ type: 'string', format: 'binary' });

/** Quality inspection over HTTP: review queue, appeals, scorecards, calibration, the draft guard, statistics. */
export const qualityRoutes = defineRoutes(
  qualityEndpoints,
  { tags: ['quality'] },
  {
    queue: {
      summary: '质检抽检队列 / Sampled inspections waiting for human review, oldest first',
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
      response: { 200: z.array(qaInspectionSchema) },
    },
    inspection: {
      summary:
        'An inspection with its transcript, findings (turn and evidence) and appeals: inspectors and ' +
        'supervisors; the agent inspected once it is released',
      params,
      response: { 200: qaInspectionDetailSchema },
    },
    reviewFinding: {
      summary: 'Confirm or overturn an automatic finding (before release); the score follows',
      params,
      body: reviewFindingSchema,
      response: { 200: qaInspectionSchema },
    },
    release: {
      summary: 'Release the result to the agent it concerns',
      params,
      response: { 200: qaInspectionSchema },
    },
    myResults: {
      summary: "The signed-in agent's released results, weekly trend and appeals",
      response: { 200: myQaResultsSchema },
    },
    appeal: {
      summary: '申诉: the agent appeals one finding of their own released result',
      params,
      body: z.object({ comment: z.string().trim().min(4).max(2000) }),
      response: { 201: qaAppealSchema },
    },
    appeals: {
      summary: 'Appeals: inspectors and supervisors see all (by status); an agent sees their own',
      query: appealsQuerySchema,
      response: { 200: z.array(qaAppealSchema) },
    },
    reinspect: {
      summary: 'An inspector re-inspects an open appeal and proposes to uphold or overturn the finding',
      params,
      body: appealDecisionSchema,
      response: { 200: qaAppealSchema },
    },
    rule: {
      summary: "The supervisor's final ruling on a re-inspected appeal (no appeal after it)",
      params,
      body: appealDecisionSchema,
      response: { 200: qaAppealSchema },
    },
    scorecards: {
      summary: 'Scorecards with their versions (drafts, the published one, retired ones)',
      response: { 200: z.array(scorecardSummarySchema) },
    },
    createScorecard: {
      summary: 'A new scorecard, its first version a draft',
      body: createScorecardSchema,
      response: { 201: scorecardVersionSchema },
    },
    draftScorecard: {
      summary: 'A new draft version of a scorecard (the QA lead)',
      params: z.object({ code: z.string().min(1).max(40) }),
      body: z.object({ definition: scorecardDefinitionSchema }),
      response: { 201: scorecardVersionSchema },
    },
    publishScorecard: {
      summary: 'Publish a draft version: by someone other than its author; the version before it retires',
      params,
      response: { 200: scorecardVersionSchema },
    },
    calibrations: {
      summary: 'Calibration rounds, newest first',
      response: { 200: z.array(calibrationRoundSchema) },
    },
    startCalibration: {
      summary: 'The lead opens a calibration round on an inspection',
      body: z.object({ inspectionId: idSchema }),
      response: { 201: z.object({ id: z.string() }) },
    },
    submitCalibration: {
      summary: "An inspector's blind results per item (sent again, they replace the earlier ones)",
      params,
      body: z.object({ results: z.record(z.string().max(50), findingResultSchema) }),
      response: { 204: z.undefined().describe('Recorded') },
    },
    closeCalibration: {
      summary: 'The lead closes the round: the deviations from the lead become visible',
      params,
      response: { 200: calibrationReportSchema },
    },
    calibrationReport: {
      summary: 'The deviations of a closed round per inspector and per item',
      params,
      response: { 200: calibrationReportSchema },
    },
    guard: {
      summary:
        'The real-time guard: check a reply draft with the published rules before sending (a warning names ' +
        'the rule; a blocking one stops the send until rephrased)',
      body: guardDraftSchema,
      response: { 200: guardVerdictSchema },
    },
    stats: {
      summary: 'Per item, agent and team: inspections, average score, pass rate, fatal results, overturns',
      query: qaStatsQuerySchema,
      response: { 200: qaStatsSchema },
    },
    samplingRules: {
      summary:
        'The sampling rules for human review: fatal, critical, score below, complaint, random share per agent per week',
      response: { 200: qaSamplingRulesSchema },
    },
    setSamplingRules: {
      summary: 'The QA lead sets the sampling rules (audited; they apply to inspections from then on)',
      body: qaSamplingRulesSchema,
      response: { 200: qaSamplingRulesSchema },
    },
    resultsWorkbook: {
      summary:
        'Inspection results as an Excel workbook: per contact the agent, channel, score, passed / fatal and ' +
        "each item's result (Beijing time, Chinese headings)",
      query: qaStatsQuerySchema,
      file: {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        description: 'The workbook, sent as an attachment',
      },
      response: { 200: binary },
    },
  },
);
