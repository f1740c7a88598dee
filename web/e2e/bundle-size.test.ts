import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BUDGET_KB, DIST, measure } from '../scripts/bundle-size.ts';

const built = existsSync(fileURLToPath(new URL('../dist/.vite/manifest.json', import.meta.url)));

describe('web bundle weight', { skip: built ? false : 'web/dist is missing (npm run build --workspace web)' }, () => {
  it(`keeps every portal's first load at or under ${BUDGET_KB} kB of gzipped JavaScript`, () => {
    const sizes = measure();
    assert.equal(sizes.length, 6);
    for (const s of sizes) assert.ok(s.gzipKb <= BUDGET_KB, `${s.name}: ${s.gzipKb.toFixed(0)} kB`);
  });

  it('keeps the charts library out of every portal but the supervisor dashboard', () => {
    const charts = (files: string[]) => files.some((f) => readFileSync(`${DIST}${f}`, 'utf8').includes('echarts'));
    for (const s of measure()) assert.equal(charts(s.fileNames), s.path === '/supervisor', s.name);
  });
});
