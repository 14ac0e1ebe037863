// The fused first-order op (firstOrder.ts: value, ∇ₓ and ∂ₜ of the MLP with a hand-written
// parameter gradient) must not change results: its outputs and the DSM + time-score parameter
// gradients equal those of the reference (plain tfjs ops under tfjs autodiff), and both agree
// with a finite-difference directional derivative of the loss.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { flattenParams, initMlp, unflattenParams } from '../src/model/mlp.js';
import { ReferencePotential } from '../src/model/reference.js';
import { LearnedPotential, type OutputScale } from '../src/model/potential.js';
import { dsmArrays, dsmLoss, makeDsmBatch } from '../src/train/loss.js';
import { dsmStep } from '../src/train/dsmStep.js';
import { transposeRows } from '../src/model/firstOrder.js';

/** The fused potential or the plain-autodiff reference it is tested against, alike in every other way. */
const make = (impl: 'fused' | 'reference', o: ConstructorParameters<typeof LearnedPotential>[0]) =>
  impl === 'fused' ? new LearnedPotential(o) : new ReferencePotential(o);

const emb = { features: 4, freqMin: 0.5, freqMax: 8 };

type Impl = 'fused' | 'reference';

describe('training gradients', () => {
  it.each(['none', 'sigma'] as const)('output scale %s: fused op = tfjs autodiff = finite differences', (scale: OutputScale) => {
    const rng = new Rng(11);
    const p = initMlp([2 + 2 * emb.features, 16, 16, 1], rng);
    p.kernels[2] = tf.tensor2d(new Float32Array(16).map(() => rng.normal() * 0.5), [16, 1]);
    const vars = flattenParams(p).map((t) => tf.variable(t));
    const params = unflattenParams(vars);
    const sde = makeSde('vp');
    const n = 128;
    const x0 = rng.normals(new Float32Array(2 * n));
    const t = new Float32Array(n).map(() => 0.05 + 0.9 * rng.uniform());
    const z = rng.normals(new Float32Array(2 * n));
    const batch = makeDsmBatch(sde, x0, t, z, { weighting: 'sigma2', timeScore: true });
    const loss = (impl: Impl) => dsmLoss(make(impl, { params, embedding: emb, sde, outputScale: scale }), batch, 0.1).total;

    const fast = tf.variableGrads(() => loss('fused'), vars).grads;
    const plain = tf.variableGrads(() => loss('reference'), vars).grads;
    let checked = 0;
    for (const v of vars) {
      if (!plain[v.name]) continue; // U's constant offset (last bias) has no gradient
      const scaleOf = plain[v.name].abs().max().arraySync() as number;
      expect(fast[v.name].sub(plain[v.name]).abs().max().arraySync() as number).toBeLessThan(1e-4 * scaleOf + 1e-7);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(vars.length - 1);

    // The trainer's tape-free step (loss and cotangent in JS, the op's reverse pass) gives the same.
    const direct = dsmStep({ params, embedding: emb, sde, outputScale: scale, batch: dsmArrays(sde, x0, t, z, { weighting: 'sigma2', timeScore: true }), z, t, timeScoreWeight: 0.1 });
    expect(direct.loss).toBeCloseTo(loss('fused').arraySync(), 5);
    vars.forEach((v, i) => {
      const ref = plain[v.name] ?? tf.zerosLike(v);
      const scaleOf = (ref.abs().max().arraySync() as number) || 1;
      expect(tf.tensor(direct.grads![i], v.shape).sub(ref).abs().max().arraySync() as number, v.name).toBeLessThan(1e-4 * scaleOf + 1e-7);
    });

    // Directional derivative along a random direction d: Σ⟨∇L, d⟩ against (L(θ+εd) − L(θ−εd))/2ε.
    const dir = vars.map((v) => tf.tensor(rng.normals(new Float32Array(v.size)), v.shape));
    const analytic = vars.reduce((s, v, i) => s + (fast[v.name] ? (fast[v.name].mul(dir[i]).sum().arraySync() as number) : 0), 0);
    const eps = 1e-3;
    const at = (sign: number) => {
      const saved = vars.map((v) => v.clone());
      vars.forEach((v, i) => v.assign(v.add(dir[i].mul(sign * eps))));
      const l = loss('reference').arraySync();
      vars.forEach((v, i) => v.assign(saved[i]));
      return l;
    };
    const fd = (at(1) - at(-1)) / (2 * eps);
    expect(Math.abs(fd - analytic) / Math.abs(analytic)).toBeLessThan(2e-2);
  });
});

describe('fused first-order op', () => {
  // One time shared by all rows (how samplers call it): outputs and the gradient of an arbitrary
  // linear functional of (U, ∇ₓU, ∂ₜU) — random cotangents exercise every output's backward path.
  it.each([[[16, 16, 16]], [[12]]])('shared time, hidden %j: outputs and parameter gradients equal the reference', (hidden: number[]) => {
    const rng = new Rng(5);
    const p = initMlp([2 + 2 * emb.features, ...hidden, 1], rng);
    const last = hidden[hidden.length - 1];
    p.kernels[hidden.length] = tf.tensor2d(new Float32Array(last).map(() => rng.normal() * 0.5), [last, 1]);
    const vars = flattenParams(p).map((t) => tf.variable(t));
    const params = unflattenParams(vars);
    const sde = makeSde('vp');
    const n = 64;
    const x = tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]);
    const [cu, cg, cd] = [tf.tensor1d(rng.normals(new Float32Array(n))), tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]), tf.tensor1d(rng.normals(new Float32Array(n)))];
    const values = (impl: Impl, at = x) => make(impl, { params, embedding: emb, sde, outputScale: 'sigma' }).evaluate(at, 0.3, { dt: true });
    const [f, r] = [values('fused'), values('reference')];
    for (const k of ['u', 'grad', 'dt'] as const) {
      const scale = r[k]!.abs().max().arraySync() as number;
      expect(f[k]!.sub(r[k]!).abs().max().arraySync() as number, k).toBeLessThan(1e-5 * scale + 1e-6);
    }
    const functional = (impl: Impl, at = x) => {
      const v = values(impl, at);
      return v.u.mul(cu).sum().add(v.grad.mul(cg).sum()).add(v.dt!.mul(cd).sum()) as tf.Scalar;
    };
    const fused = tf.variableGrads(() => functional('fused'), vars).grads;
    const ref = tf.variableGrads(() => functional('reference'), vars).grads;
    for (const v of vars) {
      const scale = ref[v.name].abs().max().arraySync() as number;
      expect(fused[v.name].sub(ref[v.name]).abs().max().arraySync() as number, v.name).toBeLessThan(1e-4 * scale + 1e-7);
    }
    // The x-cotangent too (a Hessian-vector product through ∇ₓU).
    const [fx, rx] = (['fused', 'reference'] as const).map((impl) => tf.grad((at: tf.Tensor) => functional(impl, at as tf.Tensor2D))(x));
    expect(fx.sub(rx).abs().max().arraySync() as number).toBeLessThan(1e-4 * (rx.abs().max().arraySync() as number));
  });

  it('leaves no tensors behind, with or without a gradient tape', () => {
    const rng = new Rng(6);
    const vars = flattenParams(initMlp([2 + 2 * emb.features, 8, 8, 1], rng)).map((t) => tf.variable(t));
    const pot = new LearnedPotential({ params: unflattenParams(vars), embedding: emb, sde: makeSde('vp') });
    const x = tf.tensor2d(rng.normals(new Float32Array(20)), [10, 2]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      pot.evaluate(x, 0.5, { dt: true });
    });
    tf.tidy(() => {
      tf.variableGrads(() => pot.evaluate(x, new Float32Array(10).fill(0.4), { dt: true }).grad.sum() as tf.Scalar, vars);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('transposeRows', () => {
  // The 3D path (rows a power of two ≥ 256, even width) must be an exact transpose; other shapes
  // take tf.transpose itself.
  it.each([
    [1024, 128],
    [256, 6],
    [300, 4],
    [512, 3],
  ])('[%i, %i] equals tf.transpose', (r, c) => {
    const a = tf.tensor2d(Float32Array.from({ length: r * c }, (_, i) => i), [r, c]);
    const t = transposeRows(a);
    expect(t.shape).toEqual([c, r]);
    expect(Array.from(t.dataSync())).toEqual(Array.from(a.transpose().dataSync()));
  });
});
