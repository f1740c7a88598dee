import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Where the server's shipped files (NLU model and dictionaries, knowledge seed, the built web app) live.
 * The same code runs from `server/src/**` through the TypeScript loader and from the one-file production
 * build in `server/dist/`, so a path relative to each source file would be wrong in one of them: every
 * asset is resolved from the server package's root, found by walking up to its package.json.
 */
function findServerRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === SERVER_PACKAGE
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`${SERVER_PACKAGE}: package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

const SERVER_PACKAGE = '@carddesk/server';

/** The server package's directory (the one holding `src/`, `data/` and, once built, `dist/`). */
export const SERVER_ROOT = findServerRoot();

/** A file of the server package, as a file URL, from a path relative to the package root. */
export function serverFile(relativePath: string): URL {
  return pathToFileURL(join(SERVER_ROOT, relativePath));
}
