import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../platform/random.ts';
import { type QuantizedLinearModel, quantizedScores } from './model.ts';
import { createScorer, simdAvailable } from './scorer.ts';
import type { SparseVector } from './vectorizer.ts';

function randomModel(numFeatures: number, numClasses: number, seed: number): QuantizedLinearModel {
  const rng = mulberry32(seed);
  const data = new Int8Array(numFeatures * numClasses);
  for (let i = 0; i < data.length; i++) data[i] = Math.floor(rng() * 255) - 127;
  const scales = Float32Array.from({ length: numFeatures }, () => rng() * 0.05);
  const bias = Float32Array.from({ length: numClasses }, () => rng() * 2 - 1);
  return { numFeatures, numClasses, scales, data, bias };
}

function randomRow(numFeatures: number, nnz: number, rng: () => number): SparseVector {
  const seen = new Set<number>();
  while (seen.size < Math.min(nnz, numFeatures)) seen.add(Math.floor(rng() * numFeatures));
  return {
    indices: Int32Array.from(seen),
    values: Float32Array.from(seen, () => rng() * 0.4 - 0.1),
  };
}

describe('scorer', () => {
  it('runs in WebAssembly SIMD on this runtime', () => {
    assert.equal(simdAvailable(), true);
  });

  // Class counts around the 8-class blocks of the SIMD loop, and long rows that outgrow its first buffer.
  for (const [numClasses, nnz] of [
    [1, 5],
    [7, 40],
    [8, 40],
    [13, 131],
    [151, 131],
    [77, 3000],
  ] as const) {
    it(`scores bit for bit as the JavaScript loop (${numClasses} classes, ${nnz} features)`, () => {
      const model = randomModel(4000, numClasses, numClasses);
      const rng = mulberry32(nnz);
      const simd = createScorer(model);
      const plain = createScorer(model, { simd: false });
      const a = new Float64Array(numClasses);
      const b = new Float64Array(numClasses);
      const reference = new Float64Array(numClasses);
      for (let r = 0; r < 20; r++) {
        const x = randomRow(model.numFeatures, r === 0 ? 0 : nnz, rng);
        simd.scores(x, a);
        plain.scores(x, b);
        quantizedScores(model, x, reference);
        assert.deepEqual(a, reference);
        assert.deepEqual(b, reference);
      }
    });
  }

  it('reads the last row of the matrix without running past it', () => {
    const model = randomModel(10, 13, 3);
    const x: SparseVector = { indices: Int32Array.of(9, 0), values: Float32Array.of(0.5, -0.25) };
    const a = new Float64Array(13);
    const reference = new Float64Array(13);
    createScorer(model).scores(x, a);
    quantizedScores(model, x, reference);
    assert.deepEqual(a, reference);
  });
});
