/**
 * Evaluation of a model on labelled rows: accuracy, macro-F1, per-label precision/recall, out-of-scope
 * recall, and per-utterance latency (normalisation + features + scoring, as the API pays it).
 */
import { Classifier } from './classifier.ts';
import type { LabelledText } from './csv.ts';
import type { NluModel } from './model-file.ts';

export interface LabelMetrics {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Rows whose gold label is this one. */
  readonly support: number;
}

export interface EvalResult {
  readonly n: number;
  readonly accuracy: number;
  /** Unweighted mean F1 over every label that occurs as gold or as prediction. */
  readonly macroF1: number;
  readonly perLabel: Readonly<Record<string, LabelMetrics>>;
  /** Share of out-of-scope rows answered out-of-scope; present only when the file has such rows. */
  readonly oosRecall?: number;
  /** Accuracy over the rows whose gold label is not out-of-scope; present with `oosRecall`. */
  readonly inScopeAccuracy?: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Metrics from gold and predicted labels (pure: the hand-checked test exercises this directly). */
export function scorePredictions(
  gold: readonly string[],
  predicted: readonly string[],
  oosLabel: string,
): Omit<EvalResult, 'p50Ms' | 'p99Ms'> {
  const n = gold.length;
  const labels = [...new Set([...gold, ...predicted])].sort();
  const tp = new Map<string, number>();
  const goldCount = new Map<string, number>();
  const predCount = new Map<string, number>();
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i] as string;
    const p = predicted[i] as string;
    goldCount.set(g, (goldCount.get(g) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (g === p) {
      correct++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    }
  }
  const perLabel: Record<string, LabelMetrics> = {};
  let f1Sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const pc = predCount.get(l) ?? 0;
    const gc = goldCount.get(l) ?? 0;
    const precision = pc === 0 ? 0 : t / pc;
    const recall = gc === 0 ? 0 : t / gc;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perLabel[l] = { precision, recall, f1, support: gc };
    f1Sum += f1;
  }
  const base = {
    n,
    accuracy: n === 0 ? 0 : correct / n,
    macroF1: labels.length === 0 ? 0 : f1Sum / labels.length,
    perLabel,
  };
  const oosRows = gold.map((g, i) => [g, predicted[i]] as const).filter(([g]) => g === oosLabel);
  if (oosRows.length === 0) return base;
  const inRows = gold.map((g, i) => [g, predicted[i]] as const).filter(([g]) => g !== oosLabel);
  return {
    ...base,
    oosRecall: oosRows.filter(([, p]) => p === oosLabel).length / oosRows.length,
    inScopeAccuracy: inRows.length === 0 ? 0 : inRows.filter(([g, p]) => g === p).length / inRows.length,
  };
}

/**
 * Evaluate a model. `oosAliases` maps gold labels that mean out-of-scope in a public data set (CLINC's
 * `oos`) onto the model's out-of-scope label.
 */
export function evaluate(
  model: NluModel | Classifier,
  rows: readonly LabelledText[],
  options: { oosAliases?: readonly string[] } = {},
): EvalResult {
  const classifier = model instanceof Classifier ? model : new Classifier(model);
  const oosLabel = classifier.model.oosLabel;
  const aliases = new Set(options.oosAliases ?? []);
  const gold = rows.map((r) => (aliases.has(r.label) ? oosLabel : r.label));
  const predicted: string[] = [];
  const times: number[] = [];
  // Warm up the JIT and the segmenter so the first rows do not count start-up cost as latency.
  for (const r of rows.slice(0, 20)) classifier.classify(r.text);
  for (const r of rows) {
    const t0 = performance.now();
    const { intent } = classifier.classify(r.text);
    times.push(performance.now() - t0);
    predicted.push(intent);
  }
  times.sort((a, b) => a - b);
  return {
    ...scorePredictions(gold, predicted, oosLabel),
    p50Ms: round3(percentile(times, 50)),
    p99Ms: round3(percentile(times, 99)),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
