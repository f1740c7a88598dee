/** Where the API benchmarks' data set lives (built once by `npm run bench:api`), and the server settings for it. */
import { join, resolve } from 'node:path';
import { type Config, loadConfig } from '../../src/config.ts';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const dataDir = join(repoRoot, 'data', 'bench');
export const dbFile = join(dataDir, 'bench.db');

/** The environment a server on the data set runs with: demo mode (its master key file), warnings only. */
export const benchEnv: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: dbFile,
  CARDDESK_DATA_DIR: dataDir,
  CARDDESK_DEMO: '1',
  LOG_LEVEL: 'warn',
};

export function benchConfig(): Config {
  return loadConfig(benchEnv);
}
