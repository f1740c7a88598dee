/**
 * Request shapes of the case API: defined once in `@carddesk/contracts` (`cases.ts`) with the routes that take
 * them, re-exported here under the names the services and tests use.
 */
export {
  type CaseListQuery as ListQuery,
  type ComplaintIntake,
  caseHandoverSchema as handoverSchema,
  caseListQuerySchema as listQuerySchema,
  caseReferSchema as referSchema,
  complaintIntakeSchema,
  type RepaymentTraceIntake,
  repaymentTraceIntakeSchema,
} from '@carddesk/contracts';
