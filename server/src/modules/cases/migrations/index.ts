import type { Migration } from 'kysely';
import * as cases from './3001_cases.ts';
import * as caseNoticeAndApproval from './3010_case_notice_and_approval.ts';

/** The cases module's migrations, named so they sort in the order they must run. */
export const casesMigrations: Record<string, Migration> = {
  '3001_cases': cases,
  '3010_case_notice_and_approval': caseNoticeAndApproval,
};
