import { createHash } from 'node:crypto';
import { authorize } from './auth/policy.ts';
import type { Ctx } from './context.ts';
import type { Executor } from './db/database.ts';
import { inTransaction, lockName } from './db/dialect.ts';
import type { AuditLogTable } from './db/schema.ts';
import { newId } from './ids.ts';
import type { Keyring } from './pii/keyring.ts';
import { scrubText } from './pii/mask.ts';

/**
 * The audit log: append-only (database triggers refuse UPDATE and DELETE) and chained with a key — each
 * record carries an HMAC-SHA256, under the keyring's audit key, of the one before and of its own content, so
 * editing or removing a row breaks the chain from there on and nobody without the key can forge a new one.
 * The newest record's sequence number and MAC are kept, signed, in `audit_head` (written in the same
 * transaction), so cutting rows off the end is detected too. Records are written in the caller's
 * transaction, together with the change they describe.
 */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  customerId?: string | null;
  /** Only a contact that granted the access (`AccessGrant.contactId`), never the caller's say-so. */
  contactId?: string | null;
  /** Required when unmasked personal data is revealed or access goes beyond the usual rules. */
  reason?: string | null;
  details?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
const CHAIN = 'audit_log';

/** What the chain covers: every column but the two hashes and the key id (a wrong key id fails the MAC). */
type ChainFields = Omit<AuditLogTable, 'prev_hash' | 'hash' | 'mac_kid'>;

function canonical(prevHash: string, r: ChainFields): string {
  const fields = JSON.stringify([
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
  return `${prevHash}\n${fields}`;
}

/**
 * A record's link: HMAC-SHA256 under the audit key `kid`, or — for records written before the chain was
 * keyed (`kid` null) — the plain SHA-256 they were written with. Undefined when the key id is not in the ring.
 */
export function hashRecord(keyring: Keyring, kid: string | null, prevHash: string, r: ChainFields): string | undefined {
  const data = canonical(prevHash, r);
  if (kid === null) return createHash('sha256').update(data).digest('hex');
  return keyring.auditMac(data, kid);
}

/** The MAC that signs the head checkpoint: which record is the newest, and its link. */
function headMac(keyring: Keyring, kid: string, seq: number, hash: string): string | undefined {
  return keyring.auditMac(`audit-head\n${CHAIN}\n${seq}\n${hash}`, kid);
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
    await appendRecords(ctx.db, ctx.keyring, [record]);
    return;
  }
  let batch = batches.get(ctx.db);
  if (!batch) {
    batch = new GroupCommit(ctx.db, ctx.keyring);
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
    // A written reason is free text: a phone, ID or card number typed into it is masked before it is kept.
    reason: entry.reason ? scrubText(entry.reason) : null,
    // Defence in depth: a card, ID or phone number slipped into details is masked before it is kept.
    details: scrubText(JSON.stringify(entry.details ?? {})),
  };
}

/** Links records to the chain head, inserts them in order and moves the signed head, in one transaction. */
async function appendRecords(db: Executor, keyring: Keyring, drafts: readonly DraftRecord[]): Promise<void> {
  const kid = keyring.auditKid;
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
      const hash = hashRecord(keyring, kid, prevHash, record) as string;
      await trx
        .insertInto('audit_log')
        .values({ ...record, prev_hash: prevHash, hash, mac_kid: kid })
        .execute();
      prevHash = hash;
    }
    await writeHead(trx, keyring, seq, prevHash, drafts[drafts.length - 1]?.at ?? '');
  });
}

async function writeHead(trx: Executor, keyring: Keyring, seq: number, hash: string, at: string): Promise<void> {
  const kid = keyring.auditKid;
  const row = { seq, hash, mac_kid: kid, mac: headMac(keyring, kid, seq, hash) as string, at };
  const moved = await trx.updateTable('audit_head').set(row).where('chain', '=', CHAIN).executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0)
    await trx
      .insertInto('audit_head')
      .values({ chain: CHAIN, ...row })
      .execute();
}

/**
 * Seals a chain written before the head checkpoint existed (run at start-up, after the migrations): its
 * newest record becomes the signed head. Only a chain without any keyed record is sealed this way — once
 * records are keyed, a missing head is a finding for `audit verify`, never something to paper over.
 */
export async function sealLegacyAuditChain(db: Executor, keyring: Keyring): Promise<void> {
  await inTransaction(db, async (trx) => {
    await lockName(trx, 'audit_log_chain');
    if (await trx.selectFrom('audit_head').select('seq').where('chain', '=', CHAIN).executeTakeFirst()) return;
    const keyed = await trx.selectFrom('audit_log').select('seq').where('mac_kid', 'is not', null).executeTakeFirst();
    if (keyed) return;
    const last = await trx
      .selectFrom('audit_log')
      .select(['seq', 'hash', 'at'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (last) await writeHead(trx, keyring, Number(last.seq), last.hash, last.at);
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
  readonly #keyring: Keyring;
  #waiting: Waiting[] = [];
  #scheduled = false;

  constructor(db: Executor, keyring: Keyring) {
    this.#db = db;
    this.#keyring = keyring;
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
        this.#keyring,
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
  /** seq of the first record whose link or content does not match (or the first one missing). */
  firstBroken?: number;
  problem?: string;
}

/** Verification asked for over HTTP: administrators only (the CLI calls `verifyAuditChain` itself). */
export async function checkAuditChain(ctx: Ctx): Promise<ChainVerification> {
  authorize(ctx.actor, 'audit.verify');
  return verifyAuditChain(ctx);
}

/**
 * Walks the whole chain in order, in pages, checking every record's link and MAC, then checks the signed
 * head: it must be genuine and name the last record found — rows cut off the end leave the head pointing
 * past it. Records from before the chain was keyed verify by their SHA-256 link, but none may follow a
 * keyed one.
 */
export async function verifyAuditChain(
  deps: { db: Executor; keyring: Keyring },
  pageSize = 5000,
): Promise<ChainVerification> {
  const { db, keyring } = deps;
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  let keyedSeen = false;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (problem: string, at = seq): ChainVerification => ({
        ok: false,
        checked,
        firstBroken: at,
        problem,
      });
      if (seq !== expectedSeq) return broken(`record ${expectedSeq} is missing`, expectedSeq);
      if (row.prev_hash !== prevHash) return broken('link to the previous record does not match');
      if (row.mac_kid === null && keyedSeen) return broken('an unkeyed record follows keyed ones');
      keyedSeen ||= row.mac_kid !== null;
      const recomputed = hashRecord(keyring, row.mac_kid, prevHash, { ...row, seq });
      if (recomputed === undefined) return broken(`audit key ${row.mac_kid} is not in the keyring`);
      if (recomputed !== row.hash) return broken('content does not match its MAC');
      prevHash = row.hash;
      expectedSeq++;
      checked++;
    }
  }
  return checkHead(db, keyring, checked, prevHash);
}

async function checkHead(
  db: Executor,
  keyring: Keyring,
  checked: number,
  lastHash: string,
): Promise<ChainVerification> {
  const head = await db.selectFrom('audit_head').selectAll().where('chain', '=', CHAIN).executeTakeFirst();
  const after = checked + 1;
  if (!head) {
    return checked === 0
      ? { ok: true, checked }
      : { ok: false, checked, firstBroken: after, problem: 'the signed head checkpoint is missing' };
  }
  const headSeq = Number(head.seq);
  if (headMac(keyring, head.mac_kid, headSeq, head.hash) !== head.mac) {
    return { ok: false, checked, firstBroken: Math.min(headSeq, after), problem: 'the head checkpoint is not genuine' };
  }
  if (headSeq > checked) {
    return {
      ok: false,
      checked,
      firstBroken: after,
      problem: `records ${after}–${headSeq} are missing: the signed head is at ${headSeq}`,
    };
  }
  if (headSeq < checked) {
    return {
      ok: false,
      checked,
      firstBroken: headSeq + 1,
      problem: `records after the signed head (${headSeq}) were not sealed`,
    };
  }
  if (head.hash !== lastHash) {
    return { ok: false, checked, firstBroken: headSeq, problem: 'the newest record is not the one the head signed' };
  }
  return { ok: true, checked };
}

/**
 * What was done within a contact, oldest first: its audit records' actions and times, without reads (an action
 * containing `read`) and without the actions named in `except`. For the hand-over packet.
 */
export function contactActions(
  db: Executor,
  contactId: string,
  options: { except: readonly string[]; limit: number },
): Promise<Array<{ action: string; at: string }>> {
  return db
    .selectFrom('audit_log')
    .select(['action', 'at'])
    .where('contact_id', '=', contactId)
    .where('action', 'not like', '%read%')
    .where('action', 'not in', [...options.except])
    .orderBy('seq')
    .limit(options.limit)
    .execute();
}

/**
 * Every audit record of a contact, oldest first, with its details (JSON text) and the customer it named: what
 * the quality inspection reads to know what was done in the contact (verification, data read, disclosures).
 */
export function contactTrail(
  db: Executor,
  contactId: string,
): Promise<Array<{ action: string; at: string; details: string; customer_id: string | null }>> {
  return db
    .selectFrom('audit_log')
    .select(['action', 'at', 'details', 'customer_id'])
    .where('contact_id', '=', contactId)
    .orderBy('seq')
    .execute();
}
