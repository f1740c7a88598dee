/**
 * The shipped FAQs as the matcher sees them (question phrasings, plain-text answer), the synonym table and
 * the out-of-scope questions: what the knowledge benchmark (bench.ts) and the confusion listing
 * (confusions.ts) both learn from.
 */
import { join } from 'node:path';
import { plainText } from '../../src/modules/knowledge/article.ts';
import { readArticleFiles, readLines, readSynonyms, SEED_DIR } from '../../src/modules/knowledge/files.ts';
import { type ParsedFile, parseArticleFile } from '../../src/modules/knowledge/markdown/front-matter.ts';
import type { FaqDoc } from '../../src/modules/knowledge/match/matcher.ts';
import { PLACEHOLDER } from '../../src/modules/knowledge/params/placeholders.ts';
import { SynonymTable } from '../../src/modules/knowledge/search/query.ts';

export function seedArticles(): ParsedFile[] {
  return readArticleFiles(SEED_DIR).map((f) => parseArticleFile(f.text));
}

export function faqDocs(articles: readonly ParsedFile[]): FaqDoc[] {
  return articles
    .filter((f) => f.kind === 'faq')
    .map((f) => ({
      id: f.id,
      title: f.content.title,
      questions: f.content.questions,
      intent: f.content.intent ?? null,
      answer: plainText(f.content.body.replace(PLACEHOLDER, ' ')),
    }));
}

export const seedSynonyms = (): SynonymTable => new SynonymTable(readSynonyms(join(SEED_DIR, 'synonyms.yaml')));
export const seedOutOfScope = (): string[] => readLines(join(SEED_DIR, 'eval', 'out-of-scope.txt'));
