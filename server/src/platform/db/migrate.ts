import { type Migration, type MigrationResultSet, Migrator } from 'kysely';
import type { Executor } from './database.ts';
import { platformMigrations } from './migrations/index.ts';

/**
 * Brings the schema to the latest version: the platform's migrations and the modules' (`moduleMigrations`,
 * collected from each `ModuleDef` by the composition root). The same code runs on SQLite and PostgreSQL.
 */
export async function migrateToLatest(
  db: Executor,
  moduleMigrations: Record<string, Migration>,
): Promise<MigrationResultSet> {
  const migrations = { ...platformMigrations, ...moduleMigrations };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    // Migrations are numbered by module (cards 1xxx, contacts 2xxx…): a module's next one sorts before
    // migrations of later modules that a database has already run, and must still run there.
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
