// Samplers against the exact potential of eight-gaussians-imbalanced (no training involved).
// Numbers the design's prototype measured (N = 4000) and this code measured (N = 2000, seeds
// 1–3) are quoted next to each threshold. Mode-weight error Σₖ|ŵₖ − πₖ| has a sampling floor
// of ≈ 0.04 at N = 2000 (8 modes, each with s.e. √(π(1−π)/N) ≈ 0.007).
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { unstandardize } from '../src/data/standardize.js';
import { annealedModeWeights, modeWeightError, modeWeights } from '../src/metrics/modes.js';
import { ExactPotential, exactMixturePotential } from '../src/model/exact.js';
import type { Potential, PotentialValues } from '../src/model/potential.js';
import { SumPotential } from '../src/model/potential.js';
import { evaluateInBlocks, sample, type SampleOptions } from '../src/sampling/sample.js';
import { makeSde } from '../src/sde.js';

const sde = makeSde('vp');
const { dataset: ds, standardization, mixture, potential: exact } = exactMixturePotential('eight-gaussians-imbalanced', sde);
const src = { standardization };
const pi = ds.modes!.weights;

async function modeError(o: Omit<SampleOptions, 'sde' | 'seed'>, seeds = [1, 2, 3], target = pi): Promise<number> {
  let total = 0;
  for (const seed of seeds) {
    const r = await sample({ sde, seed, ...o });
    total += modeWeightError(modeWeights(unstandardize(r.points, src.standardization), ds.modes!, r.weights), target);
  }
  return total / seeds.length;
}

/** U + ε·sin(a·x₁)·(1 + t): no longer a solution of the Fokker–Planck equation. */
function perturbed(p: Potential, eps: number, a = 2): Potential {
  return {
    evaluate(x, t, need = {}) {
      if (typeof t !== 'number') throw new Error('scalar t only');
      const v = p.evaluate(x, t, need);
      const x1 = x.slice([0, 0], [-1, 1]).reshape([-1]);
      const s = tf.sin(x1.mul(a));
      const out: PotentialValues = {
        u: v.u.add(s.mul(eps * (1 + t))) as tf.Tensor1D,
        grad: v.grad.add(tf.stack([tf.cos(x1.mul(a)).mul(eps * a * (1 + t)), tf.zerosLike(x1)], 1)) as tf.Tensor2D,
      };
      if (v.lap) out.lap = v.lap.sub(s.mul(eps * a * a * (1 + t))) as tf.Tensor1D;
      if (v.dt) out.dt = v.dt.add(s.mul(eps)) as tf.Tensor1D;
      return out;
    },
  };
}

describe('samplers with the exact potential', () => {
  it('em with enough steps recovers the mode weights (measured 0.035 at K = 500)', async () => {
    expect(await modeError({ potential: exact, sampler: 'em', n: 2000, steps: 300 })).toBeLessThan(0.06);
  });

  it('the probability-flow ODE transports the prior to the right law', async () => {
    const r = await sample({ potential: exact, sde, sampler: 'ode-heun', n: 2000, steps: 100, seed: 1 });
    const pts = unstandardize(r.points, src.standardization);
    expect(modeWeightError(modeWeights(pts, ds.modes!), pi)).toBeLessThan(0.08); // measured 0.032
    // Spread around the assigned centre matches the component std 0.5/√2 ≈ 0.354.
    let ss = 0;
    for (let i = 0; i < 2000; i++) {
      const c = ds.mixture!.means[ds.modes!.assign(pts[2 * i], pts[2 * i + 1])];
      ss += (pts[2 * i] - c[0]) ** 2 + (pts[2 * i + 1] - c[1]) ** 2;
    }
    expect(Math.sqrt(ss / 4000) / ds.mixture!.std).toBeCloseTo(1, 1);
  });

  it('β = 1: G is the same for every particle (spread ~1e-6), and is not when U is perturbed', async () => {
    const r = await sample({ potential: exact, sde, sampler: 'fk', n: 500, steps: 20, seed: 1 });
    // Terms of G are of size 1–40; their sum agrees across particles to float32 rounding.
    expect(Math.max(...r.trace.gSpread)).toBeLessThan(1e-3);
    const bad = await sample({ potential: perturbed(exact, 0.1), sde, sampler: 'fk', n: 500, steps: 20, seed: 1 });
    expect(Math.max(...bad.trace.gSpread)).toBeGreaterThan(0.05);
  });

  it('with the exact potential fk returns the em samples unchanged', async () => {
    const a = await sample({ potential: exact, sde, sampler: 'em', n: 500, steps: 20, seed: 4 });
    const b = await sample({ potential: exact, sde, sampler: 'fk', n: 500, steps: 20, seed: 4 });
    expect(b.resampleCount).toBe(0);
    expect(b.points).toEqual(a.points);
  });

  it('annealed β = 2: wfr matches πₖ²/Σπ² where em with the β-scaled score does not, and fk reports its ESS collapse', async () => {
    const target = annealedModeWeights(pi, 2);
    const common = { potential: exact, n: 2000, steps: 20, beta: 2 };
    const wfr = await modeError({ ...common, sampler: 'wfr' }, [1, 2, 3], target); // measured 0.050 (exact ρ̂: 0.038)
    const em = await modeError({ ...common, sampler: 'em' }, [1, 2, 3], target); // measured 0.227
    expect(wfr).toBeLessThan(0.08);
    expect(wfr).toBeLessThan(0.35 * em);
    // Without the reaction (α → 0, still resampling every step) the error is ~1.4: this is the
    // test that fails if the reaction term is removed or its sign flipped.
    const noReaction = await modeError({ ...common, sampler: 'wfr', alpha: 1e-6 }, [1], target);
    expect(noReaction).toBeGreaterThan(3 * wfr);
    const fk = await sample({ ...common, sde, sampler: 'fk', seed: 1 });
    expect(Math.min(...fk.trace.ess)).toBeLessThan(0.05 * 2000);
    expect(fk.warnings.join()).toMatch(/fk alone at β ≠ 1 tends to collapse.*weights collapsed/);
  });

  it('few steps: wfr at K = 20 beats em at K = 20 (prototype .066 → .020; here, 6 seeds, .069 → .027)', async () => {
    const seeds = [4, 5, 6, 7, 8, 9];
    const em = await modeError({ potential: exact, sampler: 'em', n: 2000, steps: 20 }, seeds);
    const wfr = await modeError({ potential: exact, sampler: 'wfr', n: 2000, steps: 20 }, seeds);
    expect(wfr).toBeLessThan(0.7 * em);
  });

  it('wfr corrects the mode weights of a mis-weighted drift (uniform instead of (k+1)/36)', async () => {
    const biased = new ExactPotential({ ...mixture, weights: mixture.weights.map(() => 1 / 8) }, sde);
    const common = { potential: exact, drift: biased, n: 2000, steps: 20 };
    const em = await modeError({ ...common, sampler: 'em' }); // measured 0.459 (prototype 0.444)
    const wfr = await modeError({ ...common, sampler: 'wfr' }); // measured 0.024 (prototype 0.024)
    expect(em).toBeGreaterThan(0.3);
    expect(wfr).toBeLessThan(0.25 * em);
  });

  it('product of experts: wfr samples exp(−U¹ − U²), mode weights ∝ π¹ₖπ²ₖ', async () => {
    // Same centres and spreads, weights (k+1)/36 and (8−k)/36: for well-separated equal
    // components the product's mode weights are ∝ (k+1)(8−k).
    const reversed = new ExactPotential({ ...mixture, weights: mixture.weights.slice().reverse() }, sde);
    const product = new SumPotential([exact, reversed]);
    const raw = pi.map((w, k) => w * pi[7 - k]);
    const target = raw.map((w) => w / raw.reduce((a, b) => a + b, 0));
    const err = await modeError({ potential: product, sampler: 'wfr', n: 2000, steps: 30 }, [1, 2], target);
    expect(err).toBeLessThan(0.08);
  });

  it('the same seed gives identical samples; a different seed does not', async () => {
    const o = { potential: exact, sde, sampler: 'wfr', n: 300, steps: 10 };
    const a = await sample({ ...o, seed: 7 });
    const b = await sample({ ...o, seed: 7 });
    const c = await sample({ ...o, seed: 8 });
    expect(b.points).toEqual(a.points);
    expect(c.points).not.toEqual(a.points);
  });

  it('evaluating in row blocks (bounded memory at large N) gives exactly the one-block values, without leaks', () => {
    const x = tf.tensor2d(Float32Array.from({ length: 46 }, (_, i) => Math.sin(i) * 2), [23, 2]);
    const before = tf.memory().numTensors;
    for (const need of [{}, { lap: true, dt: true }]) {
      const [whole, blocks] = [evaluateInBlocks(exact, x, 0.3, need), evaluateInBlocks(exact, x, 0.3, need, 5)];
      for (const k of ['u', 'grad', 'lap', 'dt'] as const) {
        expect(blocks[k] === undefined, k).toBe(whole[k] === undefined);
        if (whole[k]) expect(Array.from(blocks[k]!.dataSync()), k).toEqual(Array.from(whole[k]!.dataSync()));
      }
      tf.dispose([whole, blocks].flatMap((v) => [v.u, v.grad, v.lap ?? [], v.dt ?? []]));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('no tensor leaks across a sampling run, for every sampler', async () => {
    for (const sampler of ['em', 'ode', 'ode-heun', 'pc', 'fk', 'wfr']) {
      const before = tf.memory().numTensors;
      await sample({ potential: exact, sde, sampler, n: 200, steps: 5, seed: 1 });
      await sample({ potential: exact, sde, sampler: 'em', corrector: 'wfr', n: 200, steps: 5, seed: 1 });
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('keep-weights returns normalised weights; bad options are errors naming the flag', async () => {
    const r = await sample({ potential: exact, sde, sampler: 'fk', n: 200, steps: 5, seed: 1, keepWeights: true });
    expect(r.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    await expect(sample({ potential: exact, sde, sampler: 'nope', n: 10, steps: 5, seed: 1 })).rejects.toThrow(/--sampler must be one of em, ode, ode-heun, pc, fk, wfr, got 'nope'/);
    await expect(sample({ potential: exact, sde, sampler: 'em', n: 0, steps: 5, seed: 1 })).rejects.toThrow(/--n must be an integer ≥ 1, got 0/);
    await expect(sample({ potential: exact, sde, sampler: 'em', n: 10, steps: -1, seed: 1 })).rejects.toThrow(/--steps/);
    await expect(sample({ potential: exact, sde, sampler: 'wfr', n: 10, steps: 5, seed: 1, alpha: -1 })).rejects.toThrow(/--alpha must be a finite number ≥ 0, got -1/);
    await expect(sample({ potential: exact, sde, sampler: 'em', n: 10, steps: 5, seed: 1.5 })).rejects.toThrow(/--seed must be an integer in \[0, 4294967295\], got 1.5/);
    await expect(sample({ potential: exact, sde, sampler: 'fk', n: 10, steps: 5, seed: 1, tOff: 2 })).rejects.toThrow(/--t-off must be a finite number in \[0, 1\], got 2/);
  });

  it('non-finite weights are reported with the step where they appeared', async () => {
    const nanAt = (p: Potential): Potential => ({
      evaluate(x, t, need) {
        const v = p.evaluate(x, t as number, need);
        return (t as number) < 0.5 ? { ...v, u: v.u.mul(NaN) } : v;
      },
    });
    await expect(sample({ potential: nanAt(exact), sde, sampler: 'wfr', n: 100, steps: 10, seed: 1 })).rejects.toThrow(
      /non-finite at step 6 \(t = 0\.4/,
    );
  });
});

describe('what a watcher is told after each step (the page draws trails and ancestry from it)', () => {
  it('resampling reports the weights before it and the parents; ancestors follow the parents', async () => {
    const seen: { ancestors: Int32Array; resampled?: { weights: Float64Array; parents: Int32Array } }[] = [];
    const r = await sample({ potential: exact, sde, sampler: 'fk', n: 300, steps: 12, seed: 4, beta: 2, onStep: (s) => void seen.push({ ancestors: Int32Array.from(s.ancestors), resampled: s.resampled }) });
    const resampledSteps = seen.filter((s) => s.resampled);
    expect(resampledSteps.length).toBe(r.trace.resampled.filter(Boolean).length);
    expect(resampledSteps.length).toBeGreaterThan(0);
    let prev: Int32Array = Int32Array.from({ length: 300 }, (_, i) => i);
    for (const s of seen) {
      if (s.resampled) {
        expect(s.resampled.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
        // Heavy particles are copied: the chosen parents carry more than their share of the weight before.
        const parentMass = Array.from(s.resampled.parents, (p) => s.resampled!.weights[p]).reduce((a, b) => a + b, 0) / 300;
        expect(parentMass).toBeGreaterThan(1 / 300);
        expect(Array.from(s.ancestors)).toEqual(Array.from(s.resampled.parents, (p) => prev[p]));
      } else expect(Array.from(s.ancestors)).toEqual(Array.from(prev));
      prev = s.ancestors;
    }
  });
});
