import { createHash } from 'node:crypto';
import type { Ctx } from './context.ts';
import type { Executor } from './db/database.ts';
import { inTransaction, lockName } from './db/dialect.ts';
import { newId } from './ids.ts';
import { scrubText } from './pii/mask.ts';

/**
 * The audit log: append-only (database triggers refuse UPDATE and DELETE) and hash-chained — each record
 * carries the hash of the one before, so editing or removing a row breaks the chain from there on.
 * Records are written in the caller's transaction, together with the change they describe.
 */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  customerId?: string | null;
  contactId?: string | null;
  /** Required when unmasked personal data is revealed or access goes beyond the usual rules. */
  reason?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

interface ChainFields {
  seq: number;
  id: string;
  at: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  customer_id: string | null;
  contact_id: string | null;
  ip: string | null;
  reason: string | null;
  details: string;
}

export function hashRecord(prevHash: string, r: ChainFields): string {
  const canonical = JSON.stringify([
    r.seq,
    r.id,
    r.at,
    r.actor_id,
    r.actor_role,
    r.action,
    r.entity_type,
    r.entity_id,
    r.customer_id,
    r.contact_id,
    r.ip,
    r.reason,
    r.details,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    // Serialise writers on the chain head so two transactions never link to the same predecessor.
    await lockName(trx, 'audit_log_chain');
    const head = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const at = ctx.clock.now();
    const record: ChainFields = {
      seq: (head?.seq ?? 0) + 1,
      id: newId(at),
      at: at.toISOString(),
      actor_id: ctx.actor.userId,
      actor_role: ctx.actor.role,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      customer_id: entry.customerId ?? null,
      contact_id: entry.contactId ?? null,
      ip: ctx.ip ?? null,
      reason: entry.reason ?? null,
      // Defence in depth: a card, ID or phone number slipped into details is masked before it is kept.
      details: scrubText(JSON.stringify(entry.details ?? {})),
    };
    const prevHash = head?.hash ?? GENESIS;
    await trx
      .insertInto('audit_log')
      .values({ ...record, prev_hash: prevHash, hash: hashRecord(prevHash, record) })
      .execute();
  });
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** seq of the first record whose link or content does not match. */
  firstBroken?: number;
  problem?: string;
}

/** Walks the whole chain in order, in pages, and names the first broken record. */
export async function verifyAuditChain(db: Executor, pageSize = 5000): Promise<ChainVerification> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, checked, firstBroken: expectedSeq, problem: `record ${expectedSeq} is missing` };
      }
      if (row.prev_hash !== prevHash) {
        return { ok: false, checked, firstBroken: seq, problem: 'link to the previous record does not match' };
      }
      const recomputed = hashRecord(prevHash, { ...row, seq });
      if (recomputed !== row.hash) {
        return { ok: false, checked, firstBroken: seq, problem: 'content does not match its hash' };
      }
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
}
