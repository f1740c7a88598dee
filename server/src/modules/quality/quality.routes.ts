import { qualityRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { calibrationReport, closeCalibration, startCalibration, submitCalibration } from './calibration.service.ts';
import { reviewQueue } from './inspection.service.ts';
import { guardCheck, inspectionDetail, listAppeals, listCalibrations, myResults, qaStats } from './portal.service.ts';
import { qaResultsWorkbook } from './results-workbook.ts';
import { fileAppeal, reinspectAppeal, releaseInspection, reviewFinding, ruleAppeal } from './review.service.ts';
import { getSamplingRules, setSamplingRules } from './sampling.ts';
import {
  createScorecard,
  draftScorecardVersion,
  listScorecards,
  publishScorecardVersion,
} from './scorecard.service.ts';

/** Quality inspection: the handlers of `qualityRoutes` (packages/contracts/src/routes/quality.ts). */
export const qualityRoutes: ModuleRoutes = async (app) => {
  handle(app, api.queue, async (request) => reviewQueue(request.ctx, request.query.limit));
  handle(app, api.inspection, async (request) => inspectionDetail(request.ctx, request.params.id));
  handle(app, api.reviewFinding, async (request) => reviewFinding(request.ctx, request.params.id, request.body));
  handle(app, api.release, async (request) => releaseInspection(request.ctx, request.params.id));
  handle(app, api.myResults, async (request) => myResults(request.ctx));
  handle(app, api.appeal, async (request) => fileAppeal(request.ctx, request.params.id, request.body.comment));
  handle(app, api.appeals, async (request) => listAppeals(request.ctx, request.query));
  handle(app, api.reinspect, async (request) => reinspectAppeal(request.ctx, request.params.id, request.body));
  handle(app, api.rule, async (request) => ruleAppeal(request.ctx, request.params.id, request.body));
  handle(app, api.scorecards, async (request) => listScorecards(request.ctx));
  handle(app, api.createScorecard, async (request) => createScorecard(request.ctx, request.body));
  handle(app, api.draftScorecard, async (request) =>
    draftScorecardVersion(request.ctx, request.params.code, request.body.definition),
  );
  handle(app, api.publishScorecard, async (request) => publishScorecardVersion(request.ctx, request.params.id));
  handle(app, api.calibrations, async (request) => listCalibrations(request.ctx));
  handle(app, api.startCalibration, async (request) => startCalibration(request.ctx, request.body.inspectionId));
  handle(app, api.submitCalibration, async (request) => {
    await submitCalibration(request.ctx, request.params.id, request.body.results);
  });
  handle(app, api.closeCalibration, async (request) => closeCalibration(request.ctx, request.params.id));
  handle(app, api.calibrationReport, async (request) => calibrationReport(request.ctx, request.params.id));
  handle(app, api.guard, async (request) => guardCheck(request.ctx, request.body));
  handle(app, api.stats, async (request) => qaStats(request.ctx, request.query));
  handle(app, api.samplingRules, async (request) => getSamplingRules(request.ctx));
  handle(app, api.setSamplingRules, async (request) => setSamplingRules(request.ctx, request.body));
  handle(app, api.resultsWorkbook, async (request, reply) => {
    const { from, to } = request.query;
    const span = from || to ? `-${from ?? ''}-${to ?? ''}` : '';
    reply.header('content-disposition', `attachment; filename="qa-results${span}.xlsx"`);
    return qaResultsWorkbook(request.ctx, request.query);
  });
};
