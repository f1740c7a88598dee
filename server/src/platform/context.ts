import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Actor } from './auth/actor.ts';
import type { AccessGrant, AccessRequest } from './auth/customer-access.ts';
import type { Clock } from './clock.ts';
import type { Executor } from './db/database.ts';
import type { DbKind } from './db/dialect.ts';
import type { EventBus } from './events/bus.ts';
import type { HookListener } from './hooks.ts';
import type { Keyring } from './pii/keyring.ts';

/** What the composition root builds once: the process-wide dependencies. */
export interface Deps {
  readonly config: Config;
  readonly db: Executor;
  readonly dbKind: DbKind;
  readonly clock: Clock;
  readonly keyring: Keyring;
  readonly events: EventBus;
  readonly log: Logger;
  /** Decides customer-data access (see `auth/customer-access.ts`); wired from the modules' rules. */
  readonly access: CustomerAccess;
  /** Sections other modules add to the customer 360 view (open promises, cases, past contacts). */
  readonly customerViews: readonly CustomerViewContributor[];
  /** Listeners to the modules' extension points (`hooks.ts`), from every module's `hooks`. */
  readonly hooks: readonly HookListener[];
}

/** Adds one named section to the customer 360 view; runs after access to the customer was granted. */
export interface CustomerViewContributor {
  section: string;
  load(ctx: Ctx, customerId: string): Promise<unknown>;
}

export interface CustomerAccess {
  require(ctx: Ctx, request: AccessRequest): Promise<AccessGrant>;
}

/**
 * What every service function receives: the dependencies, who is acting and from where. `db` may be an
 * open transaction (an idempotent request runs in one), so services never reach for a global client.
 */
export interface Ctx extends Deps {
  readonly actor: Actor;
  readonly ip?: string | undefined;
  readonly requestId?: string | undefined;
  /** The contact this request works in (`X-Contact-Id`), for customer-data access and the audit trail. */
  readonly contactId?: string | undefined;
  /** A written reason for access beyond the usual rules (`X-Access-Reason`), required for overrides. */
  readonly accessReason?: string | undefined;
}
