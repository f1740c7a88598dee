import type { Migration } from 'kysely';
import { botModule } from './bot/index.ts';
import { cardsModule } from './cards/index.ts';
import { casesModule } from './cases/index.ts';
import { chatModule } from './chat/index.ts';
import { contactsModule } from './contacts/index.ts';
import { emergencyModule } from './emergency/index.ts';
import { knowledgeModule } from './knowledge/index.ts';
import type { ModuleDef } from './module.ts';
import { nluModule } from './nlu/index.ts';
import { qualityModule } from './quality/index.ts';

/** Every domain module, in dependency order (a module's demo data may use the ones before it). */
export const modules: readonly ModuleDef[] = [
  cardsModule,
  contactsModule,
  chatModule,
  casesModule,
  emergencyModule,
  knowledgeModule,
  nluModule,
  qualityModule,
  botModule,
];

/** Every module's migrations, for `migrateToLatest` (names are unique: each module has its own number range). */
export function moduleMigrations(list: readonly ModuleDef[] = modules): Record<string, Migration> {
  const out: Record<string, Migration> = {};
  for (const m of list) {
    for (const [name, migration] of Object.entries(m.migrations ?? {})) {
      if (out[name]) throw new Error(`migration ${name} is declared twice (module ${m.name})`);
      out[name] = migration;
    }
  }
  return out;
}
