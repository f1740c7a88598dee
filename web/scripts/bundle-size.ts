// Measures what each portal downloads on first load: the entry chunk, its static imports, and the lazy
// portal chunk with its own static imports (the login page too, for staff portals), gzipped. Reads the
// Vite manifest of web/dist. `--write` records the table in docs/benchmarks/web-bundles.md.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KB = 600;

interface ManifestEntry {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestEntry>;

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Each portal: the lazy modules its first screen needs beyond the entry. */
export const PORTALS: Array<{ name: string; path: string; modules: string[] }> = [
  {
    name: '坐席工作台 agent workstation',
    path: '/desk',
    modules: ['src/features/login/LoginPage.tsx', 'src/features/workstation/WorkstationPortal.tsx'],
  },
  {
    name: '专业部门 department handler',
    path: '/desk',
    modules: [
      'src/features/login/LoginPage.tsx',
      'src/features/workstation/WorkstationPortal.tsx',
      'src/features/workstation/handler/HandlerDesk.tsx',
    ],
  },
  {
    name: '监控看板 supervisor dashboard',
    path: '/supervisor',
    modules: [
      'src/features/login/LoginPage.tsx',
      'src/features/console/ConsolePortal.tsx',
      'src/features/supervisor/SupervisorDashboard.tsx',
    ],
  },
  {
    name: '知识库 knowledge editor',
    path: '/kb',
    modules: [
      'src/features/login/LoginPage.tsx',
      'src/features/console/ConsolePortal.tsx',
      'src/features/knowledge/KnowledgeEditor.tsx',
    ],
  },
  {
    name: '系统管理 admin',
    path: '/admin',
    modules: [
      'src/features/login/LoginPage.tsx',
      'src/features/console/ConsolePortal.tsx',
      'src/features/admin/AdminPage.tsx',
    ],
  },
  { name: '客户在线客服 customer chat', path: '/chat', modules: ['src/features/chat/CustomerChatPortal.tsx'] },
];

/** The manifest key of a source module: its own key, or that of the shared chunk Rollup named after it. */
function keyOf(manifest: Manifest, module: string): string {
  if (manifest[module]) return module;
  const base = module.slice(module.lastIndexOf('/') + 1).replace(/\.tsx?$/, '');
  const found = Object.keys(manifest).find(
    (k) => k === module || manifest[k]?.src === module || k.startsWith(`_${base}-`),
  );
  if (!found) throw new Error(`not in the manifest: ${module} (run npm run build --workspace web)`);
  return found;
}

function closure(manifest: Manifest, keys: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const e = manifest[key];
    if (!e) throw new Error(`not in the manifest: ${key} (run npm run build --workspace web)`);
    if (files.has(e.file)) return;
    files.add(e.file);
    for (const i of e.imports ?? []) visit(i);
  };
  for (const k of keys) visit(k);
  return files;
}

export interface PortalSize {
  name: string;
  path: string;
  files: number;
  /** Paths of the JavaScript files, relative to web/dist. */
  fileNames: string[];
  rawKb: number;
  gzipKb: number;
}

export function measure(): PortalSize[] {
  const manifest = JSON.parse(readFileSync(`${DIST}.vite/manifest.json`, 'utf8')) as Manifest;
  const entry = Object.entries(manifest).find(([, e]) => e.isEntry)?.[0];
  if (!entry) throw new Error('no entry in the manifest');
  return PORTALS.map((p) => {
    const files = [...closure(manifest, [entry, ...p.modules.map((m) => keyOf(manifest, m))])].filter((f) =>
      f.endsWith('.js'),
    );
    let raw = 0;
    let gz = 0;
    for (const f of files) {
      const buf = readFileSync(`${DIST}${f}`);
      raw += buf.length;
      gz += gzipSync(buf, { level: 6 }).length;
    }
    return { name: p.name, path: p.path, files: files.length, fileNames: files, rawKb: raw / 1024, gzipKb: gz / 1024 };
  });
}

function table(sizes: PortalSize[]): string {
  const rows = sizes.map(
    (s) =>
      `| ${s.name} | \`${s.path}\` | ${s.files} | ${s.rawKb.toFixed(0)} kB | **${s.gzipKb.toFixed(0)} kB** | ${s.gzipKb <= BUDGET_KB ? 'ok' : 'OVER'} |`,
  );
  return [
    '| portal | path | JS files | raw | gzip (level 6) | ≤ 600 kB |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = measure();
  const md = table(sizes);
  process.stdout.write(`${md}\n`);
  if (process.argv.includes('--write')) {
    const out = fileURLToPath(new URL('../../docs/benchmarks/web-bundles.md', import.meta.url));
    const body = readFileSync(out, 'utf8');
    const start = body.indexOf('<!-- sizes -->');
    const end = body.indexOf('<!-- /sizes -->');
    if (start < 0 || end < 0) throw new Error('docs/benchmarks/web-bundles.md lacks the <!-- sizes --> markers');
    writeFileSync(out, `${body.slice(0, start)}<!-- sizes -->\n${md}\n${body.slice(end)}`);
  }
  if (sizes.some((s) => s.gzipKb > BUDGET_KB)) process.exitCode = 1;
}
