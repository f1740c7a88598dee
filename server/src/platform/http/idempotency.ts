import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../context.ts';
import type { Executor } from '../db/database.ts';
import { trackAfterCommit } from '../db/dialect.ts';
import { AppError } from '../errors.ts';
import { bearerToken } from './auth-hook.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface OpenIdempotentRequest {
  trx: Executor & { commit(): { execute(): Promise<void> }; rollback(): { execute(): Promise<void> } };
  runAfterCommit: () => void;
  actorId: string;
  key: string;
  done: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    idempotent?: OpenIdempotentRequest;
  }
}

function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * Whose key this is. Keys are per caller: a staff user, or on a public route the bearer credential it
 * carries (a chat token, hashed). A caller with neither gets no idempotency — an address alone is shared
 * by everyone behind one NAT, and one caller's key must never replay another's answer.
 */
function keyOwner(request: FastifyRequest): string | undefined {
  if (request.actor?.userId) return request.actor.userId;
  const token = bearerToken(request.headers.authorization);
  return token ? `bearer:${createHash('sha256').update(token).digest('hex')}` : undefined;
}

/**
 * `Idempotency-Key` on a mutating request: the whole request runs in one transaction together with the
 * record of its response, so a retry after a lost answer — or after a crash — either finds the stored
 * response (and gets it back without the work being done again) or finds nothing and does the work once.
 * The same key with a different body is refused with 409. A refused request (≥ 400) rolls back with the
 * transaction, so routes whose failures must leave a trace — sign-in, where failed attempts count — say
 * `config: { idempotent: false }` and the key is ignored: their counters and audit records commit
 * whatever the answer, and their answers (live tokens) are never stored. Stored answers expire after
 * `CARDDESK_IDEMPOTENCY_RETENTION_HOURS` (purged by the housekeeping job; an expired row is not replayed).
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string' || !MUTATING.has(request.method)) return;
    if (request.routeOptions.config?.idempotent === false) return;
    if (key.length < 1 || key.length > 200)
      throw new AppError('VALIDATION_FAILED', { detail: 'Idempotency-Key length' });
    const actorId = keyOwner(request);
    if (!actorId) return;
    const path = request.routeOptions.url ?? request.url;
    const bodyHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${stableStringify(request.body ?? null)}`)
      .digest('hex');

    const db = request.ctx.db;
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('actor_id', '=', actorId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (existing && existing.created_at > idempotencyCutoff(request.ctx)) return replay(existing, bodyHash, reply);
    if (existing) {
      // Expired: the key may be used afresh.
      await db.deleteFrom('idempotency_keys').where('actor_id', '=', actorId).where('key', '=', key).execute();
    }

    const trx = (await db.startTransaction().execute()) as unknown as OpenIdempotentRequest['trx'];
    const runAfterCommit = trackAfterCommit(trx);
    try {
      await trx
        .insertInto('idempotency_keys')
        .values({
          actor_id: actorId,
          key,
          method: request.method,
          path,
          body_hash: bodyHash,
          status_code: null,
          response_body: null,
          created_at: request.ctx.clock.now().toISOString(),
        })
        .execute();
    } catch {
      // Another request with this key committed between our look-up and insert.
      await trx.rollback().execute();
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('actor_id', '=', actorId)
        .where('key', '=', key)
        .executeTakeFirst();
      if (row) return replay(row, bodyHash, reply);
      throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    }
    request.idempotent = { trx, runAfterCommit, actorId, key, done: false };
    request.ctx = { ...request.ctx, db: trx };
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const open = request.idempotent;
    if (!open || open.done) return payload;
    open.done = true;
    if (reply.statusCode >= 400) {
      await open.trx.rollback().execute();
      return payload;
    }
    try {
      await open.trx
        .updateTable('idempotency_keys')
        .set({
          status_code: reply.statusCode,
          response_body: typeof payload === 'string' ? payload : JSON.stringify(payload),
        })
        .where('actor_id', '=', open.actorId)
        .where('key', '=', open.key)
        .execute();
      await open.trx.commit().execute();
    } catch (err) {
      await open.trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw err;
    }
    open.runAfterCommit();
    return payload;
  });

  // A request that never reached onSend (client gone, hook error) must not leave its transaction open.
  const release = async (request: FastifyRequest) => {
    const open = request.idempotent;
    if (open && !open.done) {
      open.done = true;
      await open.trx
        .rollback()
        .execute()
        .catch(() => undefined);
    }
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}

/** Stored answers created before this instant are expired. */
export function idempotencyCutoff(deps: Pick<Deps, 'clock' | 'config'>): string {
  return new Date(
    deps.clock.now().getTime() - deps.config.CARDDESK_IDEMPOTENCY_RETENTION_HOURS * 3_600_000,
  ).toISOString();
}

/** Deletes expired stored answers (the housekeeping job); returns how many. */
export async function purgeIdempotencyKeys(deps: Pick<Deps, 'clock' | 'config' | 'db'>): Promise<number> {
  const result = await deps.db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<=', idempotencyCutoff(deps))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

function replay(
  row: { body_hash: string; status_code: number | null; response_body: string | null },
  bodyHash: string,
  reply: FastifyReply,
) {
  if (row.body_hash !== bodyHash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (row.status_code === null) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  return reply
    .status(row.status_code)
    .header('idempotent-replayed', 'true')
    .header('content-type', 'application/json; charset=utf-8')
    .send(row.response_body ?? '');
}
