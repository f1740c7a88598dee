/**
 * Rebuilds `data/nlu/pinyin.txt`: the toneless readings of every CJK Unified Ideograph (U+4E00–U+9FFF),
 * at most two per character, most common first, from pinyin-pro (MIT). The classifier reads this small
 * table instead of importing pinyin-pro at run time (which alone costs ~150 ms of start-up).
 * Run with `node --import tsx scripts/nlu-build-pinyin.ts`; rebuild the model afterwards.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { PINYIN_FILE } from '../src/modules/nlu/pinyin.ts';

const lines: string[] = [];
for (let code = 0x4e00; code <= 0x9fff; code++) {
  const char = String.fromCharCode(code);
  const readings = pinyin(char, { toneType: 'none', multiple: true, type: 'array' })
    .map((r) => r.toLowerCase().replace(/ü/g, 'v'))
    .filter((r) => /^[a-z]+$/.test(r));
  const unique = [...new Set(readings)].slice(0, 2);
  if (unique.length > 0) lines.push(`${char}${unique.join(' ')}`);
}
writeFileSync(PINYIN_FILE, `${lines.join('\n')}\n`);
console.log(`wrote ${lines.length} characters to ${fileURLToPath(PINYIN_FILE)}`);
