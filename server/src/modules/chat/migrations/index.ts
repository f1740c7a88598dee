import type { Migration } from 'kysely';
import * as chat from './2101_chat.ts';

/** The chat module's migrations, named so they sort in the order they must run. */
export const chatMigrations: Record<string, Migration> = {
  '2101_chat': chat,
};
