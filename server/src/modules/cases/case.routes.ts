import {
  calendarDateSchema,
  caseDetailSchema,
  caseListSchema,
  caseMessageSchema,
  caseSchema,
  complaintAnalysisSchema,
  idSchema,
  rootCauseViewSchema,
} from '@carddesk/contracts';
import { z } from 'zod';
import type { ModuleRoutes } from '../../platform/http/types.ts';
import { analysisWorkbook } from './analysis.excel.ts';
import { analysisQuerySchema, analyzeComplaints } from './analysis.ts';
import {
  approveExtension,
  endAppraisal,
  markComplex,
  replaceHolidays,
  requestExtension,
  startAppraisal,
  updateCaseSettings,
} from './case.clock.service.ts';
import { readCustomerMessages } from './case.messages.ts';
import { complaintIntakeSchema, listQuerySchema, referSchema, repaymentTraceIntakeSchema } from './case.schemas.ts';
import { addNote, getCase, listCases, openComplaint, openRepaymentTrace } from './case.service.ts';
import { caseSettingsSchema, listHolidays, readCaseSettings } from './case.settings.ts';
import { FEEDBACK } from './case.ts';
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
} from './case.workflow.ts';
import { declareConflict } from './conflicts.ts';
import { listRootCauses, rootCauseSchema, saveRootCause } from './root-causes.ts';

const tags = ['cases'];
const params = z.object({ id: z.string().min(1).max(64) });
const text = (max: number) => z.string().trim().min(1).max(max);
const reasonBody = z.object({ reason: text(2000) });
const one = { 200: caseSchema };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A file sent as it is (the serializer never sees it): documented as binary. */
const binary = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** HTTP for complaints and fraud cases: validate, call the service with the request's context. */
export const caseRoutes: ModuleRoutes = async (app) => {
  app.post(
    '/api/cases/complaints',
    {
      schema: {
        tags,
        summary: 'Record a complaint (or resolve it on the spot)',
        body: complaintIntakeSchema,
        response: { 201: caseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await openComplaint(request.ctx, request.body)),
  );
  app.post(
    '/api/cases/repayment-traces',
    {
      schema: {
        tags,
        summary: 'Repayment not credited (还款未入账): open a case with the customer’s transfer reference',
        body: repaymentTraceIntakeSchema,
        response: { 201: caseSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await openRepaymentTrace(request.ctx, request.body)),
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'List, filter and search cases',
        querystring: listQuerySchema,
        response: { 200: caseListSchema },
      },
    },
    async (request) => listCases(request.ctx, request.query),
  );

  app.get(
    '/api/cases/root-causes',
    {
      schema: {
        tags,
        querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(rootCauseViewSchema) },
      },
    },
    async (request) => listRootCauses(request.ctx, request.query.all === 'true'),
  );
  app.put(
    '/api/cases/root-causes/:code',
    {
      schema: {
        tags,
        params: z.object({ code: rootCauseSchema.shape.code }),
        body: rootCauseSchema.omit({ code: true }),
        response: { 200: rootCauseViewSchema },
      },
    },
    async (request) => saveRootCause(request.ctx, { ...request.body, code: request.params.code }),
  );

  app.get('/api/cases/settings', { schema: { tags, response: { 200: caseSettingsSchema } } }, async (request) =>
    readCaseSettings(request.ctx),
  );
  app.put(
    '/api/cases/settings',
    { schema: { tags, body: caseSettingsSchema.partial(), response: { 200: caseSettingsSchema } } },
    async (request) => updateCaseSettings(request.ctx, request.body),
  );

  const holiday = z.object({ date: calendarDateSchema, working: z.boolean(), name: text(40) });
  const year = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
  app.get(
    '/api/cases/holidays/:year',
    { schema: { tags, params: year, response: { 200: z.array(holiday) } } },
    async (request) => listHolidays(request.ctx, request.params.year),
  );
  app.put(
    '/api/cases/holidays/:year',
    {
      schema: {
        tags,
        summary: 'Replace one year of the bank holiday calendar',
        params: year,
        body: z.array(holiday).max(200),
        response: { 200: z.array(holiday) },
      },
    },
    async (request) => replaceHolidays(request.ctx, request.params.year, request.body),
  );

  app.post(
    '/api/cases/conflicts',
    {
      schema: {
        tags,
        summary: 'Declare a conflict of interest',
        body: z.object({ userId: idSchema, customerId: idSchema, reason: text(500) }),
        response: { 204: z.undefined().describe('Declared (or already on record)') },
      },
    },
    async (request, reply) => {
      await declareConflict(request.ctx, request.body);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/cases/analysis',
    {
      schema: {
        tags,
        summary: 'Complaint analysis by cause, product, department, channel and month',
        querystring: analysisQuerySchema,
        response: { 200: complaintAnalysisSchema },
      },
    },
    async (request) => analyzeComplaints(request.ctx, request.query),
  );
  app.get(
    '/api/cases/analysis.xlsx',
    {
      schema: {
        tags,
        summary: 'The complaint analysis as an Excel workbook',
        querystring: analysisQuerySchema,
        response: {
          200: {
            description: 'The workbook (one sheet per grouping), sent as an attachment',
            content: { [XLSX]: { schema: binary } },
          },
        },
      },
    },
    async (request, reply) => {
      const analysis = await analyzeComplaints(request.ctx, request.query);
      const body = await analysisWorkbook(analysis, request.ctx.clock.now().toISOString());
      return reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          `attachment; filename="complaints-${request.query.from}-${request.query.to}.xlsx"`,
        )
        .send(body);
    },
  );

  app.get(
    '/api/cases/messages',
    {
      schema: {
        tags,
        summary: 'Messages the customer was sent about their cases',
        querystring: z.object({ customerId: idSchema }),
        response: { 200: z.array(caseMessageSchema) },
      },
    },
    async (request) => readCustomerMessages(request.ctx, request.query.customerId),
  );

  app.get(
    '/api/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case by id or number, with its history',
        params,
        response: { 200: caseDetailSchema },
      },
    },
    async (request) => getCase(request.ctx, request.params.id),
  );

  app.post(
    '/api/cases/:id/notes',
    {
      schema: {
        tags,
        params,
        body: z.object({ body: text(4000) }),
        response: { 204: z.undefined().describe('Note added') },
      },
    },
    async (request, reply) => {
      await addNote(request.ctx, request.params.id, request.body.body);
      return reply.status(204).send();
    },
  );
  app.post('/api/cases/:id/refer', { schema: { tags, params, body: referSchema, response: one } }, async (request) =>
    referCase(request.ctx, request.params.id, request.body),
  );
  app.post('/api/cases/:id/accept', { schema: { tags, params, response: one } }, async (request) =>
    acceptCase(request.ctx, request.params.id),
  );
  app.post('/api/cases/:id/decline', { schema: { tags, params, body: reasonBody, response: one } }, async (request) =>
    declineCase(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    '/api/cases/:id/assign',
    { schema: { tags, params, body: z.object({ userId: idSchema }), response: one } },
    async (request) => assignCase(request.ctx, request.params.id, request.body.userId),
  );
  app.post(
    '/api/cases/:id/resolve',
    { schema: { tags, params, body: z.object({ result: text(4000) }), response: one } },
    async (request) => resolveCase(request.ctx, request.params.id, request.body.result),
  );
  app.post(
    '/api/cases/:id/notify-result',
    {
      schema: {
        tags,
        summary:
          'Tell the customer the result and ask for feedback: stops the clock; the review window counts from receivedOn ' +
          '(default today; never before the day told, 400 CASE_RECEIVED_BEFORE_NOTIFICATION, nor after today, ' +
          '400 CASE_RECEIVED_DATE_INVALID)',
        params,
        body: z.object({ message: text(2000).optional(), receivedOn: calendarDateSchema.optional() }),
        response: one,
      },
    },
    async (request) => notifyResult(request.ctx, request.params.id, request.body),
  );
  app.post(
    '/api/cases/:id/feedback',
    {
      schema: {
        tags,
        params,
        body: z.object({ feedback: z.enum(FEEDBACK), note: text(2000).optional() }),
        response: one,
      },
    },
    async (request) => recordFeedback(request.ctx, request.params.id, request.body.feedback, request.body.note),
  );
  app.post(
    '/api/cases/:id/close',
    {
      schema: {
        tags,
        params,
        body: z.object({ rootCause: z.string().max(40).optional(), remediation: text(2000).optional() }),
        response: one,
      },
    },
    async (request) => closeCase(request.ctx, request.params.id, request.body),
  );
  app.post('/api/cases/:id/reopen', { schema: { tags, params, body: reasonBody, response: one } }, async (request) =>
    reopenCase(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    '/api/cases/:id/review',
    { schema: { tags, summary: 'The customer asks for a review (核查)', params, body: reasonBody, response: one } },
    async (request) => requestReview(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    '/api/cases/:id/complex',
    {
      schema: {
        tags,
        summary: 'Mark complex: 30 days, and the customer is told',
        params,
        body: reasonBody,
        response: one,
      },
    },
    async (request) => markComplex(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    '/api/cases/:id/extension-request',
    { schema: { tags, summary: 'Ask a senior role for a further 30 days', params, body: reasonBody, response: one } },
    async (request) => requestExtension(request.ctx, request.params.id, request.body.reason),
  );
  app.post(
    '/api/cases/:id/extension-approval',
    {
      schema: {
        tags,
        summary:
          'Approve the extension (head-office complaint manager only; the position is recorded); the customer is told',
        params,
        body: z.object({ note: text(2000) }),
        response: one,
      },
    },
    async (request) => approveExtension(request.ctx, request.params.id, request.body.note),
  );
  app.post(
    '/api/cases/:id/appraisals',
    {
      schema: {
        tags,
        summary: 'An outside appraisal starts',
        params,
        body: z.object({ description: text(500), notifyCustomer: z.boolean() }),
        response: one,
      },
    },
    async (request) => startAppraisal(request.ctx, request.params.id, request.body),
  );
  app.post('/api/cases/:id/appraisals/end', { schema: { tags, params, response: one } }, async (request) =>
    endAppraisal(request.ctx, request.params.id),
  );
};
