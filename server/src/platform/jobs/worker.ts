import type { z } from 'zod';
import { systemActor } from '../auth/actor.ts';
import type { Ctx, Deps } from '../context.ts';
import { forUpdate, inTransaction } from '../db/dialect.ts';
import { newId } from '../ids.ts';

/** A job kind's handler. It runs in a transaction that also marks the job done: its effects happen once. */
export interface JobHandler<S extends z.ZodType = z.ZodType> {
  payload: S;
  run(ctx: Ctx, payload: z.infer<S>): Promise<void>;
}

export type JobHandlers = Record<string, JobHandler>;

const LEASE_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;

/** 10 s, 20 s, 40 s … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, 10_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * The in-process worker: claims due jobs (PostgreSQL: FOR UPDATE SKIP LOCKED, so several instances share
 * the queue), runs each with retries and back-off, and reclaims jobs whose worker died mid-run.
 */
export class JobWorker {
  readonly #deps: Deps;
  readonly #handlers: JobHandlers;
  readonly #workerId = newId();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #stopped = false;

  constructor(deps: Deps, handlers: JobHandlers) {
    this.#deps = deps;
    this.#handlers = handlers;
  }

  start(pollMs: number): void {
    this.#stopped = false;
    const tick = async () => {
      if (this.#stopped) return;
      try {
        await this.runDue();
      } catch (err) {
        this.#deps.log.error({ err }, 'job worker tick failed');
      }
      if (!this.#stopped) this.#timer = setTimeout(tick, pollMs);
    };
    this.#timer = setTimeout(tick, pollMs);
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
  }

  /** Runs every job due at the clock's now; returns how many ran. Tests and `cycle run` call it directly. */
  async runDue(limit = 100): Promise<number> {
    if (this.#running) return this.#running;
    this.#running = this.#runDue(limit);
    try {
      return await this.#running;
    } finally {
      this.#running = undefined;
    }
  }

  async #runDue(limit: number): Promise<number> {
    let ran = 0;
    while (ran < limit) {
      const job = await this.#claim();
      if (!job) break;
      await this.#execute(job);
      ran++;
    }
    return ran;
  }

  async #claim() {
    const { db, clock } = this.#deps;
    const now = clock.now().toISOString();
    return inTransaction(db, async (trx) => {
      const job = await forUpdate(
        trx,
        trx
          .selectFrom('jobs')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb.and([eb('status', 'in', ['pending', 'retry']), eb('run_at', '<=', now)]),
              eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
            ]),
          )
          .orderBy('run_at')
          .limit(1),
      )
        .$call((qb) => (this.#deps.dbKind === 'postgres' ? qb.skipLocked() : qb))
        .executeTakeFirst();
      if (!job) return undefined;
      await trx
        .updateTable('jobs')
        .set({
          status: 'running',
          locked_by: this.#workerId,
          locked_until: new Date(clock.now().getTime() + LEASE_MS).toISOString(),
          attempts: job.attempts + 1,
        })
        .where('id', '=', job.id)
        .execute();
      return { ...job, attempts: job.attempts + 1 };
    });
  }

  async #execute(job: { id: string; kind: string; payload: string; attempts: number; max_attempts: number }) {
    const { db, clock, log } = this.#deps;
    const handler = this.#handlers[job.kind];
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const payload = handler.payload.parse(JSON.parse(job.payload));
      const jobCtx: Ctx = { ...this.#deps, actor: systemActor(`job:${job.kind}`) };
      await inTransaction(jobCtx, async (ctx) => {
        await handler.run(ctx, payload);
        await ctx.db
          .updateTable('jobs')
          .set({ status: 'done', finished_at: clock.now().toISOString(), locked_by: null, locked_until: null })
          .where('id', '=', job.id)
          .execute();
      });
    } catch (err) {
      const dead = job.attempts >= job.max_attempts;
      log.warn({ jobId: job.id, kind: job.kind, attempts: job.attempts, dead, err }, 'job failed');
      await db
        .updateTable('jobs')
        .set({
          status: dead ? 'dead' : 'retry',
          last_error: err instanceof Error ? err.message.slice(0, 1000) : String(err).slice(0, 1000),
          run_at: new Date(clock.now().getTime() + backoffMs(job.attempts)).toISOString(),
          locked_by: null,
          locked_until: null,
          finished_at: dead ? clock.now().toISOString() : null,
        })
        .where('id', '=', job.id)
        .execute();
    }
  }
}

/** Types a handler's payload from its schema, then stores it among handlers of any payload. */
export function defineJob<S extends z.ZodType>(handler: JobHandler<S>): JobHandler {
  return handler as unknown as JobHandler;
}
