import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    .addColumn('card_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('product_code', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('demand', 'text', (c) => c.notNull())
    .addColumn('callback_phone_enc', 'text')
    .addColumn('callback_phone_masked', 'text')
    .addColumn('subject_user_id', 'text')
    .addColumn('first_agent_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('received_date', 'text', (c) => c.notNull())
    .addColumn('clock_kind', 'text', (c) => c.notNull())
    .addColumn('clock_started_on', 'text', (c) => c.notNull())
    .addColumn('complex', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_status', 'text')
    .addColumn('extension_requested_by', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('due_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('promised_date', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_on_spot', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_date', 'text')
    .addColumn('result_notified_at', 'text')
    .addColumn('feedback', 'text')
    .addColumn('feedback_at', 'text')
    .addColumn('root_cause_code', 'text')
    .addColumn('remediation', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('breached_at', 'text')
    .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_requested_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_customer').on('cases').columns(['customer_id', 'received_at']).execute();
  await db.schema.createIndex('cases_state_due').on('cases').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('cases_department').on('cases').columns(['department_id', 'state']).execute();
  await db.schema.createIndex('cases_owner').on('cases').columns(['owner_id', 'state']).execute();
  await db.schema.createIndex('cases_received').on('cases').columns(['kind', 'received_date']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'seq']).unique().execute();

  await db.schema
    .createTable('case_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .execute();
  await db.schema.createIndex('case_messages_case').on('case_messages').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('case_messages_customer').on('case_messages').columns(['customer_id', 'id']).execute();

  await db.schema
    .createTable('case_appraisals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('customer_notified_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_appraisals_case').on('case_appraisals').column('case_id').execute();

  await db.schema
    .createTable('case_conflicts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('declared_by', 'text')
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_conflicts_user_customer', ['user_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('case_root_causes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_holidays')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('working', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
