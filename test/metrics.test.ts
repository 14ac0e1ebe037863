// Metrics against known truth: zero on identical sets, the closed-form energy distance of
// shifted 1D Gaussians, exact sliced-W2 of a shift, mode weights of constructed sets, weighted
// scores equal to the expectation over resamplings, floors that shrink with n, and the
// potential-mass diagnostic reading zero on the exact potential.
import { describe, expect, it } from 'vitest';
import { doubleWellV, getDataset } from '../src/data/datasets.js';
import { builtinSource } from '../src/data/source.js';
import { energyDistance, mmd2, precisionRecall, slicedW2, wasserstein1d } from '../src/metrics/distances.js';
import { modeWeightError, modeWeights, modesCovered, targetModeWeights } from '../src/metrics/modes.js';
import { evaluateSamples } from '../src/metrics/report.js';
import { exactModeMasses, massErrors, normalCdf } from '../src/metrics/potentialMasses.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { resampleBy } from './support/resample.js';

function gaussianLine(n: number, mu: number, seed: number): Float32Array {
  const z = new Rng(seed).normals(new Float64Array(n));
  const p = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) p[2 * i] = mu + z[i];
  return p;
}

/** E|Z| for Z ~ N(μ, s²). */
const meanAbs = (mu: number, s: number) => s * Math.sqrt(2 / Math.PI) * Math.exp(-(mu * mu) / (2 * s * s)) + mu * (1 - 2 * normalCdf(-mu / s));

describe('distances', () => {
  const a = gaussianLine(2000, 0, 1);

  it('are zero between a set and itself', () => {
    expect(Math.abs(mmd2({ points: a }, { points: a }))).toBeLessThan(1e-9);
    expect(Math.abs(energyDistance({ points: a }, { points: a }))).toBeLessThan(1e-9);
    expect(slicedW2({ points: a }, { points: a })).toBeLessThan(1e-9);
  });

  it('energy distance of N(0,1) vs N(μ,1) matches 2E|N(μ,2)| − 2E|N(0,2)|, and MMD grows with μ', () => {
    let lastMmd = 0;
    for (const mu of [0.25, 0.5, 1, 2]) {
      const b = gaussianLine(2000, mu, 2);
      const exact = 2 * meanAbs(mu, Math.SQRT2) - 2 * meanAbs(0, Math.SQRT2);
      expect(energyDistance({ points: b }, { points: a })).toBeCloseTo(exact, 1);
      const m = mmd2({ points: b }, { points: a });
      expect(m).toBeGreaterThan(lastMmd);
      lastMmd = m;
    }
  });

  it('W2 of a shift is the shift; sliced W2 of a shift (c, 0) is c/√2', () => {
    const x = Float64Array.from([0, 1, 5, 2]);
    const w = [0.25, 0.25, 0.25, 0.25];
    expect(wasserstein1d(x, w, x.map((v) => v + 3), w)).toBeCloseTo(9, 12);
    const shifted = a.map((v, i) => (i % 2 === 0 ? v + 1.5 : v));
    // SW2² = E_θ[(1.5·cos θ)²] = 1.5²/2 over uniform directions (256 of them: within 2%).
    expect(slicedW2({ points: shifted }, { points: a }, 1024) / (1.5 / Math.SQRT2)).toBeCloseTo(1, 1);
  });

  it('precision/recall: ≈ 1 on the same law; precision halves when half the samples are off the data', () => {
    const b = gaussianLine(1000, 0, 3);
    const same = precisionRecall({ points: b }, a.slice(0, 2000));
    expect(same.precision).toBeGreaterThan(0.95);
    expect(same.recall).toBeGreaterThan(0.95);
    const half = b.map((v, i) => (i % 2 === 1 && i < 1000 ? v + 20 : v)); // 500 of 1000 moved far away
    expect(precisionRecall({ points: half }, a.slice(0, 2000)).precision).toBeCloseTo(0.5, 1);
  });
});

describe('mode metrics', () => {
  const ds = getDataset('eight-gaussians-imbalanced');
  it('constructed sets: points at the centres in known counts', () => {
    const counts = [1, 2, 3, 4, 5, 6, 7, 8]; // exactly (k+1)/36 of 36 points
    const pts: number[] = [];
    counts.forEach((c, k) => {
      for (let i = 0; i < c; i++) pts.push(...ds.mixture!.means[k]);
    });
    const pi = ds.mixture!.weights;
    const w = modeWeights(Float32Array.from(pts), ds.modes!);
    expect(modeWeightError(w, pi)).toBeLessThan(1e-6);
    expect(modesCovered(w, pi)).toBe(8);
    const lopsided = modeWeights(Float32Array.from(ds.mixture!.means[7]), ds.modes!);
    // All mass in mode 7 (π = 8/36): error = (1 − 8/36) + (1 − 8/36) = 2·28/36.
    expect(modeWeightError(lopsided, pi)).toBeCloseTo(56 / 36, 10);
    expect(modesCovered(lopsided, pi)).toBe(1);
  });

  it('double-well assigns by the sign of x', () => {
    const dw = getDataset('double-well').modes!;
    expect(modeWeights(Float32Array.from([-0.1, 5, 0, -3, 2, 0]), dw)).toEqual([1 / 3, 2 / 3]);
  });
});

describe('annealed targets', () => {
  it('double-well: the masses of p^β are the integral of e^{−βV}, not π^β (left well 0.1251 at β = 2, 0.3932 at β = 0.5)', () => {
    const modes = getDataset('double-well').modes!;
    // An independent Simpson's rule on [−6, 6] with 24 000 intervals.
    const left = (beta: number) => {
      const n = 24_000;
      const h = 12 / n;
      let [l, all] = [0, 0];
      for (let i = 0; i <= n; i++) {
        const x = -6 + i * h;
        const w = (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-beta * doubleWellV(x));
        all += w;
        if (x < 0) l += w;
      }
      return l / all;
    };
    expect(targetModeWeights(modes, 1)).toEqual(modes.weights);
    for (const beta of [0.5, 2, 3]) expect(targetModeWeights(modes, beta)[0]).toBeCloseTo(left(beta), 3);
    expect(targetModeWeights(modes, 2)[0]).toBeCloseTo(0.1251, 4);
    expect(targetModeWeights(modes, 0.5)[0]).toBeCloseTo(0.3932, 4);
    // π^β would say 0.134 at β = 2: off by 0.009 per well.
    const piBeta = modes.weights[0] ** 2 / (modes.weights[0] ** 2 + modes.weights[1] ** 2);
    expect(Math.abs(piBeta - targetModeWeights(modes, 2)[0])).toBeGreaterThan(0.008);
  });

  it('separated mixtures of one shape: close to πₖ^β/Σπ^β, their limit (within 1e-4 at β = 2)', () => {
    const ds = getDataset('eight-gaussians-imbalanced');
    const t = targetModeWeights(ds.modes!, 2);
    const raw = ds.mixture!.weights.map((w) => w * w);
    t.forEach((v, k) => expect(Math.abs(v - raw[k] / raw.reduce((a, b) => a + b, 0))).toBeLessThan(1e-4));
  });
});

describe('weighted scoring', () => {
  it('equals the mean over resamplings: exactly for linear metrics, to O(1/n) for V-statistics', () => {
    const ds = getDataset('eight-gaussians-imbalanced');
    const rng = new Rng(5);
    const n = 200;
    const x = ds.sample(rng, n);
    const logw = Array.from({ length: n }, () => 2 * rng.normal());
    const lse = Math.log(logw.reduce((s, l) => s + Math.exp(l), 0));
    const w = logw.map((l) => Math.exp(l - lse));
    const ref = ds.sample(new Rng(6), 400);
    const weighted = { mw: modeWeights(x, ds.modes!, w), mmd: mmd2({ points: x, weights: w }, { points: ref }), prec: precisionRecall({ points: x, weights: w }, ref).precision };
    const R = 100;
    const mean = { mw: new Array(8).fill(0), mmd: 0, prec: 0 };
    for (let r = 0; r < R; r++) {
      const idx = resampleBy(logw, 'multinomial', rng);
      const y = Float32Array.from(Array.from(idx).flatMap((i) => [x[2 * i], x[2 * i + 1]]));
      modeWeights(y, ds.modes!).forEach((v, k) => (mean.mw[k] += v / R));
      mean.mmd += mmd2({ points: y }, { points: ref }) / R;
      mean.prec += precisionRecall({ points: y }, ref).precision / R;
    }
    mean.mw.forEach((v, k) => expect(v).toBeCloseTo(weighted.mw[k], 2));
    expect(mean.prec).toBeCloseTo(weighted.prec, 2);
    // E[MMD²(resampled)] − MMD²(w) = (1/n)(Σwᵢk(0) − Σwᵢwⱼkᵢⱼ) ≥ 0: a small positive bias.
    expect(mean.mmd - weighted.mmd).toBeGreaterThan(-1e-3);
    expect(mean.mmd - weighted.mmd).toBeLessThan(5 / n);
  });

  it('floors shrink with the sample size', () => {
    const ds = getDataset('eight-gaussians');
    const floorAt = (n: number) => evaluateSamples({ points: ds.sample(new Rng(1), n) }, ds).find((r) => r.metric.startsWith('MMD'))!.floor!;
    expect(floorAt(2000)).toBeLessThan(0.6 * floorAt(300));
  });
});

describe('potential-mass diagnostic', () => {
  it('reads zero on the exact potential (mixtures)', () => {
    const name = 'eight-gaussians-imbalanced';
    const src = builtinSource(name);
    const sde = makeSde('vp');
    const exact = new ExactPotential(standardizeMixture(getDataset(name).mixture!, src.standardization), sde);
    for (const r of massErrors(exact, getDataset(name), sde, src.standardization, [0.5, 0.05, 0.005], { half: 4, size: 120 })) {
      expect(r.error).toBeLessThan(1e-9);
      // At small t the masses are the mixture weights; at t = 0.5 neighbours overlap.
      if (r.t === 0.005) r.exact.forEach((m, k) => expect(m).toBeCloseTo(getDataset(name).modes!.weights[k], 3));
    }
  });

  it('double-well exact masses: the data weight 0.282435 on the left as t → 0, Φ(b) at t = 1', () => {
    const ds = getDataset('double-well');
    const std = builtinSource('double-well').standardization;
    const sde = makeSde('vp');
    expect(exactModeMasses(ds, sde, 1e-4, std)[0]).toBeCloseTo(0.282435, 3);
    // At t = 1 (VP) x_t ≈ N(0, 1) in standardised units: P(x < b), b = −mean/scale.
    expect(exactModeMasses(ds, sde, 1, std)[0]).toBeCloseTo(normalCdf(-std.mean[0] / std.scale), 2);
  });

  it('exact masses are remembered per dataset, SDE, time and frame, and a caller cannot change what is remembered', () => {
    const ds = getDataset('eight-gaussians-imbalanced');
    const std = builtinSource('eight-gaussians-imbalanced').standardization;
    const first = exactModeMasses(ds, makeSde('vp'), 0.05, std, { half: 4, size: 40 });
    const kept = first.slice();
    first.fill(0);
    expect(exactModeMasses(ds, makeSde('vp'), 0.05, std, { half: 4, size: 40 })).toEqual(kept);
    // Another SDE's masses at the same t are not the remembered ones.
    expect(exactModeMasses(ds, makeSde('ve'), 0.05, std, { half: 4, size: 40 })).not.toEqual(kept);
  });
});
