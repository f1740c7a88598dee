import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mulberry32 } from '../../platform/random.ts';
import {
  chooseOosThreshold,
  chooseRejectThreshold,
  fitTemperature,
  logOddsAgainst,
  negativeLogLikelihood,
} from './calibration.ts';
import { softmaxInPlace } from './model.ts';

describe('fitTemperature', () => {
  it('recovers the temperature that generated the labels', () => {
    // Scores whose labels were drawn from softmax(z / 2): the best temperature is close to 2.
    const rng = mulberry32(7);
    const scores: Float64Array[] = [];
    const gold: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const z = Float64Array.from({ length: 4 }, () => rng() * 8);
      const p = Float64Array.from(z);
      softmaxInPlace(p, 2);
      let u = rng();
      let k = 0;
      while (k < 3 && u > (p[k] as number)) u -= p[k++] as number;
      scores.push(z);
      gold.push(k);
    }
    const t = fitTemperature(scores, Int32Array.from(gold));
    assert.ok(Math.abs(t - 2) < 0.2, `temperature ${t}`);
    const y = Int32Array.from(gold);
    assert.ok(negativeLogLikelihood(scores, y, t) <= negativeLogLikelihood(scores, y, 1));
  });
});

describe('chooseOosThreshold', () => {
  const OOS = 9;

  it('picks the threshold that separates unsure in-scope guesses from out-of-scope rows', () => {
    // In-scope rows are right and confident (0.9); out-of-scope rows were guessed as label 1 at 0.3.
    const predicted = Int32Array.from([0, 0, 0, 0, 1, 1]);
    const confidence = Float64Array.from([0.9, 0.9, 0.9, 0.9, 0.3, 0.3]);
    const gold = Int32Array.from([0, 0, 0, 0, OOS, OOS]);
    const c = chooseOosThreshold(predicted, confidence, gold, OOS);
    assert.ok(c.threshold > 0.3 && c.threshold <= 0.9, `threshold ${c.threshold}`);
    assert.equal(c.oosRecall, 1);
    assert.equal(c.inScopeAccuracy, 1);
  });

  it('stays at 0 when the rejection class already catches out-of-scope rows', () => {
    const predicted = Int32Array.from([0, 1, OOS]);
    const confidence = Float64Array.from([0.4, 0.5, 0.6]);
    const gold = Int32Array.from([0, 1, OOS]);
    assert.equal(chooseOosThreshold(predicted, confidence, gold, OOS).threshold, 0);
  });

  it('never costs more than one point of in-scope accuracy, however much out-of-scope recall it would buy', () => {
    // 100 in-scope rows right at confidence 0.5; one out-of-scope row guessed at 0.4. Rejecting under 0.5
    // costs nothing; any threshold above 0.5 would reject all 100 right answers.
    const n = 100;
    const predicted = Int32Array.from([...Array(n).fill(0), 1]);
    const confidence = Float64Array.from([...Array(n).fill(0.5), 0.4]);
    const gold = Int32Array.from([...Array(n).fill(0), OOS]);
    const c = chooseOosThreshold(predicted, confidence, gold, OOS, 0.9);
    assert.equal(c.threshold, 0.5);
    assert.equal(c.inScopeAccuracy, 1);
  });
});

describe('chooseRejectThreshold on log-odds against the out-of-scope class', () => {
  const OOS = 2;

  it('computes calibrated log-odds and rejects out-of-scope guesses a probability threshold cannot', () => {
    // Scores [in-scope A, in-scope B, out-of-scope]. In-scope rows: A far ahead of everything. Out-of-scope
    // rows: guessed A, with the out-of-scope class second. Their top probability is higher than the
    // in-scope rows' (0.82 against 0.52, B being a close rival there), the log-odds are lower (1.5 against 8).
    const z = [
      [3, 2.9, -5],
      [3, 2.9, -5],
      [3, 2.9, -5],
      [2, -5, 0.5],
      [2, -5, 0.5],
    ].map((r) => Float64Array.from(r));
    const gold = Int32Array.from([0, 0, 0, OOS, OOS]);
    const predicted = Int32Array.from([0, 0, 0, 0, 0]);
    assert.ok(Math.abs(logOddsAgainst(z[0] as Float64Array, 0, OOS, 1) - 8) < 1e-12);
    assert.ok(Math.abs(logOddsAgainst(z[3] as Float64Array, 0, OOS, 0.5) - 3) < 1e-12);
    const logOdds = Float64Array.from(z, (r) => logOddsAgainst(r, 0, OOS, 1));
    const confidence = Float64Array.from(z, (r) => {
      const p = Float64Array.from(r);
      softmaxInPlace(p);
      return p[0] as number;
    });
    // Probability: in-scope rows sit below the out-of-scope ones, so no threshold catches those for free.
    const byProbability = chooseRejectThreshold(predicted, confidence, gold, OOS, { maxThreshold: 0.9 });
    assert.equal(byProbability.oosRecall, 0);
    // Log-odds: a threshold between 1.5 and 8 catches both and keeps every in-scope answer.
    const byLogOdds = chooseRejectThreshold(predicted, logOdds, gold, OOS);
    assert.ok(byLogOdds.threshold > 1.5 && byLogOdds.threshold <= 8, `threshold ${byLogOdds.threshold}`);
    assert.equal(byLogOdds.oosRecall, 1);
    assert.equal(byLogOdds.inScopeAccuracy, 1);
    assert.ok(byLogOdds.objective > byProbability.objective);
  });
});
