// Self-normalised weights, effective sample size and resampling, all from log-weights in
// float64 (weights spanning e^±700 stay exact). Schemes: systematic (default; lowest variance),
// stratified, multinomial (counts with mean N·w̄ᵢ), birth-death (the reaction's jump form:
// mean N·w̄ᵢ to first order in the log-weights; birthDeath.ts) and death-clock (the FKC
// benchmark's birth–death: deaths at rate max(Δ̄ − Δᵢ, 0); deathClock.ts).

import type { Rng } from '../rng.js';
import { birthDeathResampler } from './birthDeath.js';
import { deathClockResampler } from './deathClock.js';
import type { Part, Resampler } from './parts.js';

export function logSumExp(logw: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < logw.length; i++) if (logw[i] > m) m = logw[i];
  if (m === -Infinity) return -Infinity;
  let s = 0;
  for (let i = 0; i < logw.length; i++) s += Math.exp(logw[i] - m);
  return m + Math.log(s);
}

/** w̄ᵢ = exp(log wᵢ − logsumexp). */
export function normalizeWeights(logw: ArrayLike<number>): Float64Array {
  const lse = logSumExp(logw);
  return Float64Array.from({ length: logw.length }, (_, i) => Math.exp(logw[i] - lse));
}

/** ESS = 1/Σw̄ᵢ² = exp(2·lse(log w) − lse(2·log w)). */
export function effectiveSampleSize(logw: ArrayLike<number>): number {
  const twice = Float64Array.from({ length: logw.length }, (_, i) => 2 * logw[i]);
  return Math.exp(2 * logSumExp(logw) - logSumExp(twice));
}

/** Walks the cumulative weights with N sorted points u₀ … u_{N−1} in [0, 1). */
function inverseCdf(w: Float64Array, points: (i: number) => number): Int32Array {
  const n = w.length;
  const out = new Int32Array(n);
  let j = 0;
  let cum = w[0];
  for (let i = 0; i < n; i++) {
    const u = points(i);
    while (u >= cum && j < n - 1) cum += w[++j];
    out[i] = j;
  }
  return out;
}

/** One uniform shift for all N points: the lowest-variance scheme (metastability.ts uses it directly). */
export function systematic(w: Float64Array, rng: Rng): Int32Array {
  const u0 = rng.uniform();
  return inverseCdf(w, (i) => (i + u0) / w.length);
}

function multinomial(w: Float64Array, rng: Rng): Int32Array {
  // Sorted uniforms by normalised exponential spacings: O(N) and exact.
  const n = w.length;
  const e = Float64Array.from({ length: n + 1 }, () => -Math.log(rng.uniform()));
  const total = e.reduce((a, b) => a + b, 0);
  let acc = 0;
  const pts = Float64Array.from({ length: n }, (_, i) => (acc += e[i]) / total);
  return inverseCdf(w, (i) => pts[i]);
}

/** The resamplers (they read no settings); a long one lives in its own file beside this one. */
export const RESAMPLERS: Record<string, Part<Resampler>> = {
  systematic: { description: 'one uniform shift for all N points (lowest variance)', create: () => ({ resample: systematic }) },
  stratified: { description: 'one uniform in each of N strata', create: () => ({ resample: (w, rng) => inverseCdf(w, (i) => (i + rng.uniform()) / w.length) }) },
  multinomial: { description: 'N independent draws (counts with mean N·w̄ᵢ)', create: () => ({ resample: multinomial }) },
  'birth-death': birthDeathResampler,
  'death-clock': deathClockResampler,
};

/** N ancestor indices from log-weights. */
export const resample = (logw: ArrayLike<number>, scheme: Resampler, rng: Rng): Int32Array => scheme.resample(normalizeWeights(logw), rng);
