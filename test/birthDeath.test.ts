// The birth–death resampler (src/sampling/birthDeath.ts): N constant, the jump count against
// its closed form, offspring ≈ N·w̄ᵢ to first order in small log-weights, reproducibility, and
// on the exact mixture potential wfr with it reproduces the target mode weights.
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { builtinSource } from '../src/data/source.js';
import { unstandardize } from '../src/data/standardize.js';
import { modeWeightError, modeWeights } from '../src/metrics/modes.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { Rng } from '../src/rng.js';
import { birthDeathSweep, centredLogWeights, expectedJumps, jumpProbability } from '../src/sampling/birthDeath.js';
import { normalizeWeights } from '../src/sampling/resample.js';
import { sample } from '../src/sampling/sample.js';
import { makeSde } from '../src/sde.js';
import { resampleBy } from './support/resample.js';

/** Small log-weights λᵢ = eps·zᵢ, fixed z. */
const Z = [0.9, -1.3, 0.2, 1.7, -0.4, -1.1, 0.6, -0.6];
const smallWeights = (eps: number) => normalizeWeights(Z.map((z) => eps * z));

describe('birth–death resampling', () => {
  it('keeps N particles, every index valid, and is reproducible from the seed', () => {
    const w = normalizeWeights(Array.from({ length: 500 }, (_, i) => Math.sin(i) * 2));
    const a = resampleBy(Array.from(w, Math.log), 'birth-death', new Rng(7, 'bd'));
    const b = resampleBy(Array.from(w, Math.log), 'birth-death', new Rng(7, 'bd'));
    expect(a.length).toBe(500);
    expect(a.every((i) => i >= 0 && i < 500)).toBe(true);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(resampleBy(Array.from(w, Math.log), 'birth-death', new Rng(8, 'bd')))).not.toEqual(Array.from(a));
  });

  it('centres at the arithmetic mean of the log-weights and jumps with 1 − e^{−|r|}', () => {
    const r = centredLogWeights(smallWeights(0.3));
    const mean = Z.reduce((a, b) => a + b, 0) / Z.length;
    r.forEach((ri, i) => expect(ri).toBeCloseTo(0.3 * (Z[i] - mean), 12));
    expect(jumpProbability(0.5)).toBeCloseTo(1 - Math.exp(-0.5), 14);
    expect(jumpProbability(-0.5)).toBeCloseTo(1 - Math.exp(-0.5), 14);
  });

  it('the number of jumps per call matches Σᵢ P(jump of i) within Monte-Carlo error', () => {
    const w = smallWeights(0.4);
    const probs = Array.from(centredLogWeights(w), jumpProbability);
    const calls = 20_000;
    const rng = new Rng(3, 'jumps');
    let [total, births, deaths] = [0, 0, 0];
    for (let c = 0; c < calls; c++) {
      const s = birthDeathSweep(w, rng);
      total += s.births + s.deaths;
      births += s.births;
      deaths += s.deaths;
    }
    // Sum of independent Bernoullis: variance Σp(1 − p).
    const se = Math.sqrt(probs.reduce((a, p) => a + p * (1 - p), 0) / calls);
    expect(Math.abs(total / calls - expectedJumps(w))).toBeLessThan(5 * se);
    // Births only where r > 0, deaths only where r < 0 (a sign flip swaps these).
    const expBirths = Array.from(centredLogWeights(w)).reduce((a, r, i) => a + (r > 0 ? probs[i] : 0), 0);
    expect(Math.abs(births / calls - expBirths)).toBeLessThan(5 * se);
    expect(Math.abs(deaths / calls - (expectedJumps(w) - expBirths))).toBeLessThan(5 * se);
  });

  it('for small λ the mean offspring count of particle i is N·w̄ᵢ to first order', () => {
    const N = Z.length;
    const errorAt = (eps: number, draws = 40_000) => {
      const w = smallWeights(eps);
      const rng = new Rng(11, `offspring-${eps}`);
      const counts = new Float64Array(N);
      for (let d = 0; d < draws; d++) for (const i of birthDeathSweep(w, rng).ancestors) counts[i] += 1;
      return Math.max(...Array.from(counts, (c, i) => Math.abs(c / draws - N * w[i])));
    };
    // First order: the error is O(λ²) (plus Monte-Carlo noise ≈ 0.01), far below the O(λ)
    // deviation N·w̄ᵢ − 1 itself (0.05·|z − z̄| up to 0.08 at eps = 0.05).
    expect(errorAt(0.05)).toBeLessThan(0.02);
    expect(errorAt(0.2)).toBeLessThan(0.06);
  });

  it('on the exact mixture potential wfr with birth-death reproduces the target mode weights', async () => {
    const NAME = 'eight-gaussians-imbalanced';
    const ds = getDataset(NAME);
    const src = builtinSource(NAME);
    const sde = makeSde('vp');
    const exact = new ExactPotential(standardizeMixture(ds.mixture!, src.standardization), sde);
    const err = async (resampler: string) => {
      let total = 0;
      for (const seed of [1, 2, 3]) {
        const r = await sample({ potential: exact, sde, sampler: 'wfr', n: 2000, steps: 100, seed, resampler });
        total += modeWeightError(modeWeights(unstandardize(r.points, src.standardization), ds.modes!), ds.modes!.weights);
      }
      return total / 3;
    };
    const [bd, sys] = [await err('birth-death'), await err('systematic')];
    // The jump form is exact for small per-step weights, so it is compared at K = 100. Measured
    // (6 seeds): birth–death 0.023, systematic 0.013 — the jumps' extra noise (fewer distinct
    // ancestors); at K = 20 the gap is 0.050 against 0.022.
    expect(bd).toBeLessThan(0.035);
    expect(bd).toBeLessThan(sys + 0.015);
  }, 120_000);
});
