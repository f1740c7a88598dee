/**
 * The search-index row of a served version: folded, jieba-segmented text per field and the pinyin
 * initials of the title's, questions' and tags' words. Live parameters are left out of the indexed text
 * (their values change with the catalogue; the words around them carry the meaning).
 */
import { plainText } from './article.ts';
import type { KbIndexTable } from './knowledge.tables.ts';
import { PLACEHOLDER } from './params/placeholders.ts';
import { fold } from './text/fold.ts';
import { initials } from './text/pinyin.ts';
import { indexWords } from './text/segment.ts';

export interface IndexSource {
  articleId: string;
  versionId: string;
  kind: string;
  audience: string;
  title: string;
  body: string;
  questions: readonly string[];
  tags: readonly string[];
  products: readonly string[];
}

const segment = (text: string) => indexWords(fold(text)).join(' ');

export function indexRow(src: IndexSource, now: string): Omit<KbIndexTable, 'doc_id'> {
  const keyWords = indexWords(fold([src.title, ...src.questions, ...src.tags].join(' ')));
  const letters = new Set<string>();
  for (const w of keyWords) {
    const i = initials(w);
    if (i) letters.add(i);
  }
  return {
    article_id: src.articleId,
    version_id: src.versionId,
    kind: src.kind,
    audience: src.audience,
    tags: ` ${src.tags.map((t) => fold(t).replaceAll(' ', '_')).join(' ')} `,
    products: ` ${src.products.join(' ')} `,
    seg_title: segment(src.title),
    seg_questions: segment([...src.questions, ...src.tags].join(' \n')),
    seg_body: segment(plainText(src.body.replace(PLACEHOLDER, ' '))),
    initials: [...letters].join(' '),
    updated_at: now,
  };
}
