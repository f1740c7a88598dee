import type { Kysely, Transaction } from 'kysely';
import type { BotTables } from '../../modules/bot/bot.tables.ts';
import type { CardsTables } from '../../modules/cards/cards.tables.ts';
import type { CasesTables } from '../../modules/cases/cases.tables.ts';
import type { ChatTables } from '../../modules/chat/chat.tables.ts';
import type { ContactsTables } from '../../modules/contacts/contacts.tables.ts';
import type { EmergencyTables } from '../../modules/emergency/emergency.tables.ts';
import type { KnowledgeTables } from '../../modules/knowledge/knowledge.tables.ts';
import type { PlatformTables } from './schema.ts';

/**
 * Every table of CardDesk. Each module declares its tables in its own `*.tables.ts`; they are merged
 * here so one Kysely instance types every query.
 */
export interface Database
  extends PlatformTables,
    CardsTables,
    ContactsTables,
    ChatTables,
    CasesTables,
    EmergencyTables,
    KnowledgeTables,
    BotTables {}

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Anything that can run queries: the root database or an open transaction. */
export type Executor = Kysely<Database>;
