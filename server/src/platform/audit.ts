import { createHash } from 'node:crypto';
import type { Ctx } from './context.ts';
import type { Executor } from './db/database.ts';
import { inTransaction, lockName } from './db/dialect.ts';
import type { AuditLogTable } from './db/schema.ts';
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

/** What the hash chain covers: every column but the two hashes themselves. */
type ChainFields = Omit<AuditLogTable, 'prev_hash' | 'hash'>;

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

/**
 * Appends an audit record. Inside a transaction the record is written there, with the change it
 * describes, and commits or rolls back with it. Outside one (a read: the 360 view, a look-up, a
 * statement query) the record joins the records of other requests in flight and they commit together in
 * one transaction on the next turn of the event loop — a group commit. The promise settles only after that
 * commit, so a read is never answered before its audit record is durable, yet fifty concurrent reads cost
 * one write transaction instead of fifty.
 */
export async function audit(ctx: Ctx, entry: AuditEntry): Promise<void> {
  const record = draftRecord(ctx, entry);
  if (ctx.db.isTransaction) {
    await appendRecords(ctx.db, [record]);
    return;
  }
  let batch = batches.get(ctx.db);
  if (!batch) {
    batch = new GroupCommit(ctx.db);
    batches.set(ctx.db, batch);
  }
  await batch.add(record);
}

/** A record before it has its place in the chain (seq, predecessor and hash are set when it is written). */
type DraftRecord = Omit<ChainFields, 'seq'>;

function draftRecord(ctx: Ctx, entry: AuditEntry): DraftRecord {
  const at = ctx.clock.now();
  return {
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
}

/** Links records to the chain head and inserts them, in order, in one transaction. */
async function appendRecords(db: Executor, drafts: readonly DraftRecord[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    // Serialise writers on the chain head so two transactions never link to the same predecessor.
    await lockName(trx, 'audit_log_chain');
    const head = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = Number(head?.seq ?? 0);
    let prevHash = head?.hash ?? GENESIS;
    for (const draft of drafts) {
      const record: ChainFields = { ...draft, seq: ++seq };
      const hash = hashRecord(prevHash, record);
      await trx
        .insertInto('audit_log')
        .values({ ...record, prev_hash: prevHash, hash })
        .execute();
      prevHash = hash;
    }
  });
}

interface Waiting {
  draft: DraftRecord;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Collects the records written outside a transaction during one turn of the event loop. */
class GroupCommit {
  readonly #db: Executor;
  #waiting: Waiting[] = [];
  #scheduled = false;

  constructor(db: Executor) {
    this.#db = db;
  }

  add(draft: DraftRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ draft, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        // setImmediate runs after the I/O callbacks of this turn, so requests that arrived together join.
        setImmediate(() => void this.#flush());
      }
    });
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = this.#waiting;
    this.#waiting = [];
    try {
      await appendRecords(
        this.#db,
        batch.map((w) => w.draft),
      );
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}

// One group commit per database handle (the process-wide Kysely instance; tests open several).
const batches = new WeakMap<Executor, GroupCommit>();

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
