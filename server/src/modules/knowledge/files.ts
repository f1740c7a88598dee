/** Reading and writing article folders (import, export, seed content). */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { serverFile } from '../../paths.ts';
import type { SourceFile } from './markdown/import-export.ts';
import type { SynonymInput } from './synonyms.service.ts';

/** The demo bank's knowledge, in the import format (server/data/knowledge). */
export const SEED_DIR = fileURLToPath(serverFile('data/knowledge/'));

/** Every `*.md` under `dir`, in a stable order. */
export function readArticleFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.md') && name.toLowerCase() !== 'readme.md') {
        out.push({ path: relative(dir, p), text: readFileSync(p, 'utf8') });
      }
    }
  };
  walk(dir);
  return out;
}

export function writeArticleFiles(dir: string, files: readonly SourceFile[]): void {
  for (const f of files) {
    const p = join(dir, f.path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
  }
}

const synonymsFileSchema = z.record(z.string(), z.array(z.string().min(1)).min(1));

/** `synonyms.yaml`: canonical word → the phrases customers use for it. */
export function readSynonyms(file: string): SynonymInput[] {
  const data = synonymsFileSchema.parse(parse(readFileSync(file, 'utf8')));
  return Object.entries(data).flatMap(([canonical, phrases]) => phrases.map((phrase) => ({ phrase, canonical })));
}

/** Out-of-scope questions for calibrating "none", one per line (# starts a comment). */
export function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}
