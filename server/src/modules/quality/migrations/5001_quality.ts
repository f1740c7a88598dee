import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/** Quality inspection (issue 19): scorecards and their versions, inspections, findings, appeals, calibration. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('qa_scorecards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('qa_scorecard_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('scorecard_id', 'text', (c) => c.notNull().references('qa_scorecards.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'text')
    .addUniqueConstraint('qa_scorecard_versions_number', ['scorecard_id', 'version'])
    .execute();

  await db.schema
    .createTable('qa_inspections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text')
    .addColumn('external_id', 'text')
    .addColumn('scorecard_version_id', 'text', (c) => c.notNull().references('qa_scorecard_versions.id'))
    .addColumn('agent_id', 'text')
    .addColumn('agent_no', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('complaint', 'integer', (c) => c.notNull())
    .addColumn('auto_score_tenths', 'integer', (c) => c.notNull())
    .addColumn('score_tenths', 'integer', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('fatal', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sample_reasons', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('released_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One inspection per contact and scorecard version: a job run twice finds it there.
  await db.schema
    .createIndex('qa_inspections_contact')
    .on('qa_inspections')
    .columns(['contact_id', 'scorecard_version_id'])
    .unique()
    .execute();
  await db.schema.createIndex('qa_inspections_queue').on('qa_inspections').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('qa_inspections_agent_week').on('qa_inspections').columns(['agent_id', 'week']).execute();

  await db.schema
    .createTable('qa_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('qa_inspections.id'))
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('auto_result', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('turn', 'integer')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('review_note', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addUniqueConstraint('qa_findings_item', ['inspection_id', 'item_code'])
    .execute();
  await db.schema.createIndex('qa_findings_item_result').on('qa_findings').columns(['item_code', 'result']).execute();

  await db.schema
    .createTable('qa_appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('qa_inspections.id'))
    .addColumn('finding_id', 'text', (c) => c.notNull().references('qa_findings.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('inspector_id', 'text')
    .addColumn('inspector_decision', 'text')
    .addColumn('inspector_note', 'text')
    .addColumn('reinspected_at', 'text')
    .addColumn('supervisor_id', 'text')
    .addColumn('final_decision', 'text')
    .addColumn('final_note', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qa_appeals_status').on('qa_appeals').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('qa_appeals_finding').on('qa_appeals').columns(['finding_id']).execute();

  await db.schema
    .createTable('qa_calibrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inspection_id', 'text', (c) => c.notNull().references('qa_inspections.id'))
    .addColumn('lead_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createTable('qa_calibration_scores')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('calibration_id', 'text', (c) => c.notNull().references('qa_calibrations.id'))
    .addColumn('inspector_id', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('qa_calibration_scores_one', ['calibration_id', 'inspector_id', 'item_code'])
    .execute();
}
