import { sql } from 'kysely';
import { audit } from '../audit.ts';
import { systemActor } from '../auth/actor.ts';
import type { Deps } from '../context.ts';
import { inTransaction } from '../db/dialect.ts';

/** An encrypted column: where it lives and the context its values were bound to when encrypted. */
export interface EncryptedColumn {
  table: string;
  idColumn: string;
  column: string;
  /** The AAD context passed to `keyring.encrypt` for this column, e.g. `customers.phone`. */
  context: string;
}

export interface RotationResult {
  column: string;
  reencrypted: number;
}

/**
 * Key rotation without downtime: once a new key is first in CARDDESK_MASTER_KEY (the old one kept behind
 * it), every server decrypts both; this re-encrypts, in small committed batches, each value still under
 * an older key. It can be stopped and resumed at any time. Blind indexes do not change.
 */
export async function reencryptAll(
  deps: Deps,
  columns: readonly EncryptedColumn[],
  batchSize = 500,
): Promise<RotationResult[]> {
  const results: RotationResult[] = [];
  const activePrefix = `v1.${deps.keyring.activeKid}.`;
  for (const col of columns) {
    let done = 0;
    for (;;) {
      const rows = (
        await sql<{ id: string; value: string }>`select ${sql.ref(col.idColumn)} as id, ${sql.ref(col.column)} as value
          from ${sql.table(col.table)}
          where ${sql.ref(col.column)} is not null and ${sql.ref(col.column)} not like ${`${activePrefix}%`}
          limit ${batchSize}`.execute(deps.db)
      ).rows;
      if (rows.length === 0) break;
      await inTransaction(deps.db, async (trx) => {
        for (const row of rows) {
          const plain = deps.keyring.decrypt(row.value, col.context);
          await sql`update ${sql.table(col.table)} set ${sql.ref(col.column)} = ${deps.keyring.encrypt(plain, col.context)}
            where ${sql.ref(col.idColumn)} = ${row.id}`.execute(trx);
        }
      });
      done += rows.length;
    }
    results.push({ column: `${col.table}.${col.column}`, reencrypted: done });
  }
  await audit(
    { ...deps, actor: systemActor('keys.rotate') },
    { action: 'keys.reencrypt', entityType: 'keyring', entityId: deps.keyring.activeKid, details: { results } },
  );
  return results;
}
