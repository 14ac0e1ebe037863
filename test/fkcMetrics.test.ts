// The benchmark's five metrics against known truths: MMD² zero on one set and equal to a
// hand-computed value on tiny sets (and the pruned kernel sum equal to the plain one), TV zero on
// one set and 1 on disjoint bins, W1 = W2 = |d| for a translate, energy-W2 of a shift = shift²,
// and the bundle with its floor.
import { describe, expect, it } from 'vitest';
import { FKC_BANDWIDTHS, fkcEnergyW2, fkcMetrics, fkcMetricsWithFloor, fkcMmd, fkcMmdSelfTerm, fkcTv, fkcW1, fkcW2 } from '../src/metrics/fkc.js';
import { Rng } from '../src/rng.js';

/** Σ_s exp(−d²/(2s²)) with every term, the definition the fast sum must match. */
const kernel = (d2: number, scale: number) => FKC_BANDWIDTHS.reduce((t, s) => t + Math.exp(-d2 / (2 * (s * scale) ** 2)), 0);

function plainMmd(x: ArrayLike<number>, y: ArrayLike<number>, scale: number): number {
  const mean = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let t = 0;
    for (let i = 0; i < a.length; i += 2) for (let j = 0; j < b.length; j += 2) t += kernel((a[i] - b[j]) ** 2 + (a[i + 1] - b[j + 1]) ** 2, scale);
    return t / ((a.length / 2) * (b.length / 2));
  };
  return mean(x, x) + mean(y, y) - 2 * mean(x, y);
}

const uniformSquare = (rng: Rng, n: number, half: number) => Float64Array.from({ length: 2 * n }, () => (2 * rng.uniform() - 1) * half);

describe('FKC metrics', () => {
  it('bandwidths are 10^linspace(−2, 0, 10)', () => {
    expect(FKC_BANDWIDTHS).toHaveLength(10);
    expect(FKC_BANDWIDTHS[0]).toBeCloseTo(0.01, 15);
    expect(FKC_BANDWIDTHS[9]).toBeCloseTo(1, 15);
    expect(FKC_BANDWIDTHS[1]).toBeCloseTo(10 ** (-2 + 2 / 9), 15);
  });

  it('MMD² is 0 between a set and itself and matches hand-computed values on tiny sets', () => {
    const rng = new Rng(1, 'fkc-mmd');
    const a = uniformSquare(rng, 200, 40);
    expect(Math.abs(fkcMmd(a, a))).toBeLessThan(1e-12);
    // One point each, distance d (scale 1): 10 + 10 − 2 Σ_s exp(−d²/2s²).
    for (const d of [0.005, 0.05, 0.3, 1]) expect(fkcMmd([0, 0], [d, 0], { scale: 1 })).toBeCloseTo(20 - 2 * kernel(d * d, 1), 12);
    // Two points vs one, in data units with the default scale 50: by the V-statistic formula.
    const [x, y] = [[0, 0, 3, 4], [10, 0]];
    const kxx = (2 * 10 + 2 * kernel(25, 50)) / 4;
    const kxy = (kernel(100, 50) + kernel(49 + 16, 50)) / 2;
    expect(fkcMmd(x, y)).toBeCloseTo(kxx + 10 - 2 * kxy, 12);
  });

  it('MMD² with the underflow cut-off equals the plain sum over all kernels and pairs', () => {
    const rng = new Rng(2, 'fkc-mmd-cut');
    const [x, y] = [uniformSquare(rng, 300, 40), uniformSquare(rng, 250, 45)];
    expect(Math.abs(fkcMmd(x, y) - plainMmd(x, y, 50))).toBeLessThan(1e-12);
    expect(fkcMmd(x, y, { yy: fkcMmdSelfTerm(y) })).toBe(fkcMmd(x, y));
    const near = x.map((v) => v * 0.01); // every pair inside every kernel: nothing cut
    expect(Math.abs(fkcMmd(near, y, { scale: 1 }) - plainMmd(near, y, 1))).toBeLessThan(1e-12);
  });

  it('TV is 0 between a set and itself, 1 on disjoint bins, and drops points outside the box', () => {
    const rng = new Rng(3, 'fkc-tv');
    const ref = uniformSquare(rng, 1000, 40);
    expect(fkcTv(ref, ref)).toBe(0);
    const corners = [0, 0, 1, 1]; // box [0,1]², points in bins (0,0) and (199,199)
    expect(fkcTv([0.5, 0.5, 0.5, 0.5], corners)).toBe(1);
    expect(fkcTv([0, 0, 0.5, 0.5], corners)).toBeCloseTo(0.5, 15);
    // A point outside the box is dropped and the rest renormalised: same as without it.
    expect(fkcTv([0, 0, 1, 1, 5, 5], corners)).toBe(0);
    expect(fkcTv([5, 5], corners)).toBe(1);
    // Right and top edges belong to the last bins (numpy's convention).
    expect(fkcTv([1, 1], [0, 0, 1, 1, 1, 1])).toBeCloseTo(1 / 3, 15);
  });

  it('W1 and W2 of a set and its translate by d are |d|', () => {
    const rng = new Rng(4, 'fkc-w');
    const x = uniformSquare(rng, 300, 40);
    const moved = x.map((v, k) => v + (k % 2 ? -2.4 : 1.8)); // |d| = 3
    expect(fkcW1(x, moved)).toBeCloseTo(3, 9);
    expect(fkcW2(x, moved)).toBeCloseTo(3, 9);
    expect(fkcW1(x, x)).toBe(0);
  });

  it('energy-W2 of a 1-D set and its shift is the shift squared (equal and unequal sizes)', () => {
    const rng = new Rng(5, 'fkc-energy');
    const f = rng.normals(new Float64Array(500));
    expect(fkcEnergyW2(f, f.map((v) => v + 0.7))).toBeCloseTo(0.49, 12);
    const twice = Float64Array.from([...f, ...f]); // the same empirical law, twice the points
    expect(fkcEnergyW2(f, twice.map((v) => v - 0.3))).toBeCloseTo(0.09, 12);
  });

  it('bundles all five, and the floor is the same five for the second reference draw', () => {
    const rng = new Rng(6, 'fkc-bundle');
    const [ref, second, samples] = [uniformSquare(rng, 200, 30), uniformSquare(rng, 200, 30), uniformSquare(rng, 200, 20)];
    const logp = (p: Float64Array) => Float64Array.from({ length: p.length / 2 }, (_, i) => -(p[2 * i] ** 2 + p[2 * i + 1] ** 2) / 100);
    const { value, floor } = fkcMetricsWithFloor({ points: samples, logp: logp(samples) }, { points: ref, logp: logp(ref) }, { points: second, logp: logp(second) });
    expect(value).toEqual(fkcMetrics({ points: samples, logp: logp(samples) }, { points: ref, logp: logp(ref) }));
    expect(floor.w1).toBeCloseTo(fkcW1(second, ref), 12);
    expect(floor.mmd).toBeCloseTo(fkcMmd(second, ref), 12);
    expect(floor.tv).toBe(fkcTv(second, ref));
    for (const k of ['w1', 'w2', 'mmd', 'tv', 'energyW2'] as const) expect(value[k]!).toBeGreaterThan(floor[k]!);
    expect(fkcMetrics({ points: samples }, { points: ref }).energyW2).toBeUndefined();
  });
});
