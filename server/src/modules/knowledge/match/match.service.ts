/**
 * `POST /api/kb/match`: the best published FAQ answers for a question with a confidence, or none when
 * nothing matches well enough. The basis of self-service answers and of agent suggestions.
 */
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { servedVersions } from '../article.repository.ts';
import { toViews } from '../article.service.ts';
import type { Audience } from '../article.ts';
import { GenerationCache } from '../cache.ts';
import { synonymTable } from '../synonyms.service.ts';
import { type Calibration, calibrate, confidence, DEFAULT_CALIBRATION, heldOutEvaluation } from './calibrate.ts';
import { intentsOf } from './intents.ts';
import { type FaqDoc, FaqMatcher } from './matcher.ts';

export const matchInputSchema = z.object({
  question: z.string().trim().min(1).max(500),
  limit: z.number().int().min(1).max(10).default(3),
});
export type MatchInput = z.input<typeof matchInputSchema>;

export interface MatchAnswer {
  /** The FAQ article's id (its `id` in the Markdown front matter). */
  id: string;
  title: string;
  /** The answer with live product parameters rendered. */
  answer: string;
  confidence: number;
  intent: string | null;
  source: string | null;
  version: number;
}

export interface MatchResponse {
  /** True when no FAQ matched well enough: say so rather than guess. */
  none: boolean;
  matches: MatchAnswer[];
}

const SETTINGS_KEY = 'kb.match.calibration';

const matchers = new GenerationCache<FaqMatcher>(async (ctx, key) => {
  const audiences = key ? (key.split(',') as Audience[]) : undefined;
  const rows = await servedVersions(ctx.db, { kind: 'faq', ...(audiences ? { audiences } : {}) });
  const docs: FaqDoc[] = rows.map((r) => ({
    id: r.article_id,
    title: r.title,
    questions: JSON.parse(r.questions) as string[],
    intent: r.intent,
  }));
  return new FaqMatcher(docs, await synonymTable(ctx));
});

export async function loadCalibration(ctx: Ctx): Promise<Calibration> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_CALIBRATION;
  return { ...DEFAULT_CALIBRATION, ...(JSON.parse(row.value) as Partial<Calibration>) };
}

export async function matchQuestion(
  ctx: Ctx,
  input: MatchInput,
  options: { audiences?: readonly Audience[] } = {},
): Promise<MatchResponse> {
  if (!options.audiences) authorize(ctx.actor, 'kb.read');
  const { question, limit } = matchInputSchema.parse(input);
  const matcher = await matchers.get(ctx, options.audiences?.join(',') ?? '');
  const calibration = await loadCalibration(ctx);
  const intent = intentsOf(question);
  const ranked = matcher.rank(question, limit, intent).filter((c) => c.score >= calibration.threshold);
  if (ranked.length === 0) return { none: true, matches: [] };
  const rows = await servedVersions(ctx.db, { kind: 'faq', ids: ranked.map((c) => c.id) });
  const byId = new Map(rows.map((r) => [r.article_id, r]));
  const picked = ranked.flatMap((c) => {
    const row = byId.get(c.id);
    return row ? [{ c, row }] : [];
  });
  const views = await toViews(
    ctx,
    picked.map((p) => p.row),
  );
  return {
    none: views.length === 0,
    matches: views.map((v, i) => ({
      id: v.id,
      title: v.title,
      answer: v.rendered,
      confidence: Math.round(confidence(picked[i]?.c.score ?? 0, calibration) * 1000) / 1000,
      intent: v.intent,
      source: v.source,
      version: v.version,
    })),
  };
}

/**
 * Learns the "none" threshold from the served FAQs (one phrasing of each held out) and out-of-scope
 * questions, and stores it in the settings. Run after seeding, after an import, or from the CLI.
 */
export async function calibrateMatching(ctx: Ctx, outOfScope: readonly string[]): Promise<Calibration> {
  authorize(ctx.actor, 'kb.review');
  const rows = await servedVersions(ctx.db, { kind: 'faq' });
  const docs: FaqDoc[] = rows.map((r) => ({
    id: r.article_id,
    title: r.title,
    questions: JSON.parse(r.questions) as string[],
    intent: r.intent,
  }));
  const result = heldOutEvaluation(docs, await synonymTable(ctx), outOfScope, (d) => d.questions.length - 1, intentsOf);
  const learnt = calibrate(result, ctx.clock.now());
  await inTransaction(ctx.db, async (trx) => {
    const now = ctx.clock.now().toISOString();
    await trx
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value: JSON.stringify(learnt), updated_at: now, updated_by: ctx.actor.userId })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(learnt), updated_at: now, updated_by: ctx.actor.userId }),
      )
      .execute();
    await audit(
      { ...ctx, db: trx },
      {
        action: 'kb.match.calibrate',
        entityType: 'setting',
        entityId: SETTINGS_KEY,
        details: { ...learnt, recallAt1: result.recallAt1, recallAt3: result.recallAt3 },
      },
    );
  });
  return learnt;
}
