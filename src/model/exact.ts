// The exact potential of a Gaussian-mixture dataset at every noise level: a mixture of
// isotropic Gaussians pushed through a linear-Gaussian forward SDE stays one, with means α_t·μₖ
// and variances α_t²sₖ² + σ_t². Closed-form U, ∇U, ΔU, ∂ₜU let samplers be checked apart
// from training (and G ≡ 0 for it: the Fokker–Planck equation holds exactly).

import * as tf from '@tensorflow/tfjs';
import { getDataset, type Dataset, type Mixture } from '../data/datasets.js';
import { builtinSource } from '../data/source.js';
import type { Standardization } from '../data/standardize.js';
import type { SDE } from '../sde.js';
import type { Need, Potential, PotentialValues } from './potential.js';

export interface ExactMixture {
  means: [number, number][];
  weights: number[];
  /** Per-component isotropic variance. */
  variances: number[];
}

/** The mixture in standardised coordinates. */
export function standardizeMixture(m: Mixture, s: Standardization): ExactMixture {
  return {
    means: m.means.map(([x, y]) => [(x - s.mean[0]) / s.scale, (y - s.mean[1]) / s.scale]),
    weights: m.weights.slice(),
    variances: m.means.map(() => (m.std / s.scale) ** 2),
  };
}

export class ExactPotential implements Potential {
  constructor(
    readonly mixture: ExactMixture,
    readonly sde: SDE,
  ) {
    const total = mixture.weights.reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-9) throw new Error(`mixture weights sum to ${total}, not 1`);
  }

  evaluate(x: tf.Tensor2D, t: number | Float32Array, need: Need = {}): PotentialValues {
    if (typeof t !== 'number') throw new Error('ExactPotential takes one time for all rows');
    const { means, weights, variances } = this.mixture;
    const K = means.length;
    const d = 2;
    const a = this.sde.alpha(t);
    const s = this.sde.sigma(t);
    const da = this.sde.dAlpha(t);
    const ds = this.sde.dSigma(t);
    const v = variances.map((sk2) => a * a * sk2 + s * s);
    const dv = variances.map((sk2) => 2 * a * da * sk2 + 2 * s * ds);

    const m = tf.tensor2d(means.flatMap(([mx, my]) => [a * mx, a * my]), [K, 2]);
    const invV = tf.tensor1d(v.map((vk) => 1 / vk));
    const diff = x.expandDims(1).sub(m.expandDims(0)) as tf.Tensor3D; // [N, K, 2]
    const d2 = diff.square().sum(2) as tf.Tensor2D; // [N, K]
    const logNorm = tf.tensor1d(weights.map((w, k) => Math.log(w) - (d / 2) * Math.log(2 * Math.PI * v[k])));
    const ell = logNorm.sub(d2.mul(invV).mul(0.5)) as tf.Tensor2D; // log πₖ + log N(x; mₖ, vₖ)
    const r = tf.softmax(ell, 1); // responsibilities
    // ∇ℓₖ = −(x − mₖ)/vₖ;  ∇U = −Σ rₖ∇ℓₖ
    const gradEll = diff.mul(invV.reshape([1, K, 1])).neg();
    const gbar = gradEll.mul(r.expandDims(2)).sum(1) as tf.Tensor2D;
    const out: PotentialValues = { u: tf.logSumExp(ell, 1).neg() as tf.Tensor1D, grad: gbar.neg() as tf.Tensor2D };
    if (need.lap) {
      // ΔU = −Σ rₖ(Δℓₖ + ‖∇ℓₖ‖²) + ‖Σ rₖ∇ℓₖ‖²,  Δℓₖ = −d/vₖ
      const inner = invV.mul(d).sub(d2.mul(invV.square()));
      out.lap = r.mul(inner).sum(1).add(gbar.square().sum(1)) as tf.Tensor1D;
    }
    if (need.dt) {
      // ∂ₜℓₖ = ⟨x − mₖ, α'μₖ⟩/vₖ + ‖x − mₖ‖²v'ₖ/(2vₖ²) − d·v'ₖ/(2vₖ);  ∂ₜU = −Σ rₖ∂ₜℓₖ
      const dm = tf.tensor2d(means.flatMap(([mx, my]) => [da * mx, da * my]), [K, 2]);
      const term1 = diff.mul(dm.expandDims(0)).sum(2).mul(invV);
      const term2 = d2.mul(tf.tensor1d(dv.map((dvk, k) => dvk / (2 * v[k] * v[k]))));
      const term3 = tf.tensor1d(dv.map((dvk, k) => (d * dvk) / (2 * v[k])));
      out.dt = r.mul(term1.add(term2).sub(term3)).sum(1).neg() as tf.Tensor1D;
    }
    return out;
  }
}

/** A built-in mixture dataset, the standardisation training would fit to it, and its exact potential there. */
export function exactMixturePotential(name: string, sde: SDE): { dataset: Dataset; standardization: Standardization; mixture: ExactMixture; potential: ExactPotential } {
  const dataset = getDataset(name);
  if (!dataset.mixture) throw new Error(`${name} is not a Gaussian mixture: it has no exact potential`);
  const { standardization } = builtinSource(name);
  const mixture = standardizeMixture(dataset.mixture, standardization);
  return { dataset, standardization, mixture, potential: new ExactPotential(mixture, sde) };
}
