/**
 * Demo knowledge: the seed articles in server/data/knowledge (the import format), the synonym table, and
 * a matching threshold learnt from them. Bulk and quick: it also runs in every test environment.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Ctx } from '../../platform/context.ts';
import { readArticleFiles, readLines, readSynonyms, SEED_DIR } from './files.ts';
import { importArticles } from './markdown/import-export.ts';
import { calibrateMatching } from './match/match.service.ts';
import { addSynonyms } from './synonyms.service.ts';

export async function seedKnowledge(ctx: Ctx): Promise<void> {
  const synonyms = join(SEED_DIR, 'synonyms.yaml');
  if (existsSync(synonyms)) await addSynonyms(ctx, readSynonyms(synonyms), { skipExisting: true });
  await importArticles(ctx, readArticleFiles(SEED_DIR), { publish: true });
  const outOfScope = join(SEED_DIR, 'eval', 'out-of-scope.txt');
  if (existsSync(outOfScope)) await calibrateMatching(ctx, readLines(outOfScope));
}
