// The 'log-noise' time embedding (model/embedding.ts): the features see log σ_t/α_t mapped onto
// [t_min, 1]. Checked: it is t itself under VE, it is affine in log ν with the right ends, its
// t-derivative (the chain rule through τ) matches finite differences, and the potential's ∂ₜU
// with it matches a central difference of U; the knob round-trips through the config.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { initMlp } from '../src/model/mlp.js';
import { LearnedPotential } from '../src/model/potential.js';
import { embed, logNoiseTime, type EmbeddingConfig } from '../src/model/embedding.js';
import { DEFAULT_TRAIN_CONFIG, trainConfigFrom, trainKnobValues } from '../src/train/config.js';

const plain: EmbeddingConfig = { features: 6, freqMin: 0.5, freqMax: 64 };
const logNoise: EmbeddingConfig = { ...plain, time: 'log-noise' };
const times = Float32Array.from([1e-3, 0.004, 0.02, 0.1, 0.3, 0.6, 0.97]);

describe("'log-noise' time embedding", () => {
  it('is the plain embedding under VE (log σ is linear in t)', () => {
    const sde = makeSde('ve');
    const [a, b] = [embed(plain, times), embed(logNoise, times, sde)];
    a.value.forEach((v, i) => expect(b.value[i]).toBeCloseTo(v, 5));
    a.dt.forEach((v, i) => expect(b.dt[i]).toBeCloseTo(v, 3));
  });

  for (const name of ['vp', 'subvp', 've0']) {
    it(`maps [t_min, 1] onto itself affinely in log σ/α, and its ∂ₜ features are the chain rule (${name})`, () => {
      const sde = makeSde(name);
      const tau = logNoiseTime(sde);
      const logNu = (t: number) => Math.log(sde.sigma(t) / sde.alpha(t));
      expect(tau(sde.tMin)[0]).toBeCloseTo(sde.tMin, 12);
      expect(tau(1)[0]).toBeCloseTo(1, 12);
      const slope = (1 - sde.tMin) / (logNu(1) - logNu(sde.tMin));
      expect(tau(0.3)[0] - tau(0.02)[0]).toBeCloseTo(slope * (logNu(0.3) - logNu(0.02)), 10);
      for (const t of [0.004, 0.05, 0.5]) {
        const h = 1e-6 * t;
        const fd = (tau(t + h)[0] - tau(t - h)[0]) / (2 * h);
        expect(Math.abs(tau(t)[1] / fd - 1)).toBeLessThan(1e-6);
      }
      const ts = Float32Array.from([0.01, 0.05, 0.2, 0.7]);
      const h = 1e-4;
      const [up, down, mid] = [embed(logNoise, ts.map((t) => t + h), sde), embed(logNoise, ts.map((t) => t - h), sde), embed(logNoise, ts, sde)];
      const scale = Math.max(...mid.dt.map(Math.abs));
      mid.dt.forEach((d, i) => expect(Math.abs(d - (up.value[i] - down.value[i]) / (2 * h))).toBeLessThan(2e-3 * scale));
    });
  }

  it('needs the SDE', () => {
    expect(() => embed(logNoise, times)).toThrow(/needs the SDE/);
  });

  it("gives the potential a ∂ₜU that matches a central difference of U (vp)", () => {
    const rng = new Rng(3);
    const params = initMlp([2 + 2 * plain.features, 16, 1], rng);
    params.kernels[1] = tf.tensor2d(new Float32Array(16).map(() => rng.normal() * 0.5), [16, 1]);
    const pot = new LearnedPotential({ params, embedding: logNoise, sde: makeSde('vp') });
    const n = 16;
    const x = tf.tensor2d(rng.normals(new Float32Array(2 * n)), [n, 2]);
    for (const t of [0.01, 0.08, 0.4]) {
      const h = 1e-3 * t;
      const [d, up, down] = [pot.evaluate(x, t, { dt: true }).dt!, pot.evaluate(x, t + h).u, pot.evaluate(x, t - h).u];
      const fd = up.sub(down).div(2 * h);
      const err = tf.tidy(() => d.sub(fd).abs().max().arraySync() as number);
      const size = tf.tidy(() => d.abs().max().arraySync() as number);
      expect(err).toBeLessThan(2e-2 * size);
    }
  });

  it('is the default, stored in the embedding; t leaves no trace (checkpoints from before it keep their bytes); read back as the knob', () => {
    expect(DEFAULT_TRAIN_CONFIG.embedding.time).toBe('log-noise');
    const c = trainConfigFrom({ embedTime: 'log-noise' });
    expect(c.embedding.time).toBe('log-noise');
    expect(trainKnobValues(c).values.embedTime).toBe('log-noise');
    expect('time' in trainConfigFrom({ embedTime: 't' }).embedding).toBe(false);
    expect(trainKnobValues(trainConfigFrom({ embedTime: 't' })).values.embedTime).toBe('t');
  });
});
