/**
 * The server under test, in its own process so its resident memory can be read from /proc: the real
 * application (all modules) on the benchmark database, plus a bare Fastify route for comparison.
 */
import { buildApp } from '../../src/app.ts';
import { createRuntime } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
const runtime = await createRuntime(config, { backgroundCheckpoints: true });
const app = await buildApp(runtime.deps, runtime.modules);
// The bare route: same process, same Fastify, no auth, no database — the ceiling to compare with.
app.get('/bench/bare', { config: { public: true }, schema: { hide: true } }, async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`ready ${typeof address === 'object' && address ? address.port : ''}\n`);
process.on('SIGTERM', async () => {
  await app.close();
  await runtime.close();
  process.exit(0);
});
