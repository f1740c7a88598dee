import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations describe the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * An agent's state on the desk (示闲 ready / 示忙 not_ready / 小休 break / 话后整理 wrap_up), one row per
 * agent: since when, why (a reason code), and for wrap-up until when it lasts before the agent is ready.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('agent_presence')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
