import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from './schema.ts';

/**
 * Every table of CardDesk, so one Kysely instance types every query. The platform declares its own here; each
 * module adds its tables from its `*.tables.ts` (`declare module '…/platform/db/database.ts'`), so the
 * platform names no module.
 */
export interface Database extends PlatformTables {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything that can run queries: the root database or an open transaction. */
export type Executor = Kysely<Database>;
