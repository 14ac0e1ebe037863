// The training path's custom-gradient ops (ops.ts: matMul with explicit transposes, bias and
// row-broadcast gradients as matMuls) must not change results: DSM + time-score parameter
// gradients equal those of tfjs's own ops, and both agree with a finite-difference directional
// derivative of the loss.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { flattenParams, initMlp, unflattenParams } from '../src/model/mlp.js';
import { FAST_OPS, PLAIN_OPS, type Ops } from '../src/model/ops.js';
import { LearnedPotential, type OutputScale } from '../src/model/potential.js';
import { dsmLoss, makeDsmBatch } from '../src/train/loss.js';

const emb = { features: 4, freqMin: 0.5, freqMax: 8 };

describe('training gradients', () => {
  it.each(['none', 'sigma'] as const)('output scale %s: fast ops = tfjs ops = finite differences', (scale: OutputScale) => {
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
    const loss = (ops: Ops) => dsmLoss(new LearnedPotential(params, emb, sde, scale, ops), batch, 0.1).total;

    const fast = tf.variableGrads(() => loss(FAST_OPS), vars).grads;
    const plain = tf.variableGrads(() => loss(PLAIN_OPS), vars).grads;
    let checked = 0;
    for (const v of vars) {
      if (!plain[v.name]) continue; // U's constant offset (last bias) has no gradient
      const scaleOf = plain[v.name].abs().max().arraySync() as number;
      expect(fast[v.name].sub(plain[v.name]).abs().max().arraySync() as number).toBeLessThan(1e-4 * scaleOf + 1e-7);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(vars.length - 1);

    // Directional derivative along a random direction d: Σ⟨∇L, d⟩ against (L(θ+εd) − L(θ−εd))/2ε.
    const dir = vars.map((v) => tf.tensor(rng.normals(new Float32Array(v.size)), v.shape));
    const analytic = vars.reduce((s, v, i) => s + (fast[v.name] ? (fast[v.name].mul(dir[i]).sum().arraySync() as number) : 0), 0);
    const eps = 1e-3;
    const at = (sign: number) => {
      const saved = vars.map((v) => v.clone());
      vars.forEach((v, i) => v.assign(v.add(dir[i].mul(sign * eps))));
      const l = loss(PLAIN_OPS).arraySync();
      vars.forEach((v, i) => v.assign(saved[i]));
      return l;
    };
    const fd = (at(1) - at(-1)) / (2 * eps);
    expect(Math.abs(fd - analytic) / Math.abs(analytic)).toBeLessThan(2e-2);
  });
});
