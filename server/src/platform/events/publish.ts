import type { Ctx } from '../context.ts';
import { afterCommit } from '../db/dialect.ts';

/** Publishes a live event once the caller's transaction has committed. */
export function publishEvent(ctx: Ctx, topic: string, type: string, data: unknown): void {
  const event = { topic, type, data, at: ctx.clock.now().toISOString() };
  afterCommit(ctx.db, () => ctx.events.publish(event));
}
