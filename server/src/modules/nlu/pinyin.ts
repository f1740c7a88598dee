/**
 * Pinyin for the classifier: customers type with pinyin input methods, so their typos are homophones
 * (挂施 for 挂失, 份期 for 分期), and some type pinyin itself ("guashi", "kai ka"). Features over
 * syllable pairs make all of these look alike to the model.
 */
import { readFileSync } from 'node:fs';
import { serverFile } from '../../paths.ts';

/** Character → readings table shipped with the model (built by `scripts/nlu-build-pinyin.ts`). */
export const PINYIN_FILE = serverFile('data/nlu/pinyin.txt');

interface PinyinTable {
  readings: Map<string, readonly string[]>;
  syllables: Set<string>;
  longest: number;
  /** Every distinct syllable, indexed by its id. */
  syllableList: readonly string[];
  syllableId: Map<string, number>;
  /** Per UTF-16 code unit: id + 1 of its first and second reading (0: none), for the hashed features. */
  firstReading: Uint16Array;
  secondReading: Uint16Array;
}

let table: PinyinTable | undefined;

function load(): PinyinTable {
  const readings = new Map<string, readonly string[]>();
  const syllables = new Set<string>();
  for (const line of readFileSync(PINYIN_FILE, 'utf8').split('\n')) {
    if (line.length < 2) continue;
    const list = line.slice(1).split(' ');
    readings.set(line[0] as string, list);
    for (const s of list) syllables.add(s);
  }
  let longest = 0;
  for (const s of syllables) longest = Math.max(longest, s.length);
  const syllableList = [...syllables].sort();
  const syllableId = new Map(syllableList.map((s, i) => [s, i]));
  const firstReading = new Uint16Array(0x10000);
  const secondReading = new Uint16Array(0x10000);
  for (const [ch, list] of readings) {
    const code = ch.charCodeAt(0);
    // Characters outside the BMP never reach the features (they are not in the CJK token ranges).
    if (ch.length !== 1) continue;
    firstReading[code] = (syllableId.get(list[0] as string) as number) + 1;
    if (list.length > 1) secondReading[code] = (syllableId.get(list[1] as string) as number) + 1;
  }
  return { readings, syllables, longest, syllableList, syllableId, firstReading, secondReading };
}

function pinyinTable(): PinyinTable {
  table ??= load();
  return table;
}

/** The syllable table by id, and per-code-unit reading ids (id + 1, 0 for none): the hashed features read these. */
export function pinyinIds(): Pick<PinyinTable, 'syllableList' | 'syllableId' | 'firstReading' | 'secondReading'> {
  return pinyinTable();
}

/** Toneless readings of one character, most common first (empty for non-Chinese characters). */
export function readingsOf(char: string): readonly string[] {
  return pinyinTable().readings.get(char) ?? [];
}

/**
 * Split a Latin word into pinyin syllables ("guashi" → gua, shi), or undefined when it is not pinyin
 * ("card"). Greedy longest match with backtracking, so "xian" stays one syllable but "kaika" splits.
 */
export function splitPinyin(word: string): string[] | undefined {
  const { syllables, longest } = pinyinTable();
  const memo = new Map<number, string[] | null>();
  const go = (at: number): string[] | null => {
    if (at === word.length) return [];
    const cached = memo.get(at);
    if (cached !== undefined) return cached;
    for (let len = Math.min(longest, word.length - at); len >= 1; len--) {
      const s = word.slice(at, at + len);
      if (!syllables.has(s)) continue;
      const rest = go(at + len);
      if (rest) {
        const result = [s, ...rest];
        memo.set(at, result);
        return result;
      }
    }
    memo.set(at, null);
    return null;
  };
  return go(0) ?? undefined;
}
