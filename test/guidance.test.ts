// Guidance against known truth: the tilted law p(x|c)^w·p(x)^{1−w} of a built-in mixture (its
// cell masses against its exact rejection draws and the identities at w = 0 and 1), the exact
// class potential against the noised Gaussian's closed form, and the samplers — wfr toward the
// tilted path lands on the exact masses, guided em (classifier-free guidance) does not.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { annealedCellMasses } from '../src/data/mixture.js';
import { tiltedCellMasses, tiltedDataset } from '../src/data/tilted.js';
import { modeSummary, modeWeights } from '../src/metrics/modes.js';
import { exactModel } from '../src/model/exactModel.js';
import { exponentSpread, SumPotential } from '../src/model/potential.js';
import { generate, loadModels } from '../src/node/generate.js';
import { evaluateInBlocks } from '../src/sampling/sample.js';
import { Rng } from '../src/rng.js';
import { cli } from './support/cli.js';

const NAME = 'eight-gaussians-imbalanced';
const m = getDataset(NAME).mixture!;
const HALF = [0, 1, 2, 3];

/** E Σₖ|ŵₖ − πₖ| of N independent draws (normal approximation of the multinomial): the sampling floor. */
const floor = (pi: number[], n: number) => pi.reduce((s, p) => s + Math.sqrt((2 * p * (1 - p)) / (Math.PI * n)), 0);

describe('the tilted law of a mixture class', () => {
  it('w = 0 is p and w = 1 with every component is p: the cell masses of p itself', () => {
    const all = m.means.map((_, k) => k);
    const p = annealedCellMasses(m, 1);
    tiltedCellMasses(m, HALF, 0).forEach((v, k) => expect(v).toBeCloseTo(p[k], 6));
    tiltedCellMasses(m, all, 1).forEach((v, k) => expect(v).toBeCloseTo(p[k], 6));
  });

  it('its cell masses match its exact draws (rejection from p(x|c) or p) within Monte-Carlo error, at w = 0.5, 2 and 4', () => {
    for (const [cls, w] of [[[3], 0.5], [HALF, 2], [[0, 7], 4]] as [number[], number][]) {
      const law = tiltedDataset(NAME, m, cls, w);
      const n = 20_000;
      const est = modeWeights(law.sample(new Rng(5, 'tilted'), n), law.modes!);
      const exact = law.modes!.weights;
      // 4 standard errors per mode, and the masses sum to 1.
      est.forEach((v, k) => expect(Math.abs(v - exact[k])).toBeLessThan(4 * Math.sqrt((exact[k] * (1 - exact[k])) / n) + 1e-3));
      expect(exact.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('w > 1 pushes mass out of the other classes: the leak of class 3 into its neighbours shrinks with w', () => {
    const leak = (w: number) => 1 - tiltedCellMasses(m, [3], w)[3];
    expect(leak(0.5)).toBeGreaterThan(leak(1));
    expect(leak(1)).toBeGreaterThan(leak(2));
    expect(leak(2)).toBeGreaterThan(leak(4));
  });

  it('refuses what is not a class or not a weight, naming what exists', () => {
    expect(() => tiltedCellMasses(m, [8], 2)).toThrow(/component 8 does not exist; this mixture has components 0…7/);
    expect(() => tiltedCellMasses(m, [1, 1], 2)).toThrow(/listed twice/);
    expect(() => tiltedCellMasses(m, [1], -1)).toThrow(/--guidance must be a finite number ≥ 0/);
  });
});

describe('exact class-conditional potentials', () => {
  it('class k of an exact mixture is the noised Gaussian N(α_tμₖ, α_t²s² + σ_t²): U = ‖x − α_tμₖ‖²/(2v) + log 2πv', () => {
    const model = exactModel(`exact:${NAME}`, { frame: { mean: [0, 0], scale: 1 } });
    const t = 0.4;
    const [a, s] = [model.sde.alpha(t), model.sde.sigma(t)];
    const v = a * a * m.std * m.std + s * s;
    const pts = [0.3, -1, 2, 0.5, -1.5, 1];
    const x = tf.tensor2d(pts, [3, 2]);
    const vals = evaluateInBlocks(model.classes!.potential([5]), x, t, {});
    const [mx, my] = m.means[5];
    Array.from(vals.u.dataSync()).forEach((u, i) => {
      const d2 = (pts[2 * i] - a * mx) ** 2 + (pts[2 * i + 1] - a * my) ** 2;
      expect(u).toBeCloseTo(d2 / (2 * v) + Math.log(2 * Math.PI * v), 4);
    });
    expect(model.classes!.potential(null)).toBe(model.potential);
    tf.dispose([x, vals.u, vals.grad]);
  });
});

describe('guided sampling of an exact mixture (class = components 0–3, w = 4)', () => {
  it('wfr toward the tilted path lands on the exact tilted masses at its default α (scaled by Σ|λ|/Σλ = 7); guided em is biased', async () => {
    const n = 4000;
    const w = 4;
    const run = async (sampler: string) => {
      const loaded = await loadModels([`exact:${NAME}`], { guidance: { class: '0,1,2,3', w } });
      try {
        const g = await generate(loaded, { sampler, steps: 100, n, seed: 3 });
        return { ...modeSummary(g.points, loaded.dataset!.modes!, g.result.weights), rate: g.result.reactionRate };
      } finally {
        loaded.dispose();
      }
    };
    const [wfr, em] = [await run('wfr'), await run('em')];
    const fl = floor(tiltedCellMasses(m, HALF, w), n);
    expect(fl).toBeGreaterThan(0.015);
    expect(fl).toBeLessThan(0.03);
    // The path exp(−4U(·|c) + 3U) moves 7 times as fast as its net exponent: α = 20 reacts at 140.
    expect(wfr.rate).toBeCloseTo(140, 9);
    expect(em.rate).toBeUndefined();
    // Unscaled (α = 20) the reaction lags the tilted path: 3× the floor; scaled, within 1.5×.
    expect(wfr.error).toBeLessThan(1.5 * fl);
    // Guided em puts too little mass on mode 0, next to the other class: ≥ 6× the floor.
    expect(em.error).toBeGreaterThan(6 * fl);
    expect(em.estimated[0]).toBeLessThan(wfr.target[0] - 0.04);
  });
});

describe('exponentSpread: how much faster than its net exponent a product path moves', () => {
  const leaf = { evaluate: () => { throw new Error('not evaluated'); } };
  it('is Σ|λ|/Σλ for a product, 1 for positive exponents and single potentials, and nests', () => {
    expect(exponentSpread(leaf)).toBe(1);
    expect(exponentSpread(new SumPotential([leaf, leaf], [1, 1]))).toBe(1);
    expect(exponentSpread(new SumPotential([leaf, leaf], [0.5, 0.5]))).toBe(1);
    expect(exponentSpread(new SumPotential([leaf, leaf], [2, -1]))).toBe(3);
    expect(exponentSpread(new SumPotential([leaf, leaf], [4, -3]))).toBe(7);
    expect(exponentSpread(new SumPotential([new SumPotential([leaf, leaf], [2, -1]), leaf], [1, 1]))).toBe(2);
  });
});

describe('npm run sample --class --guidance', () => {
  it.concurrent('samples the tilted law and reports it', async () => {
    const r = await cli('sample', ['--model', `exact:${NAME}`, '--class', '3', '--guidance', '2', '--sampler', 'wfr', '--steps', '10', '--n', '300', '--no-plot', '--out', '/tmp/wfr-guidance-test.csv', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/target: class 3 at guidance w = 2, p\(x\|c\)\^2·p\(x\)\^-1 \(exact tilted law\)/);
    expect(r.out).toMatch(/mode weights: .*\(target 0\.000 0\.000 0\.000 0\.99/);
  });

  it.concurrent.each([
    ['--guidance without --class', ['--model', `exact:${NAME}`, '--guidance', '2'], /--guidance weighs a class: give --class too/],
    ['a negative weight', ['--model', `exact:${NAME}`, '--class', '1', '--guidance', '-1'], /--guidance must be a finite number ≥ 0/],
    ['a class that does not exist', ['--model', `exact:${NAME}`, '--class', '8'], /--class: '8' is not a class of exact:eight-gaussians-imbalanced; its classes are 0…7/],
    ['a model without classes', ['--model', 'models/eight-gaussians-imbalanced', '--class', '1'], /--class: models\/eight-gaussians-imbalanced has no classes \(train it with --conditional/],
    ['a product', ['--model', `exact:${NAME}`, '--model', `exact:${NAME}`, '--class', '1'], /guide one class-conditional --model/],
  ])('refuses %s', async (_, args, message) => {
    const r = await cli('sample', [...args, '--steps', '2', '--n', '10', '--no-plot', '--out', '/tmp/wfr-guidance-bad.csv', '--backend', 'wasm']);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
  });
});
