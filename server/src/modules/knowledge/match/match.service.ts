/**
 * `POST /api/kb/match`: the best published FAQ answers for a question with a confidence, or none when
 * nothing matches well enough; when two sibling FAQs are nearly equally likely, both, flagged as a
 * choice to put to the customer. The basis of self-service answers and of agent suggestions.
 */
import { kbMatchInputSchema } from '@carddesk/contracts';
import type { z } from 'zod';
import { audit } from '../../../platform/audit.ts';
import { authorize } from '../../../platform/auth/policy.ts';
import type { Ctx } from '../../../platform/context.ts';
import { inTransaction } from '../../../platform/db/dialect.ts';
import { deleteSetting, readSetting, writeSetting } from '../../../platform/settings.ts';
import { servedVersions, type VersionRow } from '../article.repository.ts';
import { type Audience, plainText } from '../article.ts';
import { toViews } from '../article.view.ts';
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
import { PairMatcher, shippedPairModel } from './pair/pair-matcher.ts';
import { DEFAULT_RANKER, rankerWeightsSchema } from './ranker.ts';

/** What `POST /api/kb/match` takes: defined in the contract. */
export const matchInputSchema = kbMatchInputSchema;
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

/**
 * An FAQ row as the matcher sees it: phrasings, intent, and the answer's words (live parameters left out).
 * An FAQ imported without an intent gets the NLU's reading of its title, so intent agreement does not
 * favour the FAQs that were written with one (the shipped ones).
 */
function faqDoc(r: VersionRow): FaqDoc {
  return {
    id: r.article_id,
    title: r.title,
    questions: JSON.parse(r.questions) as string[],
    intent: r.intent ?? readIntent(r.title),
    answer: plainText(r.body.replace(PLACEHOLDER, ' ')),
  };
}

function readIntent(title: string): string | null {
  let best: [string, number] | null = null;
  for (const [intent, p] of intentsOf(title) ?? []) if (!best || p > best[1]) best = [intent, p];
  return best && best[1] >= 0.5 && best[0] !== 'out_of_scope' ? best[0] : null;
}

const pairMatchers = new GenerationCache<PairMatcher>(async (ctx, key) => {
  const audiences = key ? (key.split(',') as Audience[]) : undefined;
  const rows = await servedVersions(ctx.db, { kind: 'faq', ...(audiences ? { audiences } : {}) });
  return new PairMatcher(rows.map(faqDoc), await synonymTable(ctx), shippedPairModel());
});

const matchers = new GenerationCache<FaqMatcher>(async (ctx, key) => {
  const audiences = key ? (key.split(',') as Audience[]) : undefined;
  const rows = await servedVersions(ctx.db, { kind: 'faq', ...(audiences ? { audiences } : {}) });
  return new FaqMatcher(rows.map(faqDoc), await synonymTable(ctx));
});

/**
 * Drops the stored calibration (learnt on content that is no longer served): matching falls back to the
 * content-independent default until `carddesk kb calibrate` learns on the new content.
 */
export async function forgetCalibration(db: Ctx['db']): Promise<boolean> {
  return deleteSetting({ db }, SETTINGS_KEY);
}

export async function loadCalibration(ctx: Ctx): Promise<Calibration> {
  const stored = (await readSetting(ctx, SETTINGS_KEY)) as Partial<Calibration> | undefined;
  if (!stored) return DEFAULT_CALIBRATION;
  // Weights learnt for another feature set (an older release) are not used: the defaults are.
  const weights = rankerWeightsSchema.safeParse(stored.weights);
  return {
    ...DEFAULT_CALIBRATION,
    ...stored,
    // A calibration stored before there were two methods was learnt for the ranker.
    method: stored.method ?? 'ranker',
    weights: weights.success ? weights.data : DEFAULT_RANKER,
  };
}

const plainTitle = (title: string) => title.replace(/[\uFF1F?\u3002]+$/u, '');

export async function matchQuestion(
  ctx: Ctx,
  input: MatchInput,
  options: { audiences?: readonly Audience[] } = {},
): Promise<MatchResponse> {
  if (!options.audiences) authorize(ctx.actor, 'kb.read');
  const { question, limit } = matchInputSchema.parse(input);
  const calibration = await loadCalibration(ctx);
  if (calibration.method === 'pairs') return matchByPairs(ctx, question, limit, options.audiences);
  const matcher = await matchers.get(ctx, options.audiences?.join(',') ?? '');
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
  const inScope = confidence(ranking.fit, calibration);
  const matches = await answers(
    ctx,
    wanted.map((c) => ({ id: c.id, confidence: inScope * c.probability })),
  );
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

/** The chosen FAQs as answers (live parameters rendered), in the given order. */
async function answers(ctx: Ctx, wanted: ReadonlyArray<{ id: string; confidence: number }>): Promise<MatchAnswer[]> {
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
  return views.map((v, i) => ({
    id: v.id,
    title: v.title,
    answer: v.rendered,
    confidence: Math.round((picked[i]?.c.confidence ?? 0) * 1000) / 1000,
    intent: v.intent,
    source: v.source,
    version: v.version,
  }));
}

/**
 * Matching with the pair scorer (a bank's own FAQ list): the best FAQ when its calibrated probability
 * reaches the scorer's threshold, and the next ones that reach it too; otherwise none.
 */
async function matchByPairs(
  ctx: Ctx,
  question: string,
  limit: number,
  audiences: readonly Audience[] | undefined,
): Promise<MatchResponse> {
  const matcher = await pairMatchers.get(ctx, audiences?.join(',') ?? '');
  const threshold = shippedPairModel().threshold;
  const ranking = matcher.rank(question, limit);
  const wanted = ranking.candidates.filter((c) => c.probability >= threshold);
  if (wanted.length === 0) return { none: true, matches: [], clarify: null };
  const matches = await answers(
    ctx,
    wanted.map((c) => ({ id: c.id, confidence: c.probability })),
  );
  return { none: matches.length === 0, matches, clarify: null };
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
  await inTransaction(ctx, async (tctx) => {
    await writeSetting(tctx, SETTINGS_KEY, learnt);
    await audit(tctx, {
      action: 'kb.match.calibrate',
      entityType: 'setting',
      entityId: SETTINGS_KEY,
      details: { ...learnt },
    });
  });
  return learnt;
}
