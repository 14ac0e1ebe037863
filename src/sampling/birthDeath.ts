// Birth–death resampling: the jump form of the Fisher–Rao reaction (docs/math.md §5–§6). Each
// particle duplicates or dies with a probability set by how far its log-weight sits from the
// mean; N stays fixed because every jump also overwrites (or copies) a uniformly chosen other.

import type { Rng } from '../rng.js';
import type { Part, Resampler } from './parts.js';

/**
 * The centred log-weight rᵢ = λᵢ − λ̄ of each particle, from its normalised weight alone.
 *
 * λᵢ are the log-weights accumulated since the last resampling, and λ̄ = (1/N)Σⱼλⱼ is their
 * mean over the particles as they stand, i.e. under ρ, the cloud the reaction acts on (it was
 * uniformly weighted after the last resampling). log w̄ᵢ = λᵢ − logsumexp(λ), so rᵢ = log w̄ᵢ −
 * mean(log w̄): the normalised weights carry everything, and the interface needs no raw
 * log-weights. With this centring Σᵢrᵢ = 0, so expected births and deaths balance to first order
 * in λ. (Centring at log mean e^λ instead, i.e. rᵢ = log N·w̄ᵢ, differs by Var(λ)/2: second order.)
 * A weight that underflowed to 0 is clamped at the smallest double, so it just dies.
 */
export function centredLogWeights(w: Float64Array): Float64Array {
  const n = w.length;
  const lw = Float64Array.from(w, (v) => Math.log(Math.max(v, Number.MIN_VALUE)));
  const mean = lw.reduce((a, b) => a + b, 0) / n;
  return lw.map((v) => v - mean);
}

/** P(jump) of a particle with centred log-weight r: birth 1 − e^{−r} (r > 0), death 1 − e^{r} (r < 0). */
export const jumpProbability = (r: number): number => -Math.expm1(-Math.abs(r));

/** Σᵢ P(jump of i): the expected number of jumps of one call (the tests check it). */
export function expectedJumps(w: Float64Array): number {
  return centredLogWeights(w).reduce((a, r) => a + jumpProbability(r), 0);
}

/** An index in {0, …, n−1} other than `i`, uniformly. */
function other(i: number, n: number, rng: Rng): number {
  const j = rng.int(n - 1);
  return j >= i ? j + 1 : j;
}

export interface Sweep {
  ancestors: Int32Array;
  births: number;
  deaths: number;
}

/**
 * One birth–death sweep. Every particle draws its jump from its own rate first (so the jump
 * count is a sum of independent Bernoullis with the closed-form mean above); the jumps are then
 * applied in index order to the current slots: a death at i copies a uniformly chosen other slot
 * into i, a birth at i copies i into a uniformly chosen other slot. Offspring of i:
 * 1 + rᵢ + O(λ²) ≈ N·w̄ᵢ, so it is exact only as λ → 0 (small steps; with the reaction the loop
 * resamples every step, which keeps λ of order δ).
 */
export function birthDeathSweep(w: Float64Array, rng: Rng): Sweep {
  const n = w.length;
  const ancestors = Int32Array.from({ length: n }, (_, i) => i);
  const r = centredLogWeights(w);
  const jumps = Int8Array.from(r, (ri) => (rng.uniform() < jumpProbability(ri) ? Math.sign(ri) : 0));
  let [births, deaths] = [0, 0];
  if (n < 2) return { ancestors, births, deaths };
  for (let i = 0; i < n; i++) {
    if (jumps[i] > 0) {
      ancestors[other(i, n, rng)] = ancestors[i];
      births += 1;
    } else if (jumps[i] < 0) {
      ancestors[i] = ancestors[other(i, n, rng)];
      deaths += 1;
    }
  }
  return { ancestors, births, deaths };
}

/** N ancestor indices (what metastability.ts uses directly). */
export const birthDeath = (w: Float64Array, rng: Rng): Int32Array => birthDeathSweep(w, rng).ancestors;

/** The registry's part: offspring ≈ N·w̄ only for small log-weights, hence for runs that resample every step. */
export const birthDeathResampler: Part<Resampler> = {
  description: "birth–death jumps, the reaction's jump form (wfr with α > 0 or --corrector wfr)",
  create: () => ({ resample: birthDeath, perStepOnly: 'is the jump form of the reaction' }),
};
