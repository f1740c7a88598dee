import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: a migration describes the schema at one point in history
type AnyDb = Kysely<any>;

/**
 * Stored scorecard definitions name the speaker a rule looks at `speaker` (items' scope, the `speaker` and
 * `position` operators) where the first version said `role`.
 */
export async function up(db: AnyDb): Promise<void> {
  const rows = (await db.selectFrom('qa_scorecard_versions').select(['id', 'definition']).execute()) as {
    id: string;
    definition: string;
  }[];
  for (const r of rows) {
    const before = JSON.parse(r.definition) as unknown;
    const after = JSON.stringify(rename(before));
    if (after !== r.definition) {
      await db.updateTable('qa_scorecard_versions').set({ definition: after }).where('id', '=', r.id).execute();
    }
  }
}

function rename(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(rename);
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'role') out.speaker = x;
    else if (k === 'op' && x === 'role') out.op = 'speaker';
    else out[k] = rename(x);
  }
  return out;
}
