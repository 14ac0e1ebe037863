// The FKC benchmark's birth–death resampling: each particle dies with probability
// 1 − e^{−max(Δ̄ − Δᵢ, 0)} and the dead are refilled ∝ max(Δᵢ − Δ̄, 0), so particle i's expected
// offspring is exactly (1 − P(death of i)) + E[deaths]·max(rᵢ, 0)/Σmax(r, 0), which is N·w̄ᵢ to
// first order in the increments.
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { centredLogWeights } from '../src/sampling/birthDeath.js';
import { deathClock, deathProbability } from '../src/sampling/deathClock.js';
import { normalizeWeights } from '../src/sampling/resample.js';
import { resampleBy } from './support/resample.js';

const offspring = (logw: number[], draws: number, seed: number) => {
  const rng = new Rng(seed, 'death-clock');
  const sum = new Float64Array(logw.length);
  for (let d = 0; d < draws; d++) for (const i of resampleBy(logw, 'death-clock', rng)) sum[i] += 1 / draws;
  return sum;
};

describe('death-clock resampling', () => {
  it('expected offspring match the closed form (survival + share of the refills)', () => {
    const logw = [0.4, -0.3, 0.1, -0.9, 0.0, 0.7];
    const r = centredLogWeights(normalizeWeights(logw));
    const pDeath = Array.from(r, deathProbability);
    const deaths = pDeath.reduce((a, b) => a + b, 0);
    const pos = Array.from(r, (v) => Math.max(v, 0));
    const totalPos = pos.reduce((a, b) => a + b, 0);
    const expected = pDeath.map((p, i) => 1 - p + (deaths * pos[i]) / totalPos);
    const got = offspring(logw, 40_000, 1);
    // An offspring count's variance is below 2 here: 40 000 draws give a s.e. under 0.007.
    expected.forEach((e, i) => expect(Math.abs(got[i] - e)).toBeLessThan(0.02));
    // Particles above the mean never die, those below never multiply.
    r.forEach((ri, i) => (ri > 0 ? expect(pDeath[i]).toBe(0) : expect(pos[i]).toBe(0)));
  });

  it('is N·w̄ᵢ to first order: small increments give offspring 1 + rᵢ', () => {
    const logw = [0.02, -0.01, 0.015, -0.025, 0.0];
    const w = normalizeWeights(logw);
    const got = offspring(logw, 100_000, 2);
    w.forEach((wi, i) => expect(Math.abs(got[i] - logw.length * wi)).toBeLessThan(0.004));
  });

  it('keeps every particle when the increments are equal, and is deterministic for a seed', () => {
    expect(Array.from(deathClock(normalizeWeights([0.3, 0.3, 0.3]), new Rng(1)))).toEqual([0, 1, 2]);
    const w = normalizeWeights([1, -1, 0.5, -2]);
    expect(Array.from(deathClock(w, new Rng(5, 'x')))).toEqual(Array.from(deathClock(w, new Rng(5, 'x'))));
  });
});
