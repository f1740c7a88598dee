import type { Kysely } from 'kysely';

// Migrations use `any`: they describe the schema at one point in history, not today's types.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyDb = Kysely<any>;

/** Contacts, their stages and transcript, verification, one-time codes, hand-overs, promises, alerts. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('caller_number_enc', 'text')
    .addColumn('caller_number_bidx', 'text')
    .addColumn('agent_id', 'text', (c) => c.references('users.id'))
    .addColumn('queue_code', 'text')
    .addColumn('queued_at', 'text')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .addColumn('verification_level', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('verification_methods', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('verified_at', 'text')
    .addColumn('type', 'text')
    .addColumn('intents', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('intents_source', 'text')
    .addColumn('outcome', 'text')
    .addColumn('satisfaction', 'integer')
    .addColumn('satisfaction_comment', 'text')
    .addColumn('confirmation_skip_reason', 'text')
    .addColumn('hostile', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('summary', 'text')
    .addColumn('customer_ended_at', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contacts_customer').on('contacts').columns(['customer_id', 'started_at']).execute();
  await db.schema.createIndex('contacts_agent').on('contacts').columns(['agent_id', 'status']).execute();
  await db.schema.createIndex('contacts_queue').on('contacts').columns(['status', 'queue_code']).execute();
  await db.schema.createIndex('contacts_started').on('contacts').column('started_at').execute();
  await db.schema.createIndex('contacts_closed').on('contacts').columns(['agent_id', 'closed_at']).execute();

  await db.schema
    .createTable('contact_stages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema.createIndex('contact_stages_contact').on('contact_stages').columns(['contact_id', 'at']).execute();

  await db.schema
    .createTable('contact_turns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('speaker', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addUniqueConstraint('contact_turns_seq', ['contact_id', 'seq'])
    .execute();

  await db.schema
    .createTable('verification_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .execute();
  await db.schema
    .createIndex('verification_attempts_customer')
    .on('verification_attempts')
    .columns(['customer_id', 'at'])
    .execute();
  await db.schema
    .createIndex('verification_attempts_contact')
    .on('verification_attempts')
    .column('contact_id')
    .execute();

  await db.schema
    .createTable('otp_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('phone_bidx', 'text', (c) => c.notNull())
    .addColumn('phone_masked', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('demo_code_enc', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('otp_codes_phone').on('otp_codes').columns(['phone_bidx', 'created_at']).execute();

  await db.schema
    .createTable('contact_transfers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('from_user_id', 'text')
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_code', 'text')
    .addColumn('target_department_id', 'text')
    .addColumn('target_user_id', 'text')
    .addColumn('note', 'text')
    .addColumn('packet', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .execute();
  await db.schema
    .createIndex('contact_transfers_contact')
    .on('contact_transfers')
    .columns(['contact_id', 'status'])
    .execute();

  await db.schema
    .createTable('promises')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'text')
    .addColumn('owner_department_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('escalated_at', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_note', 'text')
    .execute();
  await db.schema.createIndex('promises_customer').on('promises').columns(['customer_id', 'status']).execute();
  await db.schema.createIndex('promises_deadline').on('promises').columns(['status', 'deadline_at']).execute();

  await db.schema
    .createTable('supervisor_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .execute();
  await db.schema
    .createIndex('supervisor_alerts_open')
    .on('supervisor_alerts')
    .columns(['acknowledged_at', 'created_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('CardDesk migrations only move forward');
}
