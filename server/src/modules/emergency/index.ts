import type { ModuleDef } from '../module.ts';
import { emergencyRoutes } from './emergency.routes.ts';
import { ensureEmergencyDefaults } from './emergency.settings.ts';
import { emergencyMigrations } from './migrations/index.ts';

/**
 * The emergency lane (issue 5, guide §3.3): lost and stolen cards and suspected fraud. Builds on the card
 * engine (block, replacement, transactions), contacts (the transcript the customer sees) and cases (the
 * fraud case). Other modules import only from this file.
 */
export {
  confirmLossReport,
  type EmergencyKind,
  type EmergencyReport,
  getEmergencyReport,
  markUnrecognised,
  recentTransactions,
  reportEmergency,
} from './emergency.service.ts';

export const emergencyModule: ModuleDef = {
  name: 'emergency',
  migrations: emergencyMigrations,
  routes: emergencyRoutes,
  init: (deps) => ensureEmergencyDefaults(deps),
};
