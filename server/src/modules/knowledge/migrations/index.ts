import type { Migration } from 'kysely';
import * as knowledge from './4001_knowledge.ts';
import * as kbSuggestions from './4002_kb_suggestions.ts';

/** The knowledge module's migrations, named so they sort in the order they must run. */
export const knowledgeMigrations: Record<string, Migration> = {
  '4001_knowledge': knowledge,
  '4002_kb_suggestions': kbSuggestions,
};
