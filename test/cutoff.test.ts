// The weights' cut-off (docs/math.md §4c): a noise level σ_t/α_t, the same under every SDE,
// turned into a time per SDE; measured from a checkpoint's mode masses or taken from its recipe;
// and a time grid that has a node at it.
import { describe, expect, it } from 'vitest';
import type { ModelMeta } from '../src/checkpointSchema.js';
import { getDataset } from '../src/data/datasets.js';
import { builtinSource } from '../src/data/source.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import {
  cutoffFromMasses,
  cutoffOf,
  defaultTOff,
  DSM_CUTOFF,
  measureMasses,
  NOISE_LADDER,
  noiseLevel,
  TIME_SCORE_CUTOFF,
  timeAtNoise,
} from '../src/sampling/cutoff.js';
import { timeGrid } from '../src/sampling/grid.js';
import { sample } from '../src/sampling/sample.js';
import { makeSde } from '../src/sde.js';

/** A checkpoint fine-tuned by --resume before the recipe (no phase record), `timeScoreSteps` of them with the time score. */
const meta = (timeScoreSteps: number, cutoff?: ModelMeta['cutoff']) => ({ training: { step: 11000, timeScoreSteps, config: {} }, cutoff }) as unknown as ModelMeta;
/** A default-recipe run saved at `step` (its time-score phase is 6000–11000). */
const recipeAt = (step: number) =>
  ({ training: { step, timeScoreSteps: Math.max(0, step - 6000), config: { steps: 11000, timeScorePhase: { start: 6000, lr: 2e-4, lrFinalFraction: 0.05, weight: 0.1 } } } }) as unknown as ModelMeta;

describe('cut-off as a noise level', () => {
  it('timeAtNoise inverts σ_t/α_t under vp, subvp and ve', () => {
    for (const name of ['vp', 'subvp', 've']) {
      const sde = makeSde(name);
      for (const nu of NOISE_LADDER) {
        const t = timeAtNoise(sde, nu);
        if (t > sde.tMin && t < 1) expect(noiseLevel(sde, t) / nu).toBeCloseTo(1, 9);
      }
    }
  });

  it('the recipe cut-offs are the VP times 0.2 (DSM alone) and 0.02 (time-score); under VE the same noise is reached much later', () => {
    const [vp, ve] = [makeSde('vp'), makeSde('ve')];
    expect(defaultTOff([meta(0)], vp)).toBe(0.2);
    expect(defaultTOff([meta(5000)], vp)).toBe(0.02);
    // VE: σ(t) = 0.01·400^t = 0.72 at t = ln 72 / ln 400 ≈ 0.714; a time cut-off of 0.2 would be σ ≈ 0.033.
    expect(defaultTOff([meta(0)], ve)).toBeCloseTo(Math.log(DSM_CUTOFF / 0.01) / Math.log(400), 2);
    for (const m of [meta(0), meta(5000)]) {
      const nu = cutoffOf(m).noise;
      expect(noiseLevel(ve, defaultTOff([m], ve)) / nu).toBeCloseTo(1, 2);
      expect(noiseLevel(vp, defaultTOff([m], vp)) / nu).toBeCloseTo(1, 2);
    }
  });

  it('without a measurement, the time-score cut-off needs the time-score phase done', () => {
    const vp = makeSde('vp');
    expect(defaultTOff([recipeAt(11000)], vp)).toBe(0.02);
    expect(defaultTOff([recipeAt(6001)], vp)).toBe(0.2); // a save one step into it has DSM's masses
    expect(defaultTOff([meta(10)], vp)).toBe(0.2); // a fine-tune far shorter than any measured
    // --time-score-from 1000 in one 3000-step phase: done once its 2000 steps with the term are.
    const early = (timeScoreSteps: number) =>
      ({ training: { step: 3000, timeScoreSteps, config: { steps: 3000, timeScoreFrom: 1000, timeScorePhase: { start: 3000, lr: 2e-4, lrFinalFraction: 0.05, weight: 0.1 } } } }) as unknown as ModelMeta;
    expect([defaultTOff([early(2000)], vp), defaultTOff([early(1999)], vp)]).toEqual([0.02, 0.2]);
  });

  it('a measured cut-off is the lowest level down to which every mass error is within 0.02; a product takes the most cautious', () => {
    const at = (errors: number[]) => NOISE_LADDER.map((noise, i) => ({ noise, t: 0, error: errors[i] }));
    expect(cutoffFromMasses(at([0.002, 0.003, 0.032, 0.076, 0.147, 0.236]))).toBe(NOISE_LADDER[1]);
    expect(cutoffFromMasses(at([0.002, 0.001, 0.003, 0.01, 0.015, 0.046]))).toBe(NOISE_LADDER[4]);
    // A good level below a bad one does not count: the weights act on every step above the cut-off.
    expect(cutoffFromMasses(at([0.002, 0.05, 0.003, 0.001, 0.001, 0.001]))).toBe(NOISE_LADDER[0]);
    // Never below the time-score floor, however good the masses are there.
    expect(cutoffFromMasses(at([0, 0, 0, 0, 0, 0]))).toBe(TIME_SCORE_CUTOFF);
    const measured = meta(0, { noise: NOISE_LADDER[4], rule: 'measured' });
    expect(cutoffOf(measured).noise).toBe(NOISE_LADDER[4]);
    expect(defaultTOff([measured, meta(0)], makeSde('vp'))).toBe(0.2);
    expect(TIME_SCORE_CUTOFF).toBeLessThan(DSM_CUTOFF);
  });

  it('the exact potential has the right masses at every level: its measured cut-off is the lowest', () => {
    const name = 'eight-gaussians-imbalanced';
    const src = builtinSource(name);
    const sde = makeSde('ve');
    const exact = new ExactPotential(standardizeMixture(getDataset(name).mixture!, src.standardization), sde);
    const masses = measureMasses({ potential: exact, dataset: getDataset(name), sde, standardization: src.standardization });
    expect(masses.map((m) => m.noise)).toEqual(NOISE_LADDER);
    expect(Math.max(...masses.map((m) => m.error))).toBeLessThan(1e-6);
    expect(cutoffFromMasses(masses)).toBe(TIME_SCORE_CUTOFF);
  });
});

describe('a time grid with a node at the cut-off', () => {
  it('moves the nearest interior time onto it and stays decreasing', () => {
    const plain = timeGrid(20, 1e-3);
    const g = timeGrid(20, 1e-3, 'uniform', 0.02);
    expect(g).toContain(0.02);
    expect(g.filter((t, k) => t !== plain[k])).toHaveLength(1);
    for (let k = 1; k < g.length; k++) expect(g[k]).toBeLessThan(g[k - 1]);
    expect([g[0], g[20]]).toEqual([1, 1e-3]);
    expect(timeGrid(20, 1e-3, 'uniform', 1e-4)).toEqual(plain); // outside (t_min, 1): unchanged
  });

  it('so that cut-offs between two nodes no longer give the same run', async () => {
    const name = 'eight-gaussians-imbalanced';
    const src = builtinSource(name);
    const sde = makeSde('vp');
    const exact = new ExactPotential({ ...standardizeMixture(getDataset(name).mixture!, src.standardization) }, sde);
    const run = (tOff: number) => sample({ potential: exact, sde, sampler: 'wfr', n: 300, steps: 20, seed: 3, tOff });
    const [a, b] = [await run(0.05), await run(0.02)];
    expect(a.trace.t).toContain(0.05);
    expect(b.trace.t).toContain(0.02);
    expect(b.points).not.toEqual(a.points);
  });
});
