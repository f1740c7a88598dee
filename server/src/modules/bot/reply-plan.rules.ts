import { INTENTS, type Intent, isIntent } from '@carddesk/contracts';
import type { NluAnalysis } from '../nlu/index.ts';

/**
 * What the chat assistant does with a customer's question, decided from the NLU's reading and the FAQ
 * matcher's answer alone (pure: no context, no database), so that the service acts on it and the benchmark's
 * tuning replays it on stored readings without a database (`server/bench/bot/tune.ts`).
 *
 * A wrong answer costs more than a question back or a person: the thresholds below were chosen on the real
 * dev split, scored with an NLU model that never trained on it (`npm run bench:bot -- --split dev`, replayed
 * over a grid by `bench/bot/tune.ts`), as the operating point with the most right answers among those with
 * about 3.5% answered wrongly on dev, the operation bar kept at 0.75: 1.5 points under the 5% target, because
 * the fresh test set ran 0.9–1.4 points above dev over three builds of the NLU model at a 4% dev budget. On dev
 * 70.8% right, 0.6% a choice of two with the right one in it, 3.5% wrong; on the fresh test set, run once
 * afterwards, 70.0% / 0.9% / 4.9%. Figures and the grid in docs/benchmarks/bot.md.
 */

/** How sure the NLU must be of an intent before the assistant hands over on it (emergency, a person, a complaint). */
export const ACT_MIN_CONFIDENCE = 0.45;

export const FAQ_TRUST = {
  /**
   * An FAQ the NLU disagrees with is still answered at this match confidence or above. Above 1: never — on
   * dev every such answer the matcher was sure of cost more wrong answers than it gained right ones.
   */
  aloneMinConfidence: 1.01,
  /** An NLU alternative this likely counts as agreeing. */
  agreeingAlternative: 0.15,
  /** The NLU reads "not a card question" this surely: no FAQ is answered, however well it matches. */
  outOfScopeVeto: 0.1,
  /** The NLU gives "not a card question" this much probability among its alternatives: no FAQ is answered either. */
  outOfScopeAltVeto: 0.05,
  /** An FAQ the NLU agrees with is answered from this match confidence on (below: "I don't know"). */
  answerMinConfidence: 0.1,
  /** The NLU's own confidence in the FAQ's intent (top or alternative) an agreeing answer needs. */
  agreeMinNlu: 0.8,
  /** The first FAQ must lead the second by this much (match confidence), else the grey zone; no gain on dev. */
  minMargin: 0,
  /** Two FAQs are offered as a choice only when both reach this match confidence together. */
  clarifyMinPair: 0.9,
  /** 1: both FAQs of a choice must agree with the NLU's reading (top or an alternative); 0: one is enough. */
  clarifyBothAgree: 0,
};

/** How sure the NLU must be of an intent before the assistant reads the holder's figures or starts an operation on it. */
export const OPERATION_TRUST = { minConfidence: 0.75 };

export interface FaqCandidate {
  id: string;
  title: string;
  intent: string | null;
  confidence: number;
}

export interface MatchedFaqs<M extends FaqCandidate = FaqCandidate> {
  none: boolean;
  matches: M[];
  clarify: unknown | null;
}

export type FaqPlan<M extends FaqCandidate = FaqCandidate> =
  | { kind: 'faq_answer'; match: M }
  | { kind: 'faq_clarify'; a: M; b: M }
  | { kind: 'faq_unknown' };

/** The NLU's probability for an intent: its top reading or one of the alternatives (0 otherwise). */
function nluProbability(nlu: NluAnalysis | null, intent: string): number {
  if (!nlu) return 0;
  if (nlu.intent === intent) return nlu.confidence;
  return nlu.alternatives.find((a) => a.intent === intent)?.confidence ?? 0;
}

/**
 * Whether an FAQ's intent agrees with what the NLU read in the question: its top intent, or a close
 * alternative. Without an NLU reading, or for an FAQ without an intent, there is nothing to disagree with.
 */
export function agrees(intent: string | null, nlu: NluAnalysis | null): boolean {
  if (!nlu || intent === null) return true;
  const p = nluProbability(nlu, intent);
  if (nlu.intent === intent) return p >= FAQ_TRUST.agreeMinNlu;
  return p >= Math.max(FAQ_TRUST.agreeingAlternative, FAQ_TRUST.agreeMinNlu);
}

/** The FAQ's intent is the NLU's top reading or one of its alternatives at `agreeingAlternative` or more. */
function agreesLoosely(intent: string | null, nlu: NluAnalysis | null): boolean {
  if (!nlu || intent === null) return true;
  return nlu.intent === intent || nluProbability(nlu, intent) >= FAQ_TRUST.agreeingAlternative;
}

/**
 * Answer, offer a choice of two, or say "I don't know": an FAQ is answered when the NLU agrees with its
 * intent and the matcher is sure enough and clear of the runner-up (or, without the NLU's agreement, when
 * the matcher is very sure); two FAQs close to each other (the matcher's own choice of two, or the grey
 * zone below the margin) are offered when at least one of them is trusted; nothing is answered when the
 * NLU reads the question as not about cards.
 */
export function planFaq<M extends FaqCandidate>(result: MatchedFaqs<M>, nlu: NluAnalysis | null): FaqPlan<M> {
  const [a, b] = result.matches;
  const vetoed =
    (nlu?.intent === 'out_of_scope' && nlu.confidence >= FAQ_TRUST.outOfScopeVeto) ||
    nluProbability(nlu, 'out_of_scope') >= FAQ_TRUST.outOfScopeAltVeto;
  if (vetoed || result.none || !a) return { kind: 'faq_unknown' };
  const trusted = (m: M) =>
    (agrees(m.intent, nlu) && m.confidence >= FAQ_TRUST.answerMinConfidence) ||
    m.confidence >= FAQ_TRUST.aloneMinConfidence;
  const pairOk = (x: M, y: M) =>
    x.confidence + y.confidence >= FAQ_TRUST.clarifyMinPair &&
    (FAQ_TRUST.clarifyBothAgree >= 1
      ? agreesLoosely(x.intent, nlu) && agreesLoosely(y.intent, nlu) && (trusted(x) || trusted(y))
      : trusted(x) || trusted(y));
  if (result.clarify && b && pairOk(a, b)) return { kind: 'faq_clarify', a, b };
  if (!trusted(a)) return { kind: 'faq_unknown' };
  if (b && a.confidence - b.confidence < FAQ_TRUST.minMargin) {
    // The grey zone: a choice of two when the runner-up is of another intent and could be meant too.
    if (b.intent !== a.intent && pairOk(a, b) && agrees(b.intent, nlu)) return { kind: 'faq_clarify', a, b };
    if (b.intent !== a.intent) return { kind: 'faq_unknown' };
  }
  return { kind: 'faq_answer', match: a };
}

export type HandOverMove =
  | { kind: 'emergency'; intent: Intent }
  | { kind: 'handover'; reason: 'customer_request' | 'complaint' | 'angry' };

/** What a person must take, whatever the assistant was in the middle of; null when nothing. */
export function handOverMove(nlu: NluAnalysis | null): HandOverMove | null {
  const intent = nlu && isIntent(nlu.intent) ? nlu.intent : null;
  const sure = nlu !== null && intent !== null && nlu.confidence >= ACT_MIN_CONFIDENCE;
  if (sure && intent && INTENTS[intent].type === 'emergency') return { kind: 'emergency', intent };
  if (sure && intent === 'human_agent') return { kind: 'handover', reason: 'customer_request' };
  if (sure && intent && INTENTS[intent].type === 'complaint') return { kind: 'handover', reason: 'complaint' };
  if (nlu?.emotion.escalate && nlu.emotion.anger >= nlu.emotion.anxiety) return { kind: 'handover', reason: 'angry' };
  return null;
}

/** Intents whose question about the holder's own account is answered from the card engine. */
export const OPERATION_READS: ReadonlySet<Intent> = new Set([
  'statement_query',
  'due_date_min_payment',
  'repayment_status',
  'points_rewards',
  'limit_query',
]);

const PERSONAL =
  /(我的|我这|我卡|本期|这期|这个月|上个月|多少|几号|哪天|查一?下|查询|余额|还剩|还有多少|到账了?吗|还清|还上了)/;
const PERSONAL_ACTIVATE = /(帮我|给我|我要|我想|现在|激活一下|开通一下|开卡吧|激活吧|新卡)/;
/** Asking whether they can have more limit, for good or for a while: the holder's eligibility. */
const PERSONAL_LIMIT = /(我|能不能|可以|可不可以|能否|符合|条件|资格|多少)/;

export type QuestionPlan<M extends FaqCandidate = FaqCandidate> =
  | { kind: 'operation'; operation: 'card.freeze' | 'card.activate' }
  | { kind: 'read'; intent: Intent }
  | { kind: 'limit_eligibility'; temporary: boolean }
  | { kind: 'installment'; periods: number | null }
  | { kind: 'greeting' }
  | FaqPlan<M>;

/** A new question (nothing pending, nothing to hand over): an operation, a read, a greeting, or the FAQs. */
export function planQuestion<M extends FaqCandidate>(
  text: string,
  nlu: NluAnalysis | null,
  matched: MatchedFaqs<M>,
): QuestionPlan<M> {
  const intent = nlu && isIntent(nlu.intent) ? nlu.intent : null;
  const sure = nlu !== null && intent !== null && nlu.confidence >= OPERATION_TRUST.minConfidence;
  if (sure && intent === 'card_freeze') return { kind: 'operation', operation: 'card.freeze' };
  if (sure && intent === 'card_activate' && PERSONAL_ACTIVATE.test(text))
    return { kind: 'operation', operation: 'card.activate' };
  if (sure && intent && OPERATION_READS.has(intent) && PERSONAL.test(text)) return { kind: 'read', intent };
  if (sure && intent === 'limit_increase' && PERSONAL_LIMIT.test(text))
    return { kind: 'limit_eligibility', temporary: /(临时|临额|短期)/.test(text) };
  if (sure && intent === 'installment_apply' && /(账单|本期|这期)/.test(text))
    return { kind: 'installment', periods: nlu?.slots.installmentTerms?.[0]?.periods ?? null };
  if (sure && intent === 'greeting') return { kind: 'greeting' };
  return planFaq(matched, nlu);
}
