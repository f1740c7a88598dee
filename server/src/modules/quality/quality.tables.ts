/**
 * Tables of the quality module (智能质检). Only this module reads or writes them. Storage conventions are
 * the platform's: text ids, ISO instants, integer booleans, JSON as text. Scores are kept in tenths of a
 * point (0–1000) so both databases store an exact integer.
 */

/** A scorecard: a stable code (the CLI's `--scorecard`) and its name. */
export interface QaScorecardsTable {
  id: string;
  code: string;
  name: string;
  created_by: string | null;
  created_at: string;
}

/** One version of a scorecard's definition (engine/scorecard.ts), edited as a draft, published by a second person. */
export interface QaScorecardVersionsTable {
  id: string;
  scorecard_id: string;
  version: number;
  /** JSON: the definition. */
  definition: string;
  /** draft | published | retired */
  status: string;
  created_by: string | null;
  created_at: string;
  published_by: string | null;
  published_at: string | null;
}

/** One inspection of one contact (or of a transcript imported from outside) under one scorecard version. */
export interface QaInspectionsTable {
  id: string;
  /** The contact inspected; null for an imported transcript. */
  contact_id: string | null;
  /** The transcript's own id when imported. */
  external_id: string | null;
  scorecard_version_id: string;
  agent_id: string | null;
  agent_no: string | null;
  channel: string;
  /** The bank week the contact closed in (YYYY-Www, Asia/Shanghai), for the per-agent weekly sample. */
  week: string;
  complaint: number;
  /** The machine's score, tenths of a point; `score_tenths` follows the reviews and rulings. */
  auto_score_tenths: number;
  score_tenths: number;
  passed: number;
  fatal: number;
  /** auto (nobody needs to look) | queued (sampled for human review) | reviewed | released */
  status: string;
  /** JSON array: why it was sampled (fatal, low_score, complaint, random). */
  sample_reasons: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  released_at: string | null;
  created_at: string;
}

/** One item's finding in an inspection. */
export interface QaFindingsTable {
  id: string;
  inspection_id: string;
  item_code: string;
  position: number;
  severity: string;
  weight: number;
  /** What the engine found: pass | fail | n/a. */
  auto_result: string;
  /** What holds now, after review and appeal. */
  result: string;
  turn: number | null;
  evidence: string;
  /** null | confirmed | overturned (by the reviewing inspector) */
  review: string | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** An agent's appeal (申诉) against one finding: inspector re-inspects, supervisor rules finally. */
export interface QaAppealsTable {
  id: string;
  inspection_id: string;
  finding_id: string;
  agent_id: string;
  comment: string;
  /** open | reinspected | final */
  status: string;
  inspector_id: string | null;
  /** upheld | overturned */
  inspector_decision: string | null;
  inspector_note: string | null;
  reinspected_at: string | null;
  supervisor_id: string | null;
  final_decision: string | null;
  final_note: string | null;
  decided_at: string | null;
  created_at: string;
}

/** A calibration round: inspectors score the same inspection blind, the lead's scores are the reference. */
export interface QaCalibrationsTable {
  id: string;
  inspection_id: string;
  lead_id: string;
  /** open | closed */
  status: string;
  created_at: string;
  closed_at: string | null;
}

/** One inspector's blind result for one item in a calibration round. */
export interface QaCalibrationScoresTable {
  id: string;
  calibration_id: string;
  inspector_id: string;
  item_code: string;
  result: string;
  created_at: string;
}

export interface QualityTables {
  qa_scorecards: QaScorecardsTable;
  qa_scorecard_versions: QaScorecardVersionsTable;
  qa_inspections: QaInspectionsTable;
  qa_findings: QaFindingsTable;
  qa_appeals: QaAppealsTable;
  qa_calibrations: QaCalibrationsTable;
  qa_calibration_scores: QaCalibrationScoresTable;
}

declare module '../../platform/db/database.ts' {
  /** The quality module's tables join the one `Database` every query is typed by. */
  interface Database extends QualityTables {}
}
