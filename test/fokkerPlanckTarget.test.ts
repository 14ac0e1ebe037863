// The Fokker–Planck time-score target (train/fokkerPlanckTarget.ts): fed the exact score and
// Laplacian of a Gaussian mixture's marginal, it is exactly −∂ₜU = ∂ₜ log p_t (closed form in
// model/exact.ts), under every SDE; and a trainer step with it leaks nothing.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { builtinSource } from '../src/data/source.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { Rng } from '../src/rng.js';
import { makeSde, SDE_NAMES } from '../src/sde.js';
import { trainConfigFrom } from '../src/train/config.js';
import { fokkerPlanckTarget } from '../src/train/fokkerPlanckTarget.js';
import { Trainer } from '../src/train/trainer.js';
import { expectTimeScoreStepsLeakFree } from './support/timeScoreSteps.js';

describe('Fokker–Planck time-score target', () => {
  const src = builtinSource('twenty-five-gaussians');
  const mixture = standardizeMixture(getDataset('twenty-five-gaussians').mixture!, src.standardization);
  for (const name of SDE_NAMES) {
    it(`is ∂ₜ log p_t of the exact mixture from its score and Laplacian (${name})`, () => {
      const sde = makeSde(name);
      const pot = new ExactPotential(mixture, sde);
      const rng = new Rng(11, 'fp-test');
      for (const t of [0.01, 0.1, 0.4, 0.9]) {
        const n = 32;
        const scale = Math.max(sde.alpha(t), sde.sigma(t));
        const xt = rng.normals(new Float32Array(2 * n)).map((v) => v * scale);
        const v = pot.evaluate(tf.tensor2d(xt, [n, 2]), t, { lap: true, dt: true });
        const [grad, lap, dt] = [v.grad.dataSync() as Float32Array, v.lap!.dataSync() as Float32Array, v.dt!.dataSync() as Float32Array];
        const target = new Float32Array(n);
        fokkerPlanckTarget({ sde, xt, t: new Float32Array(n).fill(t), grad, lap, target });
        // float32 inputs: the tolerance is relative to the size of the terms that cancel.
        const [f, g2] = [Math.abs(sde.f(t)), sde.g2(t)];
        dt.forEach((d, i) => {
          const gg = grad[2 * i] ** 2 + grad[2 * i + 1] ** 2;
          const terms = f * (2 + Math.abs(xt[2 * i] * grad[2 * i] + xt[2 * i + 1] * grad[2 * i + 1])) + 0.5 * g2 * (gg + Math.abs(lap[i]));
          expect(Math.abs(target[i] + d)).toBeLessThan(1e-4 * terms + 1e-6);
        });
        tf.dispose(Object.values(v));
      }
    });
  }

  it('a trainer with it steps without leaking tensors; conditional runs are refused', () => {
    const cfg = trainConfigFrom({ dataset: 'eight-gaussians', hidden: [16, 16], steps: 2, timeScoreSteps: 3, batch: 32, timeScoreTarget: 'fokker-planck' });
    expect(cfg.timeScoreTarget).toBe('fokker-planck');
    expectTimeScoreStepsLeakFree(cfg);
    expect(() => new Trainer({ ...cfg, conditional: true }, builtinSource('eight-gaussians'))).toThrow(/not available with --conditional/);
  });

  it('--fokker-planck-below keeps the sampled target on rows above that noise level', () => {
    const base = { dataset: 'eight-gaussians', hidden: [16, 16], steps: 2, timeScoreSteps: 3, batch: 64 };
    const lossAt = (o: object) => {
      const tr = new Trainer(trainConfigFrom({ ...base, ...o }), builtinSource('eight-gaussians'));
      tr.trainStep();
      tr.trainStep();
      const r = tr.trainStep().timeScore!;
      tr.dispose();
      return r;
    };
    const [sampled, fp] = [lossAt({}), lossAt({ timeScoreTarget: 'fokker-planck' })];
    expect(fp).not.toBe(sampled);
    expect(lossAt({ timeScoreTarget: 'fokker-planck', fokkerPlanckBelow: 1e-9 })).toBe(sampled); // no row below: all sampled
    expect(lossAt({ timeScoreTarget: 'fokker-planck', fokkerPlanckBelow: 1e9 })).toBe(fp); // every row below
    const mid = lossAt({ timeScoreTarget: 'fokker-planck', fokkerPlanckBelow: 1 });
    expect(mid).not.toBe(sampled);
    expect(mid).not.toBe(fp);
  });
});
