// The Metropolis-adjusted Langevin corrector against closed forms: at a fixed level of an exact
// Gaussian, started from its exact marginal N(0, v), MALA keeps the variance v at a step size
// where plain Langevin drifts to v/(1 − ε/2v); and in a sampler it reports its acceptance.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { ExactPotential } from '../src/model/exact.js';
import { loadModels, generate } from '../src/node/generate.js';
import { langevin } from '../src/sampling/correctors/langevin.js';
import { malaCorrector, malaLogRatio } from '../src/sampling/correctors/mala.js';
import { resolveSampleSettings } from '../src/sampling/settings.js';
import type { Corrector } from '../src/sampling/parts.js';
import { disposeValues, evaluateInBlocks } from '../src/sampling/values.js';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';

const sde = makeSde('vp');
const STD = 0.5;
const T = 0.2;
const gaussian = new ExactPotential({ means: [[0, 0]], weights: [1], variances: [STD * STD] }, sde);
const V = sde.alpha(T) ** 2 * STD * STD + sde.sigma(T) ** 2;

/** Runs `steps` corrector moves at level T from exact draws of N(0, V); returns the pooled variance per coordinate and the mean acceptance. */
function chain(c: Corrector, steps: number, n: number, snr: number): { variance: number; acceptance: number } {
  const rng = new Rng(11, 'mala-test');
  let x = tf.tidy(() => tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]).mul(Math.sqrt(V))) as tf.Tensor2D;
  let acc = 0;
  for (let k = 0; k < steps; k++) {
    const drift = evaluateInBlocks(gaussian, x, T, {});
    const m = c.move!({
      tn: T, beta: 1, c: 1, snr, x, drift,
      normals: () => tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]),
      uniforms: () => Float64Array.from({ length: n }, () => rng.uniform()),
      evaluateDrift: (y, t, need = {}) => evaluateInBlocks(gaussian, y, t, need),
    });
    m.centres?.dispose();
    disposeValues(drift);
    x.dispose();
    x = m.x;
    acc += m.accepted ?? 1;
  }
  const v = tf.tidy(() => x.square().mean().dataSync()[0]);
  x.dispose();
  return { variance: v, acceptance: acc / steps };
}

describe('the MALA corrector', () => {
  it('leaves the exact marginal N(0, v) invariant at a step where Langevin inflates the variance by 1/(1 − ε/2v)', () => {
    const before = tf.memory().numTensors;
    // r = 0.6: ε ≈ 2r²v = 0.72v, Langevin's stationary variance ≈ v/(1 − 0.36) ≈ 1.56v.
    const n = 4000;
    const ula = chain(langevin.create(resolveSampleSettings({})), 40, n, 0.6);
    const exact = chain(malaCorrector({ adapt: false }), 40, n, 0.6);
    // Standard error of the pooled variance of 2N draws: v·√(1/N) ≈ 1.6%.
    expect(Math.abs(exact.variance / V - 1)).toBeLessThan(4 / Math.sqrt(n));
    expect(ula.variance / V).toBeGreaterThan(1.3);
    expect(exact.acceptance).toBeGreaterThan(0.3);
    expect(exact.acceptance).toBeLessThan(0.95);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('its log acceptance ratio is the Metropolis–Hastings ratio of the Langevin kernel, against a hand computation', () => {
    // U(x) = x²/2 in 2D: ∇U = x. x = (1, 0), y = (0.5, 0.2), ε = 0.1, c = 1.
    const [x, y] = [tf.tensor2d([[1, 0]]), tf.tensor2d([[0.5, 0.2]])];
    const [ux, uy] = [tf.tensor1d([0.5]), tf.tensor1d([(0.25 + 0.04) / 2])];
    const r = malaLogRatio(x, y, ux, x, uy, y, 1, 0.1);
    const back = (1 - 0.5 + 0.05) ** 2 + (0 - 0.2 + 0.02) ** 2;
    const forth = (0.5 - 1 + 0.1) ** 2 + (0.2 - 0 + 0) ** 2;
    expect(r.dataSync()[0]).toBeCloseTo(-(0.145 - 0.5) - (back - forth) / 0.4, 5);
    tf.dispose([x, y, ux, uy, r]);
  });

  it('in a sampler: pc with --corrector mala reports its acceptance (steered to 0.5–0.9) and counts its proposals as evaluations', async () => {
    const loaded = await loadModels(['exact:eight-gaussians-imbalanced']);
    const g = await generate(loaded, { sampler: 'pc', corrector: 'mala', steps: 10, n: 500, seed: 2 });
    const l = await generate(loaded, { sampler: 'pc', steps: 10, n: 500, seed: 2 });
    expect(g.result.acceptance).toBeGreaterThan(0.5);
    expect(g.result.acceptance).toBeLessThan(0.9);
    expect(g.result.evaluations).toBe(30);
    expect(l.result.evaluations).toBe(20);
    expect(l.result.acceptance).toBeUndefined();
  });
});
