import type { Migration } from 'kysely';
import * as emergency from './3101_emergency.ts';
import * as emergencyFormalReport from './3102_emergency_formal_report.ts';

/** The emergency module's migrations, named so they sort in the order they must run. */
export const emergencyMigrations: Record<string, Migration> = {
  '3101_emergency': emergency,
  '3102_emergency_formal_report': emergencyFormalReport,
};
