// The training step's loss and parameter gradient without a gradient tape: the fused op's forward
// pass, the loss and its cotangent in plain JS (the outputs are [3 or 4, N] numbers, the loss
// is a sum over rows), then the op's hand-written reverse pass. The same arithmetic as
// tf.variableGrads of dsmLoss over the fused potential (test/gradients.test.ts checks they
// agree), without the tape's copies of every saved activation and the autodiff of the loss.

import * as tf from '@tensorflow/tfjs';
import type { EmbeddingConfig } from '../model/embedding.js';
import { embed } from '../model/embedding.js';
import { withClassColumns } from '../model/classColumns.js';
import { firstOrderBackward, firstOrderForward, firstOrderWeights } from '../model/firstOrder.js';
import type { MlpParams } from '../model/mlp.js';
import { assemblyCoefficients, type OutputScale } from '../model/potential.js';
import type { SDE } from '../sde.js';
import type { DsmArrays } from './loss.js';

export interface DsmStepInput {
  params: MlpParams;
  embedding: EmbeddingConfig;
  sde: SDE;
  outputScale: OutputScale;
  batch: DsmArrays;
  z: Float32Array;
  t: Float32Array;
  /** μ of the time-score term; its arrays must be in `batch` when μ > 0. */
  timeScoreWeight: number;
  /** Conditional networks: the number of classes and each row's class (−1: the null class). */
  classes?: number;
  labels?: Int32Array;
}

export interface DsmStepOutput {
  loss: number;
  dsm: number;
  timeScore?: number;
  /** ∂loss/∂θ in flattenParams order (kernel, bias per layer); absent when the loss is not finite. */
  grads?: Float32Array[];
}

/**
 * L = (1/n) Σ λ‖z − σ∇ₓU‖² + μ·(1/n) Σ w·(−∂ₜU − target)² row by row, with ∇ₓU = x·/v + ∇ₓMLP·s (s = 1 or 1/σ) and
 * ∂ₜU = ‖x‖²/2·∂ₜ(1/v) + ∂ₜMLP·s + MLP·∂ₜs, returns the loss parts and the cotangent of the
 * MLP's output rows (value, ∇ₓ, ∂ₜ) as one [3 or 4, n] array.
 */
export function dsmCotangent(o: { out: Float32Array; xt: Float32Array; z: Float32Array; t: Float32Array; batch: DsmArrays; sde: SDE; outputScale: OutputScale; mu: number }) {
  const n = o.t.length;
  const { invV, dInvV, invS, dInvS } = assemblyCoefficients(o.sde, o.outputScale, o.t);
  const { sigma, lambda, target, weight } = o.batch;
  const withDt = o.mu > 0;
  const dy = new Float32Array((withDt ? 4 : 3) * n);
  let dsm = 0;
  let ts = 0;
  for (let i = 0; i < n; i++) {
    const [x1, x2] = [o.xt[2 * i], o.xt[2 * i + 1]];
    const r1 = o.z[2 * i] - sigma[i] * (x1 * invV[i] + o.out[n + i] * invS[i]);
    const r2 = o.z[2 * i + 1] - sigma[i] * (x2 * invV[i] + o.out[2 * n + i] * invS[i]);
    dsm += lambda[i] * (r1 * r1 + r2 * r2);
    const c = (-2 / n) * lambda[i] * sigma[i] * invS[i];
    dy[n + i] = c * r1;
    dy[2 * n + i] = c * r2;
    if (withDt) {
      const ut = 0.5 * (x1 * x1 + x2 * x2) * dInvV[i] + o.out[3 * n + i] * invS[i] + o.out[i] * dInvS[i];
      const e = -ut - target![i];
      ts += weight![i] * e * e;
      const cu = ((-2 * o.mu) / n) * weight![i] * e; // ∂L/∂(∂ₜU)
      dy[i] = cu * dInvS[i];
      dy[3 * n + i] = cu * invS[i];
    }
  }
  dsm /= n;
  ts /= n;
  return { dy, dsm, timeScore: withDt ? ts : undefined, loss: withDt ? dsm + o.mu * ts : dsm };
}

export function dsmStep(o: DsmStepInput): DsmStepOutput {
  const n = o.t.length;
  const mu = o.timeScoreWeight;
  const time = embed(o.embedding, o.t, o.sde);
  const { value: features, dt: featuresDt } = o.classes ? withClassColumns(time, n, o.classes, o.labels!) : time;
  let result: DsmStepOutput = { loss: NaN, dsm: NaN };
  // The result leaves the tidy by closure: tf.tidy walks whatever it returns, element by
  // element for typed arrays (~6 ms a step for the gradients).
  tf.tidy(() => {
    const K = o.params.kernels.length;
    const w = firstOrderWeights(o.params.kernels, o.params.biases, features.length / n);
    const x = tf.tensor2d(o.batch.xt, [n, 2]);
    const { out, tape } = firstOrderForward(w, { x, features, featuresDt: mu > 0 ? featuresDt : undefined });
    const c = dsmCotangent({ out: out.dataSync() as Float32Array, xt: o.batch.xt, z: o.z, t: o.t, batch: o.batch, sde: o.sde, outputScale: o.outputScale, mu });
    result = { loss: c.loss, dsm: c.dsm, timeScore: c.timeScore };
    if (!Number.isFinite(c.loss)) return;
    // The value's cotangent is zero unless ∂ₜU involves the MLP's value (time score with U = MLP/σ).
    const bars = firstOrderBackward(w, tape, tf.tensor2d(c.dy, [c.dy.length / n, n]), { valueCotangent: mu > 0 && o.outputScale === 'sigma' });
    const grads = Array.from({ length: K }, (_, k) => [bars[1 + k], bars[1 + K + k]]).flat();
    result.grads = grads.map((g) => g.dataSync() as Float32Array);
  });
  return result;
}
