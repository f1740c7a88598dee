import { z } from 'zod';
import {
  CASE_FEEDBACK,
  caseDetailSchema,
  caseHolidaySchema,
  caseListQuerySchema,
  caseListSchema,
  caseMessageSchema,
  caseReferSchema,
  caseSchema,
  caseSettingsSchema,
  complaintAnalysisQuerySchema,
  complaintAnalysisSchema,
  complaintIntakeSchema,
  repaymentTraceIntakeSchema,
  rootCauseSchema,
  rootCauseViewSchema,
} from '../cases.ts';
import { calendarDateSchema, idSchema } from '../common.ts';
import { casesEndpoints } from '../endpoints/cases.ts';
import { defineRoutes } from '../http/route.ts';

const params = z.object({ id: idSchema });
const text = (max: number) => z.string().trim().min(1).max(max);
const reasonBody = z.object({ reason: text(2000) });
const one = { 200: caseSchema };
const year = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
/** A file sent as it is (the serializer never sees it): documented as binary. */
const binary = z.custom<Uint8Array>((v) => v instanceof Uint8Array).meta({ type: 'string', format: 'binary' });

/** Complaints and fraud cases over HTTP. */
export const casesRoutes = defineRoutes(
  casesEndpoints,
  { tags: ['cases'] },
  {
    openComplaint: {
      summary: 'Record a complaint (or resolve it on the spot)',
      body: complaintIntakeSchema,
      response: { 201: caseSchema },
    },
    openRepaymentTrace: {
      summary: 'Repayment not credited (还款未入账): open a case with the customer’s transfer reference',
      body: repaymentTraceIntakeSchema,
      response: { 201: caseSchema },
    },
    list: {
      summary: 'List, filter and search cases',
      query: caseListQuerySchema,
      response: { 200: caseListSchema },
    },
    listRootCauses: {
      query: z.object({ all: z.enum(['true', 'false']).optional() }),
      response: { 200: z.array(rootCauseViewSchema) },
    },
    saveRootCause: {
      params: z.object({ code: rootCauseSchema.shape.code }),
      body: rootCauseSchema.omit({ code: true }),
      response: { 200: rootCauseViewSchema },
    },
    settings: { response: { 200: caseSettingsSchema } },
    updateSettings: { body: caseSettingsSchema.partial(), response: { 200: caseSettingsSchema } },
    holidays: { params: year, response: { 200: z.array(caseHolidaySchema) } },
    replaceHolidays: {
      summary: 'Replace one year of the bank holiday calendar',
      params: year,
      body: z.array(caseHolidaySchema).max(200),
      response: { 200: z.array(caseHolidaySchema) },
    },
    declareConflict: {
      summary: 'Declare a conflict of interest',
      body: z.object({ userId: idSchema, customerId: idSchema, reason: text(500) }),
      response: { 204: z.undefined().describe('Declared (or already on record)') },
    },
    analysis: {
      summary: 'Complaint analysis by cause, product, department, channel and month',
      query: complaintAnalysisQuerySchema,
      response: { 200: complaintAnalysisSchema },
    },
    analysisWorkbook: {
      summary: 'The complaint analysis as an Excel workbook',
      query: complaintAnalysisQuerySchema,
      file: {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        description: 'The workbook (one sheet per grouping), sent as an attachment',
      },
      response: { 200: binary },
    },
    messages: {
      summary: 'Messages the customer was sent about their cases',
      query: z.object({ customerId: idSchema }),
      response: { 200: z.array(caseMessageSchema) },
    },
    get: {
      summary: 'A case by id or number, with its history',
      params,
      response: { 200: caseDetailSchema },
    },
    addNote: {
      params,
      body: z.object({ body: text(4000) }),
      response: { 204: z.undefined().describe('Note added') },
    },
    refer: { params, body: caseReferSchema, response: one },
    accept: { params, response: one },
    decline: { params, body: reasonBody, response: one },
    assign: { params, body: z.object({ userId: idSchema }), response: one },
    resolve: { params, body: z.object({ result: text(4000) }), response: one },
    notifyResult: {
      summary:
        'Tell the customer the result and ask for feedback: stops the clock; the review window counts from receivedOn ' +
        '(default today; never before the day told, 400 CASE_RECEIVED_BEFORE_NOTIFICATION, nor after today, ' +
        '400 CASE_RECEIVED_DATE_INVALID)',
      params,
      body: z.object({ message: text(2000).optional(), receivedOn: calendarDateSchema.optional() }),
      response: one,
    },
    feedback: {
      params,
      body: z.object({ feedback: z.enum(CASE_FEEDBACK), note: text(2000).optional() }),
      response: one,
    },
    close: {
      params,
      body: z.object({ rootCause: z.string().max(40).optional(), remediation: text(2000).optional() }),
      response: one,
    },
    reopen: { params, body: reasonBody, response: one },
    requestReview: { summary: 'The customer asks for a review (核查)', params, body: reasonBody, response: one },
    markComplex: {
      summary: 'Mark complex: 30 days, and the customer is told',
      params,
      body: reasonBody,
      response: one,
    },
    requestExtension: {
      summary: 'Ask a senior role for a further 30 days',
      params,
      body: reasonBody,
      response: one,
    },
    approveExtension: {
      summary:
        'Approve the extension (head-office complaint manager only; the position is recorded); the customer is told',
      params,
      body: z.object({ note: text(2000) }),
      response: one,
    },
    startAppraisal: {
      summary: 'An outside appraisal starts',
      params,
      body: z.object({ description: text(500), notifyCustomer: z.boolean() }),
      response: one,
    },
    endAppraisal: { params, response: one },
  },
);
