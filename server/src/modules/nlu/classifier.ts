/**
 * Classification of one utterance with a loaded model: calibrated probabilities, out-of-scope rejection,
 * and the rule that an emergency need outranks whatever else the same message asks.
 */

import { softmaxInPlace } from './model.ts';
import type { NluModel } from './model-file.ts';
import { normalizeText } from './normalize.ts';
import { createScorer, type Scorer } from './scorer.ts';
import type { SparseVector } from './vectorizer.ts';

export interface ScoredLabel {
  readonly intent: string;
  readonly confidence: number;
}

export interface Classification {
  readonly intent: string;
  readonly type: string;
  /** Calibrated probability of `intent`; for out_of_scope by rejection, 1 − the best in-scope probability. */
  readonly confidence: number;
  /** Next most likely intents, most likely first (at most 3, each ≥ 0.05). */
  readonly alternatives: readonly ScoredLabel[];
  /** Calibrated probability of every label, in model label order (for emotion and analytics). */
  readonly probabilities: ReadonlyMap<string, number>;
}

const MAX_ALTERNATIVES = 3;
const MIN_ALTERNATIVE = 0.05;
/**
 * A clause raises an emergency over the rest of the message only when it is confidently one on its own
 * and the whole message gives that emergency some weight too: short fragments ("我人在美国", "刚刷了一笔")
 * read alone look like emergencies far more often than they are.
 */
const EMERGENCY_CLAUSE_MIN = 0.6;
const EMERGENCY_WHOLE_MIN = 0.25;
const EMERGENCY_CLAUSE_CHARS = 3;
/** Below this, the whole-message answer is vague enough for a clear clause to lead instead. */
const VAGUE_LEAD = 0.5;
const CLEAR_CLAUSE = 0.7;
/** The built-in small-talk intent: never the need of a message that also asks for something. */
const GREETING = 'greeting';
/** Clauses looked at one by one: a long pasted complaint should not cost a classification per comma. */
const MAX_CLAUSES = 8;

/**
 * Where a message changes subject: punctuation and the connectives customers use to add a second
 * request ("卡丢了，顺便问下年费", "my card was stolen and also ...").
 */
const CLAUSE_BREAK =
  /[,，。;；!！?？\n]+|顺便(?:问一?下|说一?下)?|另外|还有(?:就是)?|对了|\bby the way\b|\bbtw\b|\band also\b/;

/** Words that announce a second, separate request in the same message. */
const SECOND_REQUEST = /顺便|另外|还有|对了|还想问|by the way|\bbtw\b|\balso\b/;

export class Classifier {
  readonly model: NluModel;
  private readonly scores: Float64Array;
  private readonly scorer: Scorer;
  private readonly oosIndex: number;
  private readonly hasEmergency: boolean;
  private readonly emergencyIndexes: readonly number[];

  constructor(model: NluModel) {
    this.model = model;
    this.scores = new Float64Array(model.labels.length);
    this.scorer = createScorer(model.linear);
    this.oosIndex = model.labels.indexOf(model.oosLabel);
    this.emergencyIndexes = model.labels.flatMap((l, k) => (this.typeOf(l) === 'emergency' ? [k] : []));
    this.hasEmergency = this.emergencyIndexes.length > 0;
  }

  typeOf(intent: string): string {
    return this.model.labelTypes[intent] ?? 'consult';
  }

  /** Calibrated probabilities for normalised text (a fresh array, label order). */
  probabilities(normalized: string): Float64Array {
    return this.probabilitiesOf(this.model.vectorizer.transform(normalized));
  }

  private probabilitiesOf(x: SparseVector): Float64Array {
    const z = this.scores;
    this.scorer.scores(x, z);
    const p = Float64Array.from(z);
    softmaxInPlace(p, this.model.temperature);
    return p;
  }

  /** Classify raw text (normalised here). */
  classify(text: string): Classification {
    return this.classifyNormalized(normalizeText(text));
  }

  classifyNormalized(normalized: string): Classification {
    const { labels } = this.model;
    // Nothing a feature can see (only punctuation, emoji, control bytes): the model cannot know.
    const x = this.model.vectorizer.transform(normalized);
    if (x.indices.length === 0) return this.rejected(new Float64Array(labels.length), 0);
    const p = this.probabilitiesOf(x);
    let top = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[top] as number)) top = k;
    let intentIndex = top;
    let confidence = p[top] as number;

    // A message with several clauses may carry several needs ("卡丢了，顺便问下年费"): each clause's own
    // answer is kept as an alternative, and a confident emergency clause leads the whole message.
    // Clause by clause costs a classification per clause, so it runs only when it can change something:
    // an emergency the whole message already gives weight to (and does not lead with), a vague lead, or
    // words that announce a second request (顺便, 另外…), whose need then shows among the alternatives.
    // Models without emergency intents (a bank's own) skip it.
    const wholeLeadIsEmergency = this.typeOf(labels[top] as string) === 'emergency';
    const emergencyInPlay =
      !wholeLeadIsEmergency && this.emergencyIndexes.some((k) => (p[k] as number) >= EMERGENCY_WHOLE_MIN);
    const vague = (p[top] as number) < VAGUE_LEAD || labels[top] === GREETING || top === this.oosIndex;
    const worthSplitting = this.hasEmergency && (emergencyInPlay || vague || SECOND_REQUEST.test(normalized));
    const clauses = worthSplitting
      ? normalized
          .split(CLAUSE_BREAK)
          .filter((c) => c.trim().length >= EMERGENCY_CLAUSE_CHARS)
          .slice(0, MAX_CLAUSES)
      : [];
    const clauseNeeds: number[] = [];
    const clauseConfidence = new Map<number, number>();
    if (clauses.length > 1) {
      const merged = Float64Array.from(p);
      for (const clause of clauses) {
        const pc = this.probabilities(clause);
        let ct = 0;
        for (let k = 1; k < pc.length; k++) if ((pc[k] as number) > (pc[ct] as number)) ct = k;
        const cConf = pc[ct] as number;
        if (ct === this.oosIndex || this.unsure(pc, ct)) continue;
        if (!clauseNeeds.includes(ct)) clauseNeeds.push(ct);
        clauseConfidence.set(ct, Math.max(clauseConfidence.get(ct) ?? 0, cConf));
        merged[ct] = Math.max(merged[ct] as number, cConf);
        const isEmergency = this.typeOf(labels[ct] as string) === 'emergency';
        const currentLeadIsEmergency = this.typeOf(labels[intentIndex] as string) === 'emergency';
        if (
          isEmergency &&
          cConf >= EMERGENCY_CLAUSE_MIN &&
          (p[ct] as number) >= EMERGENCY_WHOLE_MIN &&
          (!currentLeadIsEmergency || (intentIndex !== top && cConf > confidence))
        ) {
          intentIndex = ct;
          confidence = cConf;
        }
      }
      // A vague lead (a greeting, chatter, or nothing the whole message is sure of) gives way to the first
      // clause that states a need clearly: "你好我想问下分期手续费，顺便问一下…" is not a greeting.
      const leadIsVague =
        intentIndex === top && (confidence < VAGUE_LEAD || labels[top] === GREETING || top === this.oosIndex);
      if (leadIsVague) {
        const firstNeed = clauseNeeds.find(
          (k) => labels[k] !== GREETING && (clauseConfidence.get(k) ?? 0) >= CLEAR_CLAUSE,
        );
        if (firstNeed !== undefined) {
          intentIndex = firstNeed;
          confidence = clauseConfidence.get(firstNeed) ?? confidence;
        }
      }
      if (intentIndex !== top || clauseNeeds.some((k) => k !== top)) {
        const others = [top, ...clauseNeeds].filter((k) => k !== intentIndex && k !== this.oosIndex);
        if (intentIndex !== this.oosIndex && !this.unsure(merged, intentIndex, confidence)) {
          return this.result(merged, intentIndex, confidence, [...new Set(others)]);
        }
      }
    }

    if (intentIndex === this.oosIndex) return this.result(p, intentIndex, confidence, []);
    if (this.unsure(p, intentIndex, confidence)) return this.rejected(p, confidence);
    return this.result(p, intentIndex, confidence, []);
  }

  /**
   * Whether an in-scope answer `k` is too unsure to give: its probability (`confidence`, by default p[k])
   * is under the threshold, or its calibrated log-odds against the out-of-scope label is under the
   * model's log-odds threshold (models that learnt one).
   */
  private unsure(p: Float64Array, k: number, confidence = p[k] as number): boolean {
    if (confidence < this.model.oosThreshold) return true;
    const minLogOdds = this.model.oosLogOdds;
    if (minLogOdds === undefined || this.oosIndex < 0) return false;
    return Math.log(confidence) - Math.log(p[this.oosIndex] as number) < minLogOdds;
  }

  private rejected(p: Float64Array, bestInScope: number): Classification {
    const labels = this.model.labels;
    const oosLabel = this.model.oosLabel;
    return {
      intent: oosLabel,
      type: this.typeOf(oosLabel),
      confidence: 1 - bestInScope,
      alternatives: this.alternatives(p, this.oosIndex, []),
      get probabilities() {
        return toMap(labels, p);
      },
    };
  }

  private result(p: Float64Array, intentIndex: number, confidence: number, first: readonly number[]): Classification {
    const labels = this.model.labels;
    const intent = labels[intentIndex] as string;
    return {
      intent,
      type: this.typeOf(intent),
      confidence,
      alternatives: this.alternatives(p, intentIndex, first),
      get probabilities() {
        return toMap(labels, p);
      },
    };
  }

  private alternatives(p: Float64Array, exclude: number, first: readonly number[]): ScoredLabel[] {
    // Only labels above the floor can be listed: filter before sorting (150 labels, a handful pass).
    const order: number[] = [];
    for (let k = 0; k < p.length; k++) {
      if ((p[k] as number) >= MIN_ALTERNATIVE && k !== exclude && k !== this.oosIndex && !first.includes(k))
        order.push(k);
    }
    order.sort((a, b) => (p[b] as number) - (p[a] as number));
    const out: ScoredLabel[] = [];
    for (const k of [...first.filter((k) => k !== exclude), ...order]) {
      if (out.length >= MAX_ALTERNATIVES) break;
      const c = p[k] as number;
      if (c < MIN_ALTERNATIVE && !first.includes(k)) break;
      out.push({ intent: this.model.labels[k] as string, confidence: c });
    }
    return out;
  }
}

/** The label → probability view, built only when someone reads it (emotion scoring, analytics). */
function toMap(labels: readonly string[], p: Float64Array): Map<string, number> {
  return new Map(labels.map((l, k) => [l, p[k] as number]));
}
