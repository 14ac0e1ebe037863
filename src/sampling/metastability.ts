// The metastability experiment (docs/math.md §5, "Jump form"): at one fixed level t, a cloud
// started entirely in the heavy (right) well of a double-well potential, moved by Langevin
// alone, by Langevin plus the Fisher–Rao reaction with systematic resampling, or by Langevin
// plus birth–death jumps; the left-well mass per iteration against exp(−β·U)'s exact one.

import * as tf from '@tensorflow/tfjs';
import type { Standardization } from '../data/standardize.js';
import type { Potential, PotentialValues } from '../model/potential.js';
import { Rng } from '../rng.js';
import { logMovedDensity, type DensityMethod } from './density.js';
import { birthDeath } from './birthDeath.js';
import { normalizeWeights, systematic } from './resample.js';
import { disposeValues, evaluateInBlocks, gatherRows, gatherValues } from './values.js';

export const METASTABILITY_METHODS = ['langevin', 'reaction', 'birth-death'] as const;
export type MetastabilityMethod = (typeof METASTABILITY_METHODS)[number];

export interface MetastabilityOptions {
  /** U(·, t) in standardised units; the target is exp(−β·U). */
  potential: Potential;
  t: number;
  beta: number;
  method: MetastabilityMethod;
  /** Fixed Langevin step ε: x′ = x − ε·β∇U + √(2ε)·ξ. */
  eps: number;
  /** Reaction rate α per unit Langevin time: δ = 1 − e^{−α·ε} per iteration (α = 1: the wfr corrector). */
  rate: number;
  bMin: number;
  n: number;
  iterations: number;
  seed: number;
  /** The data's standardisation: where the barrier x = 0 and the right well x ≈ 2 sit in z. */
  standardization: Standardization;
  density?: DensityMethod;
  /** Weight of each particle's own kernel in ρ̂ (density.ts); default ½, as the samplers'. */
  selfKernel?: number;
}

export interface MetastabilityTrace {
  /** Left-well mass after each iteration (weighted by the reaction's weights before resampling). */
  leftMass: Float64Array;
  /** Wall-clock since the start, after each iteration (ms). */
  ms: Float64Array;
  distinctAncestors: number;
}

/** The right well's minimum of V(x) = 4(x²/4 − 1)² − x/4 (V′ = 0 at x ≈ 2.0312). */
const RIGHT_MINIMUM = 2.0312;

/**
 * The start: the Laplace approximation of exp(−β·U) around the right well (V″ = 8 there; y of
 * std 0.75/√β), in standardised units. It puts ~10⁻⁸ of its mass past the barrier, i.e. none.
 */
function heavyWellStart(o: MetastabilityOptions, rng: Rng): tf.Tensor2D {
  const { mean, scale } = o.standardization;
  const z = rng.normals(new Float32Array(2 * o.n));
  const [sx, sy] = [1 / Math.sqrt(8 * o.beta), 0.75 / Math.sqrt(o.beta)];
  for (let i = 0; i < o.n; i++) {
    z[2 * i] = (RIGHT_MINIMUM + sx * z[2 * i] - mean[0]) / scale;
    z[2 * i + 1] = (sy * z[2 * i + 1] - mean[1]) / scale;
  }
  return tf.tensor2d(z, [o.n, 2]);
}

/** Runs one method; every random number from the seed's streams, no tensors left behind. */
export function runMetastability(o: MetastabilityOptions): MetastabilityTrace {
  const rng = new Rng(o.seed, `metastability-${o.method}`);
  const resampleRng = new Rng(o.seed, 'metastability-resample');
  const barrier = -o.standardization.mean[0] / o.standardization.scale;
  const delta = -Math.expm1(-o.rate * o.eps);
  const b = Math.max(Math.sqrt(2 * o.eps), o.bMin);
  const leftMass = new Float64Array(o.iterations);
  const ms = new Float64Array(o.iterations);
  let ancestors = Int32Array.from({ length: o.n }, (_, i) => i);
  let x = heavyWellStart(o, rng);
  let values: PotentialValues = evaluateInBlocks(o.potential, x, o.t, {});
  const started = performance.now();
  try {
    for (let k = 0; k < o.iterations; k++) {
      const xi = tf.tensor2d(rng.normals(new Float32Array(2 * o.n)), [o.n, 2]);
      const centres = tf.tidy(() => x.sub(values.grad.mul(o.eps * o.beta))) as tf.Tensor2D;
      const moved = tf.tidy(() => centres.add(xi.mul(Math.sqrt(2 * o.eps)))) as tf.Tensor2D;
      xi.dispose();
      x.dispose();
      disposeValues(values);
      [x, values] = [moved, evaluateInBlocks(o.potential, moved, o.t, {})];
      const z = x.dataSync();
      let w: Float64Array | undefined;
      if (o.method !== 'langevin') {
        // The wfr corrector's increment: Δlog w = δ·(−β·U(x′) − log ρ̂(x′)), ρ̂ around the centres.
        const inc = tf.tidy(() => values.u.mul(-o.beta).sub(logMovedDensity(o.density ?? 'binned', x, centres, b, o.selfKernel ?? 0.5, Math.sqrt(2 * o.eps))).mul(delta));
        w = normalizeWeights(inc.dataSync());
        inc.dispose();
      }
      centres.dispose();
      let m = 0;
      for (let i = 0; i < o.n; i++) if (z[2 * i] < barrier) m += w ? w[i] : 1 / o.n;
      leftMass[k] = m;
      if (w) {
        const idx = (o.method === 'reaction' ? systematic : birthDeath)(w, resampleRng);
        const [gx, gv] = [gatherRows(x, idx), gatherValues(values, idx)];
        x.dispose();
        disposeValues(values);
        [x, values] = [gx, gv];
        ancestors = ancestors.map((_, i) => ancestors[idx[i]]);
      }
      ms[k] = performance.now() - started;
    }
  } finally {
    x.dispose();
    disposeValues(values);
  }
  return { leftMass, ms, distinctAncestors: new Set(ancestors).size };
}

/**
 * Iterations until the left-well mass, averaged over a trailing window (N = 2000 has a sampling
 * s.e. of ≈ 0.01 per iteration, the tolerance itself), comes within `tol` of `exact` and stays
 * there to the end of the run; undefined if it never settles.
 */
export function mixingTime(mass: ArrayLike<number>, exact: number, o: { tol?: number; window?: number } = {}): number | undefined {
  const [tol, window] = [o.tol ?? 0.01, o.window ?? 10];
  let settled: number | undefined;
  let sum = 0;
  for (let k = 0; k < mass.length; k++) {
    sum += mass[k] - (k >= window ? mass[k - window] : 0);
    const avg = sum / Math.min(k + 1, window);
    if (Math.abs(avg - exact) > tol) settled = undefined;
    else if (settled === undefined) settled = k + 1;
  }
  return settled;
}

/**
 * For a run that never settles: the mixing time extrapolated from relaxation at one rate λ,
 * m(k) = m∞(1 − e^{−λk}), with λ from the mass reached at the end (averaged over the window),
 * i.e. ln(m∞/tol)/λ. Undefined when no mass arrived at all.
 */
export function extrapolatedMixingTime(mass: ArrayLike<number>, exact: number, o: { tol?: number; window?: number } = {}): number | undefined {
  const [tol, window] = [o.tol ?? 0.01, o.window ?? 10];
  const k = mass.length;
  let avg = 0;
  for (let i = Math.max(0, k - window); i < k; i++) avg += mass[i] / Math.min(k, window);
  if (!(avg > 0) || avg >= exact) return undefined;
  const lambda = -Math.log(1 - avg / exact) / (k - window / 2);
  return Math.log(exact / tol) / lambda;
}
