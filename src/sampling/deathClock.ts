// The birth–death resampling of the FKC benchmark: each particle dies at rate max(Δ̄ − Δᵢ, 0),
// where Δᵢ is its log-weight increment since the last resampling and Δ̄ their mean, and the dead
// are replaced by copies of particles drawn ∝ max(Δᵢ − Δ̄, 0). Their code accumulates the rate
// against an Exp(1) clock per particle; since the clock is memoryless, dying in this step with
// probability 1 − e^{−rate} is the same law for each particle's death time, and needs no state.

import type { Rng } from '../rng.js';
import { centredLogWeights } from './birthDeath.js';
import type { Part, Resampler } from './parts.js';

/** Death probability of one step for a particle whose centred increment is r: 1 − e^{−max(−r, 0)}. */
export const deathProbability = (r: number): number => (r < 0 ? -Math.expm1(r) : 0);

/** N ancestor indices: survivors keep their slot, each dead slot takes a copy drawn ∝ max(r, 0). */
export function deathClock(w: Float64Array, rng: Rng): Int32Array {
  const n = w.length;
  const r = centredLogWeights(w);
  const ancestors = Int32Array.from({ length: n }, (_, i) => i);
  const dead: number[] = [];
  for (let i = 0; i < n; i++) if (rng.uniform() < deathProbability(r[i])) dead.push(i);
  if (dead.length === 0) return ancestors;
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) cumulative[i] = total += Math.max(r[i], 0);
  for (const i of dead) {
    const u = rng.uniform() * total;
    let [lo, hi] = [0, n - 1];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    ancestors[i] = lo;
  }
  return ancestors;
}

export const deathClockResampler: Part<Resampler> = {
  description: "the FKC benchmark's birth–death: deaths at rate max(Δ̄ − Δᵢ, 0), replaced ∝ max(Δᵢ − Δ̄, 0)",
  create: () => ({ resample: deathClock }),
};
