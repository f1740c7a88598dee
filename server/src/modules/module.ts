import type { Migration } from 'kysely';
import type { Io } from '../cli/io.ts';
import type { AccessRule } from '../platform/auth/customer-access.ts';
import type { Ctx, CustomerViewContributor, Deps } from '../platform/context.ts';
import type { HookListener } from '../platform/hooks.ts';
import type { ModuleRoutes } from '../platform/http/types.ts';
import type { TopicAuthorizers } from '../platform/http/websocket.ts';
import type { JobHandlers } from '../platform/jobs/worker.ts';
import type { EncryptedColumn } from '../platform/pii/rotate.ts';

/** A CLI sub-command: gets the arguments after its name, returns the exit code. */
export type CliCommand = (argv: string[], deps: Deps, io: Io) => Promise<number>;

/**
 * What a domain module contributes to the composition root. Each module's `index.ts` exports one of
 * these; `modules/index.ts` lists them.
 */
export interface ModuleDef {
  name: string;
  /**
   * The module's migrations (its tables), named so they sort in the order they must run. Its table types live
   * in its `*.tables.ts`, which adds them to the platform's `Database` interface.
   */
  migrations?: Record<string, Migration>;
  routes?: ModuleRoutes;
  jobs?: JobHandlers;
  topics?: TopicAuthorizers;
  /** Seeds the module's demo data (first start in demo mode, `carddesk seed`). Runs in dependency order. */
  seedDemo?: (ctx: Ctx, options: DemoSeedOptions) => Promise<void>;
  /** `carddesk <name> …` sub-commands, keyed by the first word. */
  cli?: Record<string, CliCommand>;
  /** Rules that grant access to a customer's data (see platform/auth/customer-access.ts). */
  accessRules?: readonly AccessRule[];
  /** Columns this module encrypts, for key rotation (`carddesk keys rotate`). */
  encryptedColumns?: readonly EncryptedColumn[];
  /** Sections this module adds to the customer 360 view. */
  customerViews?: readonly CustomerViewContributor[];
  /** Listeners to other modules' extension points (platform/hooks.ts), e.g. a contact closed. */
  hooks?: readonly HookListener[];
  /** Work done once at boot, e.g. loading a model. */
  init?: (deps: Deps) => Promise<void>;
}

export interface DemoSeedOptions {
  customers: number;
  months: number;
  seed: number;
}
