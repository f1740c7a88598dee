import { type MigrationResultSet, Migrator } from 'kysely';
import type { Executor } from './database.ts';
import { migrations } from './migrations/index.ts';

/** Brings the schema to the latest version; the same code runs on SQLite and PostgreSQL. */
export async function migrateToLatest(db: Executor): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
