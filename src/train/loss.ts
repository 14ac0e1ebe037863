// Denoising score matching for the potential, plus the optional time-score term (docs/math.md §2).
// The batch (x₀, t, z) is drawn in JS from the seeded stream; per-row SDE coefficients are
// computed there too, so the tensors here are plain inputs.

import * as tf from '@tensorflow/tfjs';
import type { Potential } from '../model/potential.js';
import type { SDE } from '../sde.js';
import type { LossWeighting } from '../checkpointSchema.js';

export interface DsmBatch {
  xt: tf.Tensor2D;
  z: tf.Tensor2D;
  t: Float32Array;
  sigma: tf.Tensor1D;
  /** λ(t) relative to the σ_t² weighting: 1, or g²/σ² for the likelihood weighting. */
  lambda: tf.Tensor1D;
  /** Time-score regression target for −∂ₜU and its weight; present when μ > 0. */
  timeTarget?: tf.Tensor1D;
  timeWeight?: tf.Tensor1D;
}

/** The batch as plain arrays: x_t [n·2], σ_t, λ(t), and the time-score target and weight when asked. */
export interface DsmArrays {
  xt: Float32Array;
  sigma: Float32Array;
  lambda: Float32Array;
  target?: Float32Array;
  weight?: Float32Array;
}

/** x_t = α_t x₀ + σ_t z and the per-row coefficients, from standardised data x₀ [n·2], times t and noise z [n·2]. */
export function dsmArrays(sde: SDE, x0: Float32Array, t: Float32Array, z: Float32Array, opts: { weighting: LossWeighting; timeScore: boolean }): DsmArrays {
  const n = t.length;
  const xt = new Float32Array(2 * n);
  const sig = new Float32Array(n);
  const lam = new Float32Array(n);
  const target = opts.timeScore ? new Float32Array(n) : undefined;
  const weight = opts.timeScore ? new Float32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const a = sde.alpha(t[i]);
    const s = sde.sigma(t[i]);
    sig[i] = s;
    lam[i] = opts.weighting === 'likelihood' ? sde.g2(t[i]) / (s * s) : 1;
    xt[2 * i] = a * x0[2 * i] + s * z[2 * i];
    xt[2 * i + 1] = a * x0[2 * i + 1] + s * z[2 * i + 1];
    if (target && weight) {
      // −∂ₜU ≈ (σ'/σ)(‖z‖² − d) + (α'/σ)⟨z, x₀⟩, weighted by ≈ its inverse variance.
      const rs = sde.dSigma(t[i]) / s;
      const ra = sde.dAlpha(t[i]) / s;
      const zz = z[2 * i] ** 2 + z[2 * i + 1] ** 2;
      const zx = z[2 * i] * x0[2 * i] + z[2 * i + 1] * x0[2 * i + 1];
      target[i] = rs * (zz - 2) + ra * zx;
      weight[i] = 1 / (2 * rs * rs + ra * ra);
    }
  }
  return { xt, sigma: sig, lambda: lam, target, weight };
}

/** Builds a batch of tensors from standardised data x₀ [n·2], times t and noise z [n·2]. */
export function makeDsmBatch(
  sde: SDE,
  x0: Float32Array,
  t: Float32Array,
  z: Float32Array,
  opts: { weighting: LossWeighting; timeScore: boolean },
): DsmBatch {
  const a = dsmArrays(sde, x0, t, z, opts);
  return {
    xt: tf.tensor2d(a.xt, [t.length, 2]),
    z: tf.tensor2d(z, [t.length, 2]),
    t,
    sigma: tf.tensor1d(a.sigma),
    lambda: tf.tensor1d(a.lambda),
    timeTarget: a.target && tf.tensor1d(a.target),
    timeWeight: a.weight && tf.tensor1d(a.weight),
  };
}

export interface LossParts {
  total: tf.Scalar;
  dsm: tf.Scalar;
  timeScore?: tf.Scalar;
}

/** L = E λ‖σ_t·s_θ(x_t, t) + z‖² (+ μ·E w(t)(−∂ₜU − target)²), with s_θ = −∇ₓU. */
export function dsmLoss(potential: Potential, b: DsmBatch, timeScoreWeight: number): LossParts {
  const vals = potential.evaluate(b.xt, b.t, { dt: timeScoreWeight > 0 });
  const resid = b.z.sub(vals.grad.mul(b.sigma.expandDims(1)));
  const dsm = resid.square().sum(1).mul(b.lambda).mean() as tf.Scalar;
  if (!(timeScoreWeight > 0) || !b.timeTarget || !b.timeWeight) return { total: dsm, dsm };
  const timeScore = vals.dt!.neg().sub(b.timeTarget).square().mul(b.timeWeight).mean() as tf.Scalar;
  return { total: dsm.add(timeScore.mul(timeScoreWeight)) as tf.Scalar, dsm, timeScore };
}
