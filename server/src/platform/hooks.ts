import type { Ctx } from './context.ts';

/**
 * Extension points: a module names a moment in its own work (a contact closed) and other modules listen
 * to it without the first knowing them. Listeners run in the caller's transaction, so what they do (e.g.
 * schedule a job) commits or rolls back with the change that raised it. A module declares its listeners in
 * its ModuleDef (`hooks`); the composition root wires them into `ctx.hooks`.
 */
export interface HookPoint<P> {
  readonly name: string;
  /** Type only: the payload the point passes. */
  readonly payload?: P;
}

export interface HookListener {
  readonly hook: string;
  run(ctx: Ctx, payload: unknown): Promise<void>;
}

export function defineHook<P>(name: string): HookPoint<P> {
  return { name };
}

/** A listener to one point, typed by it. */
export function listen<P>(hook: HookPoint<P>, run: (ctx: Ctx, payload: P) => Promise<void>): HookListener {
  return { hook: hook.name, run: (ctx, payload) => run(ctx, payload as P) };
}

/** Runs every listener of the point, in module order, in `ctx.db` (the caller's transaction). */
export async function runHook<P>(ctx: Ctx, hook: HookPoint<P>, payload: P): Promise<void> {
  for (const l of ctx.hooks) if (l.hook === hook.name) await l.run(ctx, payload);
}
