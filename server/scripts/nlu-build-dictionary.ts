/**
 * Rebuilds `data/nlu/words.txt`, the trimmed general dictionary for jieba, from the dictionary bundled
 * in @node-rs/jieba (MIT). Run with `node --import tsx scripts/nlu-build-dictionary.ts` after
 * upgrading @node-rs/jieba; the shipped model records a checksum of this file, so rebuild the model too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { WORDS_FILE } from '../src/modules/nlu/segmenter.ts';

/** Words rarer than this are literary or proper nouns; dropping them cuts load time by ~6×. */
const MIN_FREQUENCY = 20;

const require = createRequire(import.meta.url);
const source = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
const kept: string[] = [];
for (const line of source.split('\n')) {
  const [word, freq, tag] = line.split(' ');
  if (word && freq && Number(freq) >= MIN_FREQUENCY) kept.push(tag ? `${word} ${freq} ${tag}` : `${word} ${freq}`);
}
writeFileSync(WORDS_FILE, `${kept.join('\n')}\n`);
console.log(`wrote ${kept.length} words to ${fileURLToPath(WORDS_FILE)}`);
