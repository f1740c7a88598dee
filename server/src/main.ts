import { buildApp } from './app.ts';
import { createRuntime, DemoSeedRefused, ensureBaseline, seedDemo } from './bootstrap.ts';
import { loadConfig } from './config.ts';

// Composition root: read config, build dependencies, start HTTP and the job worker. No logic here.
// `npm start` passes --demo: the embedded default seeds demo data unless CARDDESK_DEMO says otherwise.
const config = loadConfig({ CARDDESK_DEMO: process.argv.includes('--demo') ? '1' : undefined, ...process.env });
const runtime = await createRuntime(config, { backgroundCheckpoints: true });
const { log } = runtime.deps;

if (config.CARDDESK_DEMO) {
  try {
    if (await seedDemo(runtime)) log.info('demo data seeded');
  } catch (err) {
    if (!(err instanceof DemoSeedRefused)) throw err;
    log.fatal(err.message);
    await runtime.close();
    process.exit(1);
  }
} else if ((await ensureBaseline(runtime)) === 'missing') {
  log.warn('no admin user yet: set CARDDESK_ADMIN_PASSWORD and restart to create one');
}

const app = await buildApp(runtime.deps, runtime.modules);
runtime.worker.start(config.CARDDESK_JOB_POLL_MS);
await app.listen({ port: config.PORT, host: config.HOST });
log.info({ db: runtime.deps.dbKind, demo: config.CARDDESK_DEMO }, 'CardDesk is ready');

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  try {
    await app.close();
    await runtime.close();
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
