// `npm run build --workspace server`: the production server, one ES module per entry point in dist/.
// Development and tests run the TypeScript sources through tsx; a deployed server should not carry a
// TypeScript loader (its own module graph and a worker thread: tens of megabytes of resident memory and
// a slower start). Dependencies stay in node_modules (native addons and their data files must); only the
// project's own code, the workspace packages included, is bundled. Not minified, so stack traces still
// name the functions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const serverRoot = join(import.meta.dirname, '..');

/** Bundles `entries` (output name → source path relative to the server package) into dist/. */
export async function buildServer(entries: Record<string, string> = { main: 'src/main.ts' }): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(serverRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const external = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})].filter(
    (name) => !name.startsWith('@carddesk/'),
  );
  await build({
    absWorkingDir: serverRoot,
    entryPoints: entries,
    outdir: join(serverRoot, 'dist'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    logLevel: 'warning',
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildServer();
  process.stdout.write('server built: dist/main.mjs\n');
}
