import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addNaiveBayes, balancedClassWeights, type LinearModel, linearScores, trainSoftmax } from './model.ts';
import type { SparseVector } from './vectorizer.ts';

const row = (entries: Array<[number, number]>): SparseVector => ({
  indices: Int32Array.from(entries, ([f]) => f),
  values: Float32Array.from(entries, ([, v]) => v),
});

function zeroModel(numFeatures: number, numClasses: number): LinearModel {
  return {
    numFeatures,
    numClasses,
    weights: new Float32Array(numFeatures * numClasses),
    bias: new Float32Array(numClasses),
  };
}

describe('addNaiveBayes', () => {
  // Features 0 and 1 belong to class 0, 2 and 3 to class 1; feature 4 is everywhere.
  const rows = [
    row([
      [0, 0.8],
      [4, 0.6],
    ]),
    row([
      [1, 0.8],
      [4, 0.6],
    ]),
    row([
      [2, 0.8],
      [4, 0.6],
    ]),
    row([
      [3, 0.8],
      [4, 0.6],
    ]),
  ];
  const labels = Int32Array.of(0, 0, 1, 1);

  it('adds naive Bayes evidence that alone tells the classes apart', () => {
    const model = zeroModel(5, 2);
    addNaiveBayes(model, rows, labels, 1, 0.01);
    const z = new Float64Array(2);
    linearScores(model, row([[1, 1]]), z);
    assert.ok((z[0] as number) > (z[1] as number));
    linearScores(model, row([[2, 1]]), z);
    assert.ok((z[1] as number) > (z[0] as number));
  });

  it('centres each feature over the classes, so a feature every class shares adds nothing', () => {
    const model = zeroModel(5, 2);
    addNaiveBayes(model, rows, labels, 0.5, 0.01);
    for (let f = 0; f < 5; f++) {
      const sum = (model.weights[2 * f] as number) + (model.weights[2 * f + 1] as number);
      assert.ok(Math.abs(sum) < 1e-6, `feature ${f}: ${sum}`);
    }
    assert.ok(Math.abs(model.weights[8] as number) < 1e-6);
    assert.ok(Math.abs(model.weights[9] as number) < 1e-6);
  });

  it('adds to the trained weights in proportion to its weight', () => {
    const once = zeroModel(5, 2);
    addNaiveBayes(once, rows, labels, 0.1, 0.01);
    const twice = zeroModel(5, 2);
    twice.weights.fill(1);
    addNaiveBayes(twice, rows, labels, 0.2, 0.01);
    for (let j = 0; j < 10; j++) {
      assert.ok(Math.abs((twice.weights[j] as number) - 1 - 2 * (once.weights[j] as number)) < 1e-6);
    }
  });
});

describe('row weights', () => {
  // Feature 0 means class 0, feature 1 class 1; the last two rows say the opposite (mislabelled).
  const rows = [row([[0, 1]]), row([[0, 1]]), row([[1, 1]]), row([[1, 1]]), row([[0, 1]]), row([[0, 1]])];
  const labels = Int32Array.of(0, 0, 1, 1, 1, 1);
  const sgd = { epochs: 20, learningRate: 0.3, l2: 1e-4, seed: 3 };

  it('trains exactly as without them when every row weighs 1', () => {
    const plain = trainSoftmax(rows, labels, 2, 2, sgd);
    const ones = trainSoftmax(rows, labels, 2, 2, { ...sgd, rowWeights: new Float32Array(6).fill(1) });
    assert.deepEqual(ones.weights, plain.weights);
    assert.deepEqual(ones.bias, plain.bias);
  });

  it('lets a row of weight 0 teach nothing, and counts rows by weight when balancing classes', () => {
    const z = new Float64Array(2);
    const outvoted = trainSoftmax(rows, labels, 2, 2, sgd);
    linearScores(outvoted, rows[0] as SparseVector, z);
    assert.ok((z[1] as number) > (z[0] as number), 'two against two, class 1 also has the bias: feature 0 reads 1');
    const rowWeights = Float32Array.of(1, 1, 1, 1, 0, 0);
    const clean = trainSoftmax(rows, labels, 2, 2, { ...sgd, rowWeights });
    linearScores(clean, rows[0] as SparseVector, z);
    assert.ok((z[0] as number) > (z[1] as number) + 1, 'the zero-weight rows are ignored');
    assert.deepEqual([...balancedClassWeights(labels, 2, rowWeights)], [1, 1]);
    assert.deepEqual([...balancedClassWeights(labels, 2)], [1.5, 0.75]);
  });

  it('weighs naive Bayes evidence by row too', () => {
    const withZeros = zeroModel(2, 2);
    addNaiveBayes(withZeros, rows, labels, 0.1, 0.01, Float32Array.of(1, 1, 1, 1, 0, 0));
    const without = zeroModel(2, 2);
    addNaiveBayes(without, rows.slice(0, 4), labels.slice(0, 4), 0.1, 0.01);
    assert.deepEqual(withZeros.weights, without.weights);
  });
});
