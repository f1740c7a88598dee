/**
 * A small discriminative model over the FAQs: multinomial logistic regression trained on the phrasings
 * (each phrasing is an example of its FAQ). Cosine similarity says "this question looks like that
 * phrasing"; the model adds "this word tells FAQ A from its sibling B" (失败 for activation failed versus
 * how to activate), which similarity alone cannot. Deterministic: fixed order and learning rate.
 */
export type Features = ReadonlyMap<string, number>;

export class SoftmaxModel {
  readonly #weights = new Map<string, Float64Array>();
  readonly #bias: Float64Array;
  readonly #classes: number;

  constructor(examples: ReadonlyArray<{ features: Features; label: number }>, classes: number, epochs = 25) {
    this.#classes = classes;
    this.#bias = new Float64Array(classes);
    const l2 = 1e-4;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const lr = 0.5 / (1 + epoch * 0.2);
      // A fixed, interleaved order (by position within each FAQ) so no class dominates a stretch.
      for (let i = 0; i < examples.length; i++) {
        const ex = examples[(i * 7919 + epoch * 104729) % examples.length] as (typeof examples)[number];
        const p = this.probabilities(ex.features);
        for (let c = 0; c < classes; c++) {
          const g = (p[c] as number) - (c === ex.label ? 1 : 0);
          if (Math.abs(g) < 1e-6) continue;
          this.#bias[c] = (this.#bias[c] as number) - lr * g * 0.1;
          for (const [f, x] of ex.features) {
            let w = this.#weights.get(f);
            if (!w) {
              w = new Float64Array(classes);
              this.#weights.set(f, w);
            }
            w[c] = (w[c] as number) * (1 - lr * l2) - lr * g * x;
          }
        }
      }
    }
  }

  probabilities(features: Features): Float64Array {
    const z = Float64Array.from(this.#bias);
    for (const [f, x] of features) {
      const w = this.#weights.get(f);
      if (!w) continue;
      for (let c = 0; c < this.#classes; c++) z[c] = (z[c] as number) + x * (w[c] as number);
    }
    let max = -Infinity;
    for (const v of z) if (v > max) max = v;
    let sum = 0;
    for (let c = 0; c < this.#classes; c++) {
      z[c] = Math.exp((z[c] as number) - max);
      sum += z[c] as number;
    }
    for (let c = 0; c < this.#classes; c++) z[c] = (z[c] as number) / sum;
    return z;
  }
}
