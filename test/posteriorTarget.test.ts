// The time-score target's posterior mean (train/posteriorTarget.ts): on a tiny reference set it is
// ∂ₜ log p̂_t(x) of the Gaussian-smoothed empirical law, checked by finite differences in t; with
// only the row's own x₀ it is the single-sample target; and a trainer step with it leaks nothing.
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { makeSde, SDE_NAMES } from '../src/sde.js';
import { DEFAULT_TRAIN_CONFIG, trainConfigFrom } from '../src/train/config.js';
import { dsmArrays } from '../src/train/loss.js';
import { posteriorTimeTarget } from '../src/train/posteriorTarget.js';
import { expectTimeScoreStepsLeakFree } from './support/timeScoreSteps.js';

/** log p̂_t(x) = log (1/M) Σ N(x; α_t x_m, σ_t² I), brute force in float64. */
function logEmpirical(sde: ReturnType<typeof makeSde>, pts: number[][], x: number[], t: number): number {
  const [a, s] = [sde.alpha(t), sde.sigma(t)];
  const dens = pts.map(([p1, p2]) => Math.exp(-((x[0] - a * p1) ** 2 + (x[1] - a * p2) ** 2) / (2 * s * s)) / (2 * Math.PI * s * s));
  return Math.log(dens.reduce((u, v) => u + v, 0) / pts.length);
}

describe('posterior-mean time-score target', () => {
  const rng = new Rng(5, 'posterior-target-test');
  const pts = [[-1.2, 0.3], [0.9, 0.8], [0.1, -1.1], [1.4, -0.2], [-0.5, 1.6]];
  const rows = [[0.2, 0.1, 0.3], [-0.9, 0.5, 0.6], [1.1, -0.4, 0.15], [0.4, 1.2, 0.8]]; // x₁, x₂, t

  for (const name of SDE_NAMES) {
    it(`equals ∂ₜ log p̂_t(x) of the smoothed empirical law (finite differences), ${name}`, () => {
      const sde = makeSde(name);
      const n = rows.length;
      const xt = Float32Array.from(rows.flatMap((r) => [r[0], r[1]]));
      const t = Float32Array.from(rows.map((r) => r[2]));
      // Row i's own x₀ is pts[i] for the first two (in the reference's head), pts[4] for the others (appended).
      const x0 = Float32Array.from([...pts[0], ...pts[1], ...pts[4], ...pts[4]]);
      const ref = Float32Array.from(pts.slice(0, 4).flat());
      const target = new Float32Array(n);
      posteriorTimeTarget({ sde, xt, x0, t, ref, selfCount: 2, target });
      rows.forEach((r, i) => {
        const set = i < 2 ? pts.slice(0, 4) : pts;
        const h = 1e-5;
        const fd = (logEmpirical(sde, set, r, r[2] + h) - logEmpirical(sde, set, r, r[2] - h)) / (2 * h);
        expect(target[i]).toBeCloseTo(fd, 2);
        expect(Math.abs(target[i] - fd)).toBeLessThan(1e-3 * Math.max(1, Math.abs(fd)));
      });
    });
  }

  it('with only the row’s own x₀ as reference, is the single-sample target', () => {
    const sde = makeSde('vp');
    const n = 64;
    const x0 = rng.normals(new Float32Array(2 * n));
    const z = rng.normals(new Float32Array(2 * n));
    const t = new Float32Array(n).map(() => 0.01 + 0.99 * rng.uniform());
    const a = dsmArrays(sde, x0, t, z, { weighting: 'sigma2', timeScore: true });
    const target = new Float32Array(n);
    posteriorTimeTarget({ sde, xt: a.xt, x0, t, ref: new Float32Array(0), selfCount: 0, target });
    for (let i = 0; i < n; i++) expect(target[i]).toBeCloseTo(a.target![i], 2);
  });

  it('a trainer with --time-score-reference steps without leaking tensors, and the config keeps the knob', () => {
    const cfg = trainConfigFrom({ dataset: 'eight-gaussians', hidden: [16, 16], steps: 2, timeScoreSteps: 3, batch: 32, timeScoreReference: 48 });
    expect(cfg.timeScorePhase!.reference).toBe(48);
    expect(DEFAULT_TRAIN_CONFIG.timeScorePhase!.reference).toBe(256); // the default recipe's target
    expect('reference' in trainConfigFrom({ timeScoreSteps: 5, timeScoreReference: 0 }).timeScorePhase!).toBe(false); // R = 0 checkpoints keep their bytes
    expectTimeScoreStepsLeakFree(cfg);
  });
});
