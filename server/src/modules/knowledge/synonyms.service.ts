/** The managed synonym table: how customers talk → the words the knowledge uses. */
import { kbSynonymInputSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../platform/audit.ts';
import { authorize } from '../../platform/auth/policy.ts';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/dialect.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { bumpGeneration, listSynonyms } from './article.repository.ts';
import { GenerationCache } from './cache.ts';
import { SynonymTable } from './search/query.ts';
import { fold } from './text/fold.ts';

/** What `POST /api/kb/synonyms` takes: defined in the contract. */
export const synonymInputSchema = kbSynonymInputSchema;
export type SynonymInput = z.infer<typeof synonymInputSchema>;

export interface SynonymView {
  id: string;
  phrase: string;
  canonical: string;
}

const tables = new GenerationCache<SynonymTable>(async (ctx) => new SynonymTable(await listSynonyms(ctx.db)));

/** The current synonym table (cached until knowledge changes). */
export function synonymTable(ctx: Ctx): Promise<SynonymTable> {
  return tables.get(ctx);
}

export async function listSynonymViews(ctx: Ctx): Promise<SynonymView[]> {
  authorize(ctx.actor, 'kb.read');
  const rows = await listSynonyms(ctx.db);
  return rows.map((r) => ({ id: r.id, phrase: r.phrase, canonical: r.canonical }));
}

/** Adds synonyms in one transaction; a phrase already present is refused (or skipped, for seeding). */
export async function addSynonyms(
  ctx: Ctx,
  inputs: readonly SynonymInput[],
  options: { skipExisting?: boolean } = {},
): Promise<SynonymView[]> {
  authorize(ctx.actor, 'kb.synonyms');
  const parsed = inputs.map((i) => synonymInputSchema.parse(i));
  return inTransaction(ctx, async (tctx) => {
    const existing = new Set((await listSynonyms(tctx.db)).map((r) => r.phrase));
    const now = ctx.clock.now().toISOString();
    const added: SynonymView[] = [];
    for (const input of parsed) {
      const phrase = fold(input.phrase);
      if (existing.has(phrase)) {
        if (options.skipExisting) continue;
        throw new AppError('KB_SYNONYM_EXISTS');
      }
      existing.add(phrase);
      const id = newId(ctx.clock.now());
      await tctx.db
        .insertInto('kb_synonyms')
        .values({ id, phrase, canonical: fold(input.canonical), created_at: now, created_by: ctx.actor.userId })
        .execute();
      added.push({ id, phrase, canonical: fold(input.canonical) });
    }
    if (added.length > 0) {
      await bumpGeneration(tctx.db);
      await audit(tctx, {
        action: 'kb.synonyms.add',
        entityType: 'kb_synonym',
        details: { added: added.map((a) => [a.phrase, a.canonical]) },
      });
    }
    return added;
  });
}

export async function removeSynonym(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'kb.synonyms');
  await inTransaction(ctx, async (tctx) => {
    const row = await tctx.db.selectFrom('kb_synonyms').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await tctx.db.deleteFrom('kb_synonyms').where('id', '=', id).execute();
    await bumpGeneration(tctx.db);
    await audit(tctx, {
      action: 'kb.synonyms.remove',
      entityType: 'kb_synonym',
      entityId: id,
      details: { phrase: row.phrase },
    });
  });
}
