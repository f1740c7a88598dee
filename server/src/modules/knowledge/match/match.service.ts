/**
 * `POST /api/kb/match`: the best published FAQ answers for a question with a confidence, or none when
 * nothing matches well enough; when two sibling FAQs are nearly equally likely, both, flagged as a
 * choice to put to the customer. The basis of self-service answers and of agent suggestions.
 */
import { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { servedVersions, type VersionRow } from '../article.repository.ts';
import { toViews } from '../article.service.ts';
import { type Audience, plainText } from '../article.ts';
import { GenerationCache } from '../cache.ts';
import { PLACEHOLDER } from '../params/placeholders.ts';
import { synonymTable } from '../synonyms.service.ts';
import {
  type Calibration,
  confidence,
  DEFAULT_CALIBRATION,
  isClarifying,
  learnCalibration,
  memoIntents,
} from './calibrate.ts';
import { intentsOf } from './intents.ts';
import { type FaqDoc, FaqMatcher } from './matcher.ts';
import { DEFAULT_RANKER, rankerWeightsSchema } from './ranker.ts';

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
  /** P(the question is in scope) × P(this FAQ is the one asked about). */
  confidence: number;
  intent: string | null;
  source: string | null;
  version: number;
}

/** Two sibling FAQs nearly as likely as each other: ask the customer which one they mean. */
export interface MatchClarify {
  /** A ready-made question for the customer ("您想问的是「…」还是「…」?"). */
  question: string;
  /** The two FAQ ids, in the order of `matches`. */
  ids: [string, string];
}

export interface MatchResponse {
  /** True when no FAQ matched well enough: say so rather than guess. */
  none: boolean;
  matches: MatchAnswer[];
  /** Set when the first two matches should be offered as a choice rather than the first answered. */
  clarify: MatchClarify | null;
}

const SETTINGS_KEY = 'kb.match.calibration';

/** An FAQ row as the matcher sees it: phrasings, intent, and the answer's words (live parameters left out). */
function faqDoc(r: VersionRow): FaqDoc {
  return {
    id: r.article_id,
    title: r.title,
    questions: JSON.parse(r.questions) as string[],
    intent: r.intent,
    answer: plainText(r.body.replace(PLACEHOLDER, ' ')),
  };
}

const matchers = new GenerationCache<FaqMatcher>(async (ctx, key) => {
  const audiences = key ? (key.split(',') as Audience[]) : undefined;
  const rows = await servedVersions(ctx.db, { kind: 'faq', ...(audiences ? { audiences } : {}) });
  return new FaqMatcher(rows.map(faqDoc), await synonymTable(ctx));
});

export async function loadCalibration(ctx: Ctx): Promise<Calibration> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) return DEFAULT_CALIBRATION;
  const stored = JSON.parse(row.value) as Partial<Calibration>;
  // Weights learnt for another feature set (an older release) are not used: the defaults are.
  const weights = rankerWeightsSchema.safeParse(stored.weights);
  return { ...DEFAULT_CALIBRATION, ...stored, weights: weights.success ? weights.data : DEFAULT_RANKER };
}

const plainTitle = (title: string) => title.replace(/[\uFF1F?\u3002]+$/u, '');

export async function matchQuestion(
  ctx: Ctx,
  input: MatchInput,
  options: { audiences?: readonly Audience[] } = {},
): Promise<MatchResponse> {
  if (!options.audiences) authorize(ctx.actor, 'kb.read');
  const { question, limit } = matchInputSchema.parse(input);
  const matcher = await matchers.get(ctx, options.audiences?.join(',') ?? '');
  const calibration = await loadCalibration(ctx);
  const ranking = matcher.rank(question, {
    limit: Math.max(limit, 2),
    intent: intentsOf(question),
    weights: calibration.weights,
  });
  if (ranking.fit < calibration.threshold) return { none: true, matches: [], clarify: null };
  const [first, second] = ranking.candidates;
  const clarifying = isClarifying(matcher, first, second, calibration.clarifyRatio);
  // The first always; the others only if they fit the question well enough on their own.
  const wanted = ranking.candidates.filter(
    (c, i) => i === 0 || (clarifying && i === 1) || (i < limit && c.score >= calibration.threshold),
  );
  const rows = await servedVersions(ctx.db, { kind: 'faq', ids: wanted.map((c) => c.id) });
  const byId = new Map(rows.map((r) => [r.article_id, r]));
  const picked = wanted.flatMap((c) => {
    const row = byId.get(c.id);
    return row ? [{ c, row }] : [];
  });
  const views = await toViews(
    ctx,
    picked.map((p) => p.row),
  );
  const inScope = confidence(ranking.fit, calibration);
  const matches = views.map((v, i) => ({
    id: v.id,
    title: v.title,
    answer: v.rendered,
    confidence: Math.round(inScope * (picked[i]?.c.probability ?? 0) * 1000) / 1000,
    intent: v.intent,
    source: v.source,
    version: v.version,
  }));
  const [a, b] = matches;
  const clarify =
    clarifying && a && b && a.id === first?.id && b.id === second?.id
      ? {
          question: `您想问的是「${plainTitle(a.title)}」,还是「${plainTitle(b.title)}」?`,
          ids: [a.id, b.id] as [string, string],
        }
      : null;
  return { none: matches.length === 0, matches, clarify };
}

/**
 * Learns the ranker's weights and the "none" threshold from the served FAQs (cross-validated over their
 * phrasings) and out-of-scope questions, and stores them in the settings; the clarify ratio set there is
 * kept. Run after seeding, after an import, or from the CLI.
 */
export async function calibrateMatching(ctx: Ctx, outOfScope: readonly string[]): Promise<Calibration> {
  authorize(ctx.actor, 'kb.review');
  const rows = await servedVersions(ctx.db, { kind: 'faq' });
  const previous = await loadCalibration(ctx);
  const learnt = learnCalibration(
    rows.map(faqDoc),
    await synonymTable(ctx),
    outOfScope,
    memoIntents(intentsOf),
    ctx.clock.now(),
    { clarifyRatio: previous.clarifyRatio },
  );
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
      { action: 'kb.match.calibrate', entityType: 'setting', entityId: SETTINGS_KEY, details: { ...learnt } },
    );
  });
  return learnt;
}
