/**
 * Quality inspection (智能质检, issue 19): every contact inspected against a versioned scorecard (the
 * guide's standard flow, manner and confidentiality), sampled for human review, with appeals and
 * calibration between inspectors, and a real-time guard on agents' drafts. Reads contacts only through
 * the contacts module's exports; other modules import only from this file.
 */

import type { ModuleDef } from '../module.ts';
import { guardAgentReply } from './guard.service.ts';
import { onContactClosed, qualityJobs } from './inspection.service.ts';
import { qualityMigrations } from './migrations/index.ts';
import { qaCommand } from './quality.cli.ts';
import { qualityRoutes } from './quality.routes.ts';
import type {} from './quality.tables.ts';
import { ensureDefaultScorecard } from './scorecard.service.ts';
import { markFullNumbers } from './turn-marks.ts';

export { DEFAULT_ITEM_CODES, defaultScorecard } from './engine/default-scorecard.ts';
export type { Finding, InspectionResult, Transcript } from './engine/engine.ts';
export { compileScorecard, inspect } from './engine/engine.ts';
export type { GuardVerdict, GuardWarning } from './engine/guard.ts';
export { checkDraft } from './guard.service.ts';
export {
  getInspection,
  type InspectionView,
  inspectContact,
  inspectionOfContact,
  reviewQueue,
} from './inspection.service.ts';
export {
  createScorecard,
  draftScorecardVersion,
  listScorecardVersions,
  publishScorecardVersion,
} from './scorecard.service.ts';

export const qualityModule: ModuleDef = {
  name: 'quality',
  migrations: qualityMigrations,
  routes: qualityRoutes,
  jobs: qualityJobs,
  hooks: [onContactClosed, guardAgentReply, markFullNumbers],
  cli: { qa: qaCommand },
  init: (deps) => ensureDefaultScorecard(deps),
};

/** The module's tables (importing this file also adds them to the one `Database` type). */
export type { QualityTables } from './quality.tables.ts';
