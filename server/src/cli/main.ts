import { ROLES, type Role } from '@carddesk/contracts';
import { createRuntime, DEFAULT_DEMO, DemoSeedRefused, ensureBaseline, type Runtime, seedDemo } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { modules } from '../modules/index.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { systemActor } from '../platform/auth/actor.ts';
import { createUser } from '../platform/auth/auth.service.ts';
import { issueSystemCredential } from '../platform/auth/system-credentials.ts';
import { findDepartmentByCode } from '../platform/departments.ts';
import { AppError, messageFor } from '../platform/errors.ts';
import { generateKeySpec } from '../platform/pii/keyring.ts';
import { reencryptAll } from '../platform/pii/rotate.ts';
import { intOption, parseArgs, stringOption } from './args.ts';
import { type Io, stdio } from './io.ts';

const HELP = `carddesk — CardDesk command line

  carddesk migrate                       bring the database schema up to date
  carddesk seed [--customers N] [--months M] [--seed S]
                                         seed demo users, departments and generated demo data
  carddesk audit verify                  check the audit log's hash chain
  carddesk user create --username U --role R --display-name NAME [--department CODE] [--agent-no N]
                                         password from CARDDESK_NEW_USER_PASSWORD
  carddesk payment-key create --name N   issue the payment system's API key (shown once; only its hash is kept)
  carddesk keys new                      print a fresh master key for CARDDESK_MASTER_KEY
  carddesk keys rotate                   re-encrypt every value still under an older key (resumable)
${modules.flatMap((m) => Object.keys(m.cli ?? {}).map((c) => `  carddesk ${c} …`)).join('\n')}

Environment: DATABASE_URL (SQLite path or postgres:// URL, default ./data/carddesk.db), CARDDESK_MASTER_KEY
(required; beside the demo server set CARDDESK_DEMO=1 instead, to use the demo's key file).
`;

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], io: Io = stdio): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    io.out(HELP);
    return command ? 0 : 1;
  }
  if (command === 'keys' && rest[0] === 'new') {
    io.out(`${generateKeySpec(stringOption(parseArgs(rest).options, 'kid') ?? 'k1')}\n`);
    return 0;
  }

  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  let runtime: Runtime | undefined;
  try {
    runtime = await createRuntime(config);
    const ctx = { ...runtime.deps, actor: systemActor('cli') };
    switch (command) {
      case 'migrate':
        // createRuntime has migrated; say so.
        io.out(`schema is up to date (${runtime.deps.dbKind})\n`);
        return 0;
      case 'seed': {
        const { options } = parseArgs(rest);
        try {
          const seeded = await seedDemo(runtime, {
            customers: intOption(options, 'customers', DEFAULT_DEMO.customers),
            months: intOption(options, 'months', DEFAULT_DEMO.months),
            seed: intOption(options, 'seed', DEFAULT_DEMO.seed),
          });
          io.out(seeded ? 'demo data seeded\n' : 'already seeded: nothing to do\n');
          return 0;
        } catch (err) {
          if (!(err instanceof DemoSeedRefused)) throw err;
          io.err(`${err.message}\n`);
          return 1;
        }
      }
      case 'audit': {
        if (rest[0] !== 'verify') break;
        const result = await verifyAuditChain(runtime.deps);
        if (result.ok) {
          io.out(`audit chain intact: ${result.checked} records\n`);
          return 0;
        }
        io.out(`audit chain BROKEN at record ${result.firstBroken}: ${result.problem}\n`);
        return 2;
      }
      case 'keys': {
        if (rest[0] !== 'rotate') break;
        const results = await reencryptAll(
          runtime.deps,
          runtime.modules.flatMap((m) => m.encryptedColumns ?? []),
        );
        for (const r of results) io.out(`${r.column}: ${r.reencrypted} re-encrypted\n`);
        io.out(`all values now under key ${runtime.deps.keyring.activeKid}\n`);
        return 0;
      }
      case 'payment-key': {
        if (rest[0] !== 'create') break;
        const name = stringOption(parseArgs(rest.slice(1)).options, 'name') ?? 'payment-system';
        const issued = await issueSystemCredential(ctx, { kind: 'payment_system', name });
        io.out(`payment system key ${issued.id} (send as X-Api-Key; it is not shown again):\n${issued.secret}\n`);
        return 0;
      }
      case 'user': {
        if (rest[0] !== 'create') break;
        const { options } = parseArgs(rest.slice(1));
        const role = stringOption(options, 'role');
        const username = stringOption(options, 'username');
        const password = process.env.CARDDESK_NEW_USER_PASSWORD;
        if (!username || !role || !(ROLES as readonly string[]).includes(role) || !password) {
          io.err(`need --username, --role (${ROLES.join('|')}) and CARDDESK_NEW_USER_PASSWORD\n`);
          return 1;
        }
        await ensureBaseline(runtime);
        const deptCode = stringOption(options, 'department');
        const dept = deptCode ? await findDepartmentByCode(ctx, deptCode) : undefined;
        if (deptCode && !dept) {
          io.err(`no department ${deptCode}\n`);
          return 1;
        }
        const user = await createUser(ctx, {
          username,
          role: role as Role,
          displayName: stringOption(options, 'display-name') ?? username,
          password,
          agentNo: stringOption(options, 'agent-no') ?? null,
          departmentId: dept?.id ?? null,
        });
        io.out(`created ${user.username} (${user.role})\n`);
        return 0;
      }
      default: {
        const handler = modules.map((m) => m.cli?.[command]).find(Boolean);
        if (handler) return await handler(rest, runtime.deps, io);
      }
    }
    io.err(`unknown command: ${argv.join(' ')}\n\n${HELP}`);
    return 1;
  } catch (err) {
    const message =
      err instanceof AppError
        ? `${err.code}: ${messageFor(err.code, 'zh')} / ${messageFor(err.code, 'en')}`
        : err instanceof Error
          ? err.message
          : String(err);
    io.err(`carddesk: ${message}\n`);
    return 1;
  } finally {
    await runtime?.close();
  }
}
