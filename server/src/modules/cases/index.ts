import type { ModuleDef } from '../module.ts';
import { caseRoutes } from './case.routes.ts';
import { casesCustomerView, caseTopics } from './case.topics.ts';
import { seedCasesDemo } from './cases.seed.ts';
import { breachJob, followUpJob, JOB_BREACH, JOB_FOLLOW_UP, JOB_REMINDER, reminderJob } from './clock.jobs.ts';
import { caseAssignmentAccess } from './conflicts.ts';
import { casesMigrations } from './migrations/index.ts';
import { ensureRootCauses } from './root-causes.ts';

export { caseEventDetails, countCaseEvents } from './case.repository.ts';
export { getCase, listCases, type NewCase, openComplaint } from './case.service.ts';
export { loadCaseSettings } from './case.settings.ts';
/**
 * Complaints with regulatory clocks and a closed loop, and fraud cases for the emergency lane (issue 5).
 * Other modules import only from this file.
 */
export type { CaseKind, CaseState } from './case.ts';
export { CASE_NUMBER_PATTERN } from './case.ts';
export { type CustomerMessageKind, customerMessages } from './case-messages.service.ts';
export {
  type CaseRef,
  caseRef,
  caseView,
  lockCaseForChange,
  messageCaseCustomer,
  openCase,
  recordCaseStep,
} from './case-steps.service.ts';

export const casesModule: ModuleDef = {
  name: 'cases',
  migrations: casesMigrations,
  routes: caseRoutes,
  jobs: { [JOB_REMINDER]: reminderJob, [JOB_BREACH]: breachJob, [JOB_FOLLOW_UP]: followUpJob },
  topics: caseTopics,
  accessRules: [caseAssignmentAccess],
  customerViews: [casesCustomerView],
  encryptedColumns: [{ table: 'cases', idColumn: 'id', column: 'callback_phone_enc', context: 'cases.callback_phone' }],
  seedDemo: (ctx, options) => seedCasesDemo(ctx, options),
  init: (deps) => ensureRootCauses(deps),
};
