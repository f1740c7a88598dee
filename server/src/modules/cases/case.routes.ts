import { casesRoutes as api } from '@carddesk/contracts';
import { handle } from '../../platform/http/route.ts';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { analyzeComplaints } from './analysis.ts';
import { analysisWorkbook } from './analysis-workbook.ts';
import { addNote, getCase, listCases, openComplaint, openRepaymentTrace } from './case.service.ts';
import { listHolidays, readCaseSettings } from './case.settings.ts';
import { readCustomerMessages } from './case-messages.service.ts';
import {
  acceptCase,
  assignCase,
  closeCase,
  declineCase,
  notifyResult,
  recordFeedback,
  referCase,
  reopenCase,
  requestReview,
  resolveCase,
} from './case-workflow.service.ts';
import {
  approveExtension,
  endAppraisal,
  markComplex,
  replaceHolidays,
  requestExtension,
  startAppraisal,
  updateCaseSettings,
} from './clock.service.ts';
import { declareConflict } from './conflicts.ts';
import { listRootCauses, saveRootCause } from './root-causes.ts';

/** Complaints and fraud cases: the handlers of `casesRoutes` (packages/contracts/src/routes/cases.ts). */
export const caseRoutes: ModuleRoutes = async (app) => {
  handle(app, api.openComplaint, async (request) => openComplaint(request.ctx, request.body));
  handle(app, api.openRepaymentTrace, async (request) => openRepaymentTrace(request.ctx, request.body));
  handle(app, api.list, async (request) => listCases(request.ctx, request.query));

  handle(app, api.listRootCauses, async (request) => listRootCauses(request.ctx, request.query.all === 'true'));
  handle(app, api.saveRootCause, async (request) =>
    saveRootCause(request.ctx, { ...request.body, code: request.params.code }),
  );

  handle(app, api.settings, async (request) => readCaseSettings(request.ctx));
  handle(app, api.updateSettings, async (request) => updateCaseSettings(request.ctx, request.body));
  handle(app, api.holidays, async (request) => listHolidays(request.ctx, request.params.year));
  handle(app, api.replaceHolidays, async (request) => replaceHolidays(request.ctx, request.params.year, request.body));

  handle(app, api.declareConflict, async (request) => {
    await declareConflict(request.ctx, request.body);
  });

  handle(app, api.analysis, async (request) => analyzeComplaints(request.ctx, request.query));
  handle(app, api.analysisWorkbook, async (request, reply) => {
    const analysis = await analyzeComplaints(request.ctx, request.query);
    const { from, to } = request.query;
    reply.header('content-disposition', `attachment; filename="complaints-${from}-${to}.xlsx"`);
    return analysisWorkbook(analysis, request.ctx.clock.now().toISOString());
  });

  handle(app, api.messages, async (request) => readCustomerMessages(request.ctx, request.query.customerId));
  handle(app, api.get, async (request) => getCase(request.ctx, request.params.id));
  handle(app, api.addNote, async (request) => {
    await addNote(request.ctx, request.params.id, request.body.body);
  });
  handle(app, api.refer, async (request) => referCase(request.ctx, request.params.id, request.body));
  handle(app, api.accept, async (request) => acceptCase(request.ctx, request.params.id));
  handle(app, api.decline, async (request) => declineCase(request.ctx, request.params.id, request.body.reason));
  handle(app, api.assign, async (request) => assignCase(request.ctx, request.params.id, request.body.userId));
  handle(app, api.resolve, async (request) => resolveCase(request.ctx, request.params.id, request.body.result));
  handle(app, api.notifyResult, async (request) => notifyResult(request.ctx, request.params.id, request.body));
  handle(app, api.feedback, async (request) =>
    recordFeedback(request.ctx, request.params.id, request.body.feedback, request.body.note),
  );
  handle(app, api.close, async (request) => closeCase(request.ctx, request.params.id, request.body));
  handle(app, api.reopen, async (request) => reopenCase(request.ctx, request.params.id, request.body.reason));
  handle(app, api.requestReview, async (request) => requestReview(request.ctx, request.params.id, request.body.reason));
  handle(app, api.markComplex, async (request) => markComplex(request.ctx, request.params.id, request.body.reason));
  handle(app, api.requestExtension, async (request) =>
    requestExtension(request.ctx, request.params.id, request.body.reason),
  );
  handle(app, api.approveExtension, async (request) =>
    approveExtension(request.ctx, request.params.id, request.body.note),
  );
  handle(app, api.startAppraisal, async (request) => startAppraisal(request.ctx, request.params.id, request.body));
  handle(app, api.endAppraisal, async (request) => endAppraisal(request.ctx, request.params.id));
};
