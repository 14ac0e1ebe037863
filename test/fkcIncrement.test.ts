// The FKC benchmark's weights from ours: on the exact potential of a VE mixture, our
// continuous Feynman–Kac rate G for the annealed path p_t^β equals their increment rate
// ½β(β−1)·g²·‖∇log q_t‖² up to a term that is the same for every particle, both for the
// target-score drift (em at β) and for the tempered-noise drift — which is why fk resampled
// every step reproduces their "FKC" rows. Also: the annealed prior and the tempered move.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GMM40 } from '../src/data/gmm40.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import type { StepContext } from '../src/sampling/parts.js';
import { PREDICTORS } from '../src/sampling/predictors/index.js';
import { evaluateInBlocks, sample } from '../src/sampling/sample.js';
import { resolveSampleSettings } from '../src/sampling/settings.js';
import { continuousWeights } from '../src/sampling/weightings/continuous.js';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { std } from '../src/stats.js';

const sde = makeSde('ve0', { sigmaMin: 0.01, sigmaMax: 10 });
const frame = { mean: [0, 0] as [number, number], scale: 50 };
const exact = new ExactPotential(standardizeMixture(GMM40, frame), sde);
const settings = resolveSampleSettings({});

/** One step's increment rate G from our continuous weighting, and FKC's, at points x. */
function rates(predictor: string, beta: number, t: number, x: tf.Tensor2D): { ours: Float32Array; theirs: Float32Array } {
  const h = 1e-3;
  const rng = new Rng(1, 'fkc-increment');
  const target = evaluateInBlocks(exact, x, t, { lap: true, dt: true });
  const ctx: StepContext = {
    t, tn: t - h, h, sde, f: sde.f(t), g2: sde.g2(t), beta, c: beta, x, target, drift: target,
    normals: () => tf.tensor2d(rng.normals(new Float32Array(x.shape[0] * 2)), [x.shape[0], 2]),
    evaluateDrift: () => {
      throw new Error('unused by em and tempered');
    },
  };
  const move = PREDICTORS[predictor].create(settings).move(ctx);
  const next = evaluateInBlocks(exact, move.x, t - h, {});
  const { inc } = continuousWeights.create(settings).increment({ ...ctx, move, next });
  const ours = Float32Array.from(inc.dataSync(), (v) => v / h);
  const theirsT = tf.tidy(() => target.grad.square().sum(1).mul(0.5 * beta * (beta - 1) * sde.g2(t)));
  const theirs = theirsT.dataSync() as Float32Array;
  tf.dispose([theirsT, inc, move.x, move.v ?? [], move.mean ?? [], target.u, target.grad, target.lap!, target.dt!, next.u, next.grad]);
  return { ours, theirs };
}

describe('FKC increments from the continuous Feynman–Kac rate', () => {
  for (const predictor of ['em', 'tempered']) {
    for (const t of [0.9, 0.5, 0.2]) {
      it(`${predictor} at β = 3, t = ${t}: G − ½β(β−1)g²‖s‖² is the same for every particle`, () => {
        const before = tf.memory().numTensors;
        // Points of the noised law at t (spread over many modes and the gaps between them).
        const draw = GMM40.means.flatMap(([mx, my], k) => [0, 1, 2].flatMap((j) => [mx / 50 + (j - 1) * 0.03 * (1 + t), my / 50 + ((k % 3) - 1) * 0.03]));
        const x = tf.tensor2d(draw, [draw.length / 2, 2]);
        const { ours, theirs } = rates(predictor, 3, t, x);
        x.dispose();
        const diff = Array.from(ours, (v, i) => v - theirs[i]);
        // Their rate varies across particles by orders of magnitude more than the difference.
        expect(std(Array.from(theirs))).toBeGreaterThan(0.1);
        expect(std(diff) / std(Array.from(theirs))).toBeLessThan(2e-3);
        expect(tf.memory().numTensors).toBe(before);
      });
    }
  }

  it('the tempered move at β = 1 is em, and at β = 3 its noise is g/√3', () => {
    const x = tf.tensor2d([0.1, -0.2, 0.3, 0.05], [2, 2]);
    const at = evaluateInBlocks(exact, x, 0.5, {});
    const ctx = (seed: number, beta: number): StepContext => {
      const rng = new Rng(seed, 'move');
      return {
        t: 0.5, tn: 0.49, h: 0.01, sde, f: 0, g2: sde.g2(0.5), beta, c: beta, x, target: at, drift: at,
        normals: () => tf.tensor2d(rng.normals(new Float32Array(4)), [2, 2]), evaluateDrift: () => { throw new Error('unused'); },
      };
    };
    const em = PREDICTORS.em.create(settings).move(ctx(1, 1));
    const tempered1 = PREDICTORS.tempered.create(settings).move(ctx(1, 1));
    expect(Array.from(tempered1.x.dataSync())).toEqual(Array.from(em.x.dataSync()));
    const tempered3 = PREDICTORS.tempered.create(settings).move(ctx(1, 3));
    expect(tempered3.noiseStd! / em.noiseStd!).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(tempered3.scoreScale).toBeCloseTo(2, 12); // (β + 1)/2 · … with c = β = 3: 3·(4/3)/2
    tf.dispose([x, at.u, at.grad, em.x, em.v!, em.mean!, tempered1.x, tempered1.v!, tempered1.mean!, tempered3.x, tempered3.v!, tempered3.mean!]);
  });

  it('at β the particles start from the annealed prior N(0, σ_max²/β)', async () => {
    const r = await sample({ potential: exact, sde, sampler: 'em', steps: 1, n: 20_000, beta: 3, tMin: 0.999, seed: 3 });
    // One step of 0.001 barely moves them: their spread is the prior's.
    const xs = Array.from({ length: r.points.length / 2 }, (_, i) => r.points[2 * i]);
    expect(std(xs) / (sde.priorStd / Math.sqrt(3))).toBeCloseTo(1, 1);
  });
});

describe('the normalising constant the weights carry', () => {
  it('log ∫p^β by quadrature matches the closed form at β = 2 (Σⱼₖ wⱼwₖ N(μⱼ; μₖ, 2σ²))', async () => {
    const { annealedLogNormalizer } = await import('../src/data/mixture.js');
    const { getDataset } = await import('../src/data/datasets.js');
    for (const name of ['eight-gaussians-imbalanced', 'blobs-x']) {
      const m = getDataset(name).mixture!;
      const v = 2 * m.std * m.std;
      let z = 0;
      m.means.forEach(([ax, ay], j) => m.means.forEach(([bx, by], k) => (z += (m.weights[j] * m.weights[k] * Math.exp(-((ax - bx) ** 2 + (ay - by) ** 2) / (2 * v))) / (2 * Math.PI * v))));
      expect(annealedLogNormalizer(m, 2)).toBeCloseTo(Math.log(z), 6);
      expect(annealedLogNormalizer(m, 1)).toBeCloseTo(0, 6);
    }
  });

  // The left-point rate G·h makes the estimate's bias first order in h (measured at N = 4000,
  // resampled every step: +1.2 at K = 100, +0.25 at K = 400, +0.01 at K = 1600; at β = 1 it is
  // exact to 1e-7 at any K, since G is then a constant).
  it('fk on the exact potential estimates log ∫p^β (β = 2, K = 1600, every step), and wfr reports none', async () => {
    const { annealedLogNormalizer } = await import('../src/data/mixture.js');
    const { exactMixturePotential } = await import('../src/model/exact.js');
    const vp = makeSde('vp');
    const { dataset, standardization, potential } = exactMixturePotential('eight-gaussians-imbalanced', vp);
    // In standardised coordinates ∫p^β picks up the Jacobian: p_std(z) = s²·p(x), so log ∫p_std^β = log ∫p^β + 2(β − 1)log s.
    const exact = annealedLogNormalizer(dataset.mixture!, 2) + 2 * (2 - 1) * Math.log(standardization.scale);
    const r = await sample({ potential, sde: vp, sampler: 'fk', beta: 2, steps: 1600, n: 4000, seed: 1, tOff: 0, essThreshold: 1 });
    expect(Math.abs(r.logNormalizer! - exact)).toBeLessThan(0.08);
    const one = await sample({ potential, sde: vp, sampler: 'fk', beta: 1, steps: 20, n: 500, seed: 1, tOff: 0 });
    expect(Math.abs(one.logNormalizer!)).toBeLessThan(1e-5);
    const w = await sample({ potential, sde: vp, sampler: 'wfr', beta: 2, steps: 5, n: 200, seed: 1, tOff: 0 });
    expect(w.logNormalizer).toBeUndefined();
  });
});
