import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Actor } from './auth/actor.ts';
import type { Clock } from './clock.ts';
import type { Executor } from './db/database.ts';
import type { DbKind } from './db/dialect.ts';
import type { EventBus } from './events/bus.ts';
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
}

/**
 * What every service function receives: the dependencies, who is acting and from where. `db` may be an
 * open transaction (an idempotent request runs in one), so services never reach for a global client.
 */
export interface Ctx extends Deps {
  readonly actor: Actor;
  readonly ip?: string | undefined;
  readonly requestId?: string | undefined;
}

export function withDb<C extends Ctx>(ctx: C, db: Executor): C {
  return { ...ctx, db };
}
