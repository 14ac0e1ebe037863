// The potential's derivatives against autodiff: the learned network's second-order paths (the
// forward-mode jet, and tangents + backward pass in secondOrder.ts), its first-order op, and the
// closed-form exact mixture potential must agree with tf.grad of their own values (and finite
// differences of it for ΔU).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { initMlp, mlpValue } from '../src/model/mlp.js';
import { ReferencePotential } from '../src/model/reference.js';
import { LearnedPotential } from '../src/model/potential.js';
import { frequencies, type EmbeddingConfig } from '../src/model/embedding.js';
import { ExactPotential } from '../src/model/exact.js';

/** The fused potential or the plain-autodiff reference it is tested against, alike in every other way. */
const make = (impl: 'fused' | 'reference', o: ConstructorParameters<typeof LearnedPotential>[0]) =>
  impl === 'fused' ? new LearnedPotential(o) : new ReferencePotential(o);

const emb: EmbeddingConfig = { features: 4, freqMin: 0.5, freqMax: 8 };

function randomNetwork(seed: number) {
  const rng = new Rng(seed);
  const p = initMlp([2 + 2 * emb.features, 16, 16, 1], rng);
  // initMlp zeroes the last layer; give it weights so the MLP term is not trivially zero.
  p.kernels[2] = tf.tensor2d(new Float32Array(16).map(() => rng.normal() * 0.5), [16, 1]);
  return p;
}

/** U(x, t) written with ordinary tf ops, t a tensor, so tf.grad can differentiate in x and t. */
function referenceU(pot: LearnedPotential, x: tf.Tensor2D, t: tf.Tensor1D): tf.Tensor1D {
  const mlp = (input: tf.Tensor2D) => mlpValue(pot.params, input);
  const w = tf.tensor1d(frequencies(pot.embedding));
  const wt = t.expandDims(1).mul(w.expandDims(0));
  const input = tf.concat([x, tf.sin(wt), tf.cos(wt)], 1) as tf.Tensor2D;
  // VP: α = exp(−¼t²(β₁−β₀) − ½tβ₀), σ = √(1 − α²); v_t = α² + σ² = 1, so U = ‖x‖²/2 + MLP(/σ).
  const alpha = tf.exp(t.square().mul(-0.25 * 19.9).sub(t.mul(0.05)));
  const sigma = tf.sqrt(tf.sub(1, alpha.square()));
  const scaled = pot.outputScale === 'sigma' ? mlp(input).div(sigma) : mlp(input);
  return x.square().sum(1).mul(0.5).add(scaled) as tf.Tensor1D;
}

/**
 * ΔU by central differences of the first-order autodiff gradient. Not nested tf.grad: in tfjs 4.22
 * the second derivative through sigmoid/tanh/exp comes out wrong (their gradients reuse the op's
 * output, which the outer tape treats as a constant; measured: d²/dx² of x·sigmoid(x) at x = 2
 * gives 0.210 instead of 0.050).
 */
function laplacianByDifferences(u: (x: tf.Tensor) => tf.Tensor, xs: tf.Tensor2D, h = 1e-2): tf.Tensor1D {
  const n = xs.shape[0];
  const g = tf.grad(u);
  return [0, 1]
    .map((i) => {
      const e = tf.oneHot(tf.fill([n], i, 'int32'), 2).mul(h) as tf.Tensor2D;
      return g(xs.add(e)).sub(g(xs.sub(e))).slice([0, i], [n, 1]).div(2 * h);
    })
    .reduce((a, b) => a.add(b))
    .reshape([n]) as tf.Tensor1D;
}

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => a.sub(b).abs().max().arraySync() as number);
const maxAbs = (a: tf.Tensor) => tf.tidy(() => a.abs().max().arraySync() as number);

describe('learned potential: second derivatives', () => {
  it.each([
    ['none', 'fused'],
    ['sigma', 'fused'],
    ['none', 'reference'],
    ['sigma', 'reference'],
  ] as const)('output scale %s, %s: matches autodiff for U, ∇ₓU, ΔU and ∂ₜU at per-row times', (scale, impl) => {
    const pot = make(impl, { params: randomNetwork(1), embedding: emb, sde: makeSde('vp'), outputScale: scale });
    const rng = new Rng(2);
    const n = 64;
    const xs = tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]);
    const ts = new Float32Array(n).map(() => 0.01 + 0.98 * rng.uniform());
    const tt = tf.tensor1d(ts);
    const jet = pot.evaluate(xs, ts, { lap: true, dt: true });

    const u = (x: tf.Tensor) => referenceU(pot, x as tf.Tensor2D, tt).sum();
    const grad = tf.grad(u)(xs);
    const lap = laplacianByDifferences(u, xs);
    const dt = tf.grad((t: tf.Tensor) => referenceU(pot, xs, t as tf.Tensor1D).sum())(tt);

    const uRef = referenceU(pot, xs, tt);
    expect(maxAbsDiff(jet.u, uRef) / maxAbs(uRef)).toBeLessThan(1e-5);
    expect(maxAbsDiff(jet.grad, grad) / maxAbs(grad)).toBeLessThan(1e-5);
    expect(maxAbsDiff(jet.lap!, lap) / maxAbs(lap)).toBeLessThan(2e-3);
    expect(maxAbsDiff(jet.dt!, dt) / maxAbs(dt)).toBeLessThan(1e-4);
  });

  it.each(['none', 'sigma'] as const)('output scale %s: the explicit backward pass (no ΔU asked) agrees with the jet and with autodiff', (scale) => {
    const pot = new LearnedPotential({ params: randomNetwork(2), embedding: emb, sde: makeSde('subvp'), outputScale: scale });
    const rng = new Rng(4);
    const n = 64;
    const xs = tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]);
    const ts = new Float32Array(n).map(() => 0.01 + 0.98 * rng.uniform());
    const fast = pot.evaluate(xs, ts, { dt: true });
    const jet = pot.evaluate(xs, ts, { dt: true, lap: true });
    expect(fast.lap).toBeUndefined();
    expect(maxAbsDiff(fast.u, jet.u) / maxAbs(jet.u)).toBeLessThan(1e-6);
    expect(maxAbsDiff(fast.grad, jet.grad) / maxAbs(jet.grad)).toBeLessThan(1e-5);
    expect(maxAbsDiff(fast.dt!, jet.dt!) / maxAbs(jet.dt!)).toBeLessThan(1e-5);
    // And ∇ₓU against first-order autodiff of U itself.
    const grad = tf.grad((x: tf.Tensor) => pot.evaluate(x as tf.Tensor2D, ts).u.sum())(xs);
    expect(maxAbsDiff(fast.grad, grad) / maxAbs(grad)).toBeLessThan(1e-5);
  });

  it.each([[[16, 12, 8]], [[10]]])('shared time, hidden %j: tangents + backward pass = the jet', (hidden: number[]) => {
    const rng = new Rng(7);
    const p = initMlp([2 + 2 * emb.features, ...hidden, 1], rng);
    const last = hidden[hidden.length - 1];
    p.kernels[hidden.length] = tf.tensor2d(new Float32Array(last).map(() => rng.normal() * 0.5), [last, 1]);
    const x = tf.tensor2d(rng.normals(new Float32Array(2 * 50)), [50, 2]);
    const at = (impl: 'fused' | 'reference') =>
      make(impl, { params: p, embedding: emb, sde: makeSde('ve') }).evaluate(x, 0.4, { lap: true, dt: true });
    const [f, r] = [at('fused'), at('reference')];
    for (const k of ['u', 'grad', 'lap', 'dt'] as const) expect(maxAbsDiff(f[k]!, r[k]!) / maxAbs(r[k]!), k).toBeLessThan(1e-5);
  });

  it('with the MLP at zero, gives the Gaussian score −x/v_t for every SDE (−x for VP)', () => {
    for (const name of ['vp', 'subvp', 've']) {
      const sde = makeSde(name);
      const p = initMlp([2 + 2 * emb.features, 8, 1], new Rng(3)); // last layer starts at zero
      const pot = new LearnedPotential({ params: p, embedding: emb, sde });
      const x = tf.tensor2d([[1, -2], [0.5, 3]]);
      for (const t of [0.1, 0.7]) {
        const v = sde.alpha(t) ** 2 + sde.sigma(t) ** 2;
        const score = pot.evaluate(x, t).grad.neg();
        expect(maxAbsDiff(score, x.div(-v))).toBeLessThan(1e-5);
        if (name === 'vp') expect(maxAbsDiff(score, x.neg())).toBeLessThan(1e-5);
      }
    }
  });
});

describe('exact mixture potential', () => {
  const mixture = {
    means: [[-1, 0.5], [1.5, -0.5], [0, 2]] as [number, number][],
    weights: [0.2, 0.5, 0.3],
    variances: [0.05, 0.1, 0.02],
  };

  for (const name of ['vp', 'subvp', 've', 've0']) {
    it(`${name}: ∇U, ΔU match autodiff and ∂ₜU matches a central difference`, () => {
      const pot = new ExactPotential(mixture, makeSde(name));
      const rng = new Rng(5);
      const n = 50;
      const xs = tf.tensor2d(rng.normals(new Float32Array(2 * n)).map((v) => 1.5 * v), [n, 2]);
      for (const t of [0.05, 0.3, 0.9]) {
        const vals = pot.evaluate(xs, t, { lap: true, dt: true });
        const u = (x: tf.Tensor) => pot.evaluate(x as tf.Tensor2D, t).u.sum();
        const grad = tf.grad(u)(xs);
        const lap = laplacianByDifferences(u, xs, 1e-3);
        const h = 1e-3;
        const fd = pot.evaluate(xs, t + h).u.sub(pot.evaluate(xs, t - h).u).div(2 * h);
        expect(maxAbsDiff(vals.grad, grad) / maxAbs(grad)).toBeLessThan(1e-4);
        expect(maxAbsDiff(vals.lap!, lap) / maxAbs(lap)).toBeLessThan(5e-3);
        expect(maxAbsDiff(vals.dt!, fd) / maxAbs(fd)).toBeLessThan(2e-3);
      }
    });
  }

  it('U is −log of the mixture density (checked in float64 at one point)', () => {
    const sde = makeSde('vp');
    const pot = new ExactPotential(mixture, sde);
    const t = 0.2;
    const [px, py] = [0.3, -0.4];
    const a = sde.alpha(t);
    const s = sde.sigma(t);
    let dens = 0;
    mixture.means.forEach(([mx, my], k) => {
      const v = a * a * mixture.variances[k] + s * s;
      dens += (mixture.weights[k] / (2 * Math.PI * v)) * Math.exp(-((px - a * mx) ** 2 + (py - a * my) ** 2) / (2 * v));
    });
    const u = pot.evaluate(tf.tensor2d([[px, py]]), t).u.arraySync()[0];
    expect(u).toBeCloseTo(-Math.log(dens), 4);
  });
});
