/**
 * A linear classifier over the FAQs: multinomial logistic regression on the phrasings' character
 * n-gram and word features (each phrasing is an example of its FAQ). Cosine similarity says "this question
 * looks like that phrasing"; the classifier learns which features tell FAQ A from its sibling B (失败 for
 * activation failed versus how to activate), which similarity alone cannot.
 *
 * Features are mapped to dense integer ids once and the weights live in one typed array, so training
 * (run several times when the ranker is cross-validated) takes a fraction of a second for a hundred
 * FAQs. Deterministic: fixed example order, fixed learning-rate schedule.
 */
export type Features = ReadonlyMap<string, number>;

export interface SoftmaxOptions {
  epochs?: number;
  /** L2 penalty per update (weight decay). */
  l2?: number;
}

export class SoftmaxModel {
  readonly #index = new Map<string, number>();
  readonly #weights: Float64Array;
  readonly #bias: Float64Array;
  readonly #classes: number;

  constructor(
    /** `weight` scales an example's updates (default 1). */
    examples: ReadonlyArray<{ features: Features; label: number; weight?: number }>,
    classes: number,
    options: SoftmaxOptions = {},
  ) {
    const epochs = options.epochs ?? 15;
    const l2 = options.l2 ?? 1e-4;
    this.#classes = classes;
    this.#bias = new Float64Array(classes);
    const encoded = examples.map((ex) => {
      const ids: number[] = [];
      const xs: number[] = [];
      for (const [f, x] of ex.features) {
        let id = this.#index.get(f);
        if (id === undefined) {
          id = this.#index.size;
          this.#index.set(f, id);
        }
        ids.push(id);
        xs.push(x);
      }
      return { ids: Int32Array.from(ids), xs: Float64Array.from(xs), label: ex.label, weight: ex.weight ?? 1 };
    });
    this.#weights = new Float64Array(this.#index.size * classes);
    const w = this.#weights;
    const z = new Float64Array(classes);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const lr = 1 / (1 + epoch * 0.3);
      const decay = 1 - lr * l2;
      // A fixed, interleaved order (a stride through the examples) so no class dominates a stretch.
      for (let i = 0; i < encoded.length; i++) {
        const ex = encoded[(i * 7919 + epoch * 104729) % encoded.length] as (typeof encoded)[number];
        this.#scores(ex.ids, ex.xs, z);
        for (let c = 0; c < classes; c++) {
          const g = ex.weight * ((z[c] as number) - (c === ex.label ? 1 : 0));
          // Classes the model already rules out contribute nothing worth the work.
          if (Math.abs(g) < 1e-3) continue;
          this.#bias[c] = (this.#bias[c] as number) - lr * g * 0.1;
          for (let k = 0; k < ex.ids.length; k++) {
            const at = (ex.ids[k] as number) * classes + c;
            w[at] = (w[at] as number) * decay - lr * g * (ex.xs[k] as number);
          }
        }
      }
    }
  }

  /** Softmax probabilities into `out` for encoded features. */
  #scores(ids: Int32Array, xs: Float64Array, out: Float64Array): void {
    const classes = this.#classes;
    const w = this.#weights;
    out.set(this.#bias);
    for (let k = 0; k < ids.length; k++) {
      const base = (ids[k] as number) * classes;
      const x = xs[k] as number;
      for (let c = 0; c < classes; c++) out[c] = (out[c] as number) + x * (w[base + c] as number);
    }
    let max = -Infinity;
    for (let c = 0; c < classes; c++) if ((out[c] as number) > max) max = out[c] as number;
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      out[c] = Math.exp((out[c] as number) - max);
      sum += out[c] as number;
    }
    for (let c = 0; c < classes; c++) out[c] = (out[c] as number) / sum;
  }

  probabilities(features: Features): Float64Array {
    const ids: number[] = [];
    const xs: number[] = [];
    for (const [f, x] of features) {
      const id = this.#index.get(f);
      if (id === undefined) continue;
      ids.push(id);
      xs.push(x);
    }
    const out = new Float64Array(this.#classes);
    this.#scores(Int32Array.from(ids), Float64Array.from(xs), out);
    return out;
  }
}
