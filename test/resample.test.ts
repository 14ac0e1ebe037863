// Resampling and ESS from log-weights: unbiased offspring counts, systematic has the lowest
// variance, ESS on known weights, and exactness when weights span e^±700.
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { effectiveSampleSize, normalizeWeights, RESAMPLERS } from '../src/sampling/resample.js';
import { resolveSampleSettings } from '../src/sampling/settings.js';
import { resampleBy } from './support/resample.js';

const w = [0.05, 0.3, 0.01, 0.14, 0.2, 0.1, 0.07, 0.13];
const logw = w.map(Math.log);
const N = w.length;
const DRAWS = 20_000;

function offspringStats(scheme: string) {
  const rng = new Rng(1, scheme);
  const sum = new Float64Array(N);
  const sumSq = new Float64Array(N);
  for (let d = 0; d < DRAWS; d++) {
    const counts = new Float64Array(N);
    for (const i of resampleBy(logw, scheme, rng)) counts[i] += 1;
    counts.forEach((c, i) => {
      sum[i] += c;
      sumSq[i] += c * c;
    });
  }
  const mean = Array.from(sum, (s) => s / DRAWS);
  const variance = Array.from(sumSq, (s, i) => s / DRAWS - mean[i] ** 2);
  return { mean, variance };
}

describe('resampling', () => {
  const stats = Object.fromEntries(['systematic', 'stratified', 'multinomial'].map((s) => [s, offspringStats(s)]));

  // birth-death and death-clock are unbiased only to first order in the log-weights
  // (test/birthDeath.test.ts, test/deathClock.test.ts).
  for (const scheme of Object.keys(RESAMPLERS).filter((s) => s !== 'birth-death' && s !== 'death-clock')) {
    it(`${scheme}: mean offspring count is N·w̄ᵢ (unbiased)`, () => {
      stats[scheme].mean.forEach((m, i) => {
        // Count variance ≤ N·w(1−w) (multinomial); 5 standard errors of the mean.
        const se = Math.sqrt((N * w[i] * (1 - w[i])) / DRAWS);
        expect(Math.abs(m - N * w[i])).toBeLessThan(5 * se + 1e-9);
      });
    });
  }

  it('systematic has the lowest total variance, multinomial the highest', () => {
    const total = (s: string) => stats[s].variance.reduce((a, b) => a + b, 0);
    expect(total('systematic')).toBeLessThanOrEqual(total('stratified') + 1e-9);
    expect(total('stratified')).toBeLessThan(total('multinomial'));
    // Multinomial: Var = N·w(1−w) exactly; Σ = N(1 − Σw²).
    const exact = N * (1 - w.reduce((a, b) => a + b * b, 0));
    expect(total('multinomial') / exact).toBeCloseTo(1, 1);
  });

  it('ESS = (Σw)²/Σw² on known weights', () => {
    expect(effectiveSampleSize([0, 0, 0, 0])).toBeCloseTo(4, 12);
    expect(effectiveSampleSize([0, -Infinity, -Infinity])).toBeCloseTo(1, 12);
    // weights 1, 1, 2, 4: 8²/(1 + 1 + 4 + 16) = 64/22
    expect(effectiveSampleSize([1, 1, 2, 4].map(Math.log))).toBeCloseTo(64 / 22, 12);
  });

  it('log-weights spanning e^±700 stay exact', () => {
    const lw = [700, 700, -700, 699];
    // w ∝ (1, 1, e^−1400, e^−1): normalised without overflow.
    const nw = normalizeWeights(lw);
    const z = 2 + Math.exp(-1);
    expect(nw[0]).toBeCloseTo(1 / z, 12);
    expect(nw[2]).toBe(Math.exp(-1400 - Math.log(z)));
    expect(nw[3]).toBeCloseTo(Math.exp(-1) / z, 12);
    expect(effectiveSampleSize(lw)).toBeCloseTo(z * z / (2 + Math.exp(-2)), 10);
    const idx = resampleBy([-700, 700, -700], 'systematic', new Rng(3));
    expect(Array.from(idx)).toEqual([1, 1, 1]);
  });

  it('an unknown scheme is an error listing the valid ones', () => {
    expect(() => resolveSampleSettings({ resampler: 'residual' })).toThrow(/--resampler must be one of systematic, stratified, multinomial/);
  });
});
