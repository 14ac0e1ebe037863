// Where the time-score phase draws t (train/noiseTimes.ts): log-noise draws make log σ_t/α_t
// uniform, and the DSM importance weight keeps the DSM objective that of uniform t — checked by
// quadrature against uniform moments, and in a trainer against the closed-form DSM loss of the
// initial (Gaussian) potential, 2·α_t² per row on standard-normal data under VP.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { DataSource } from '../src/data/source.js';
import { Rng } from '../src/rng.js';
import { noiseLevel } from '../src/sampling/cutoff.js';
import { makeSde, SDE_NAMES } from '../src/sde.js';
import { DEFAULT_TRAIN_CONFIG, resumedConfig, trainConfigFrom, trainKnobValues } from '../src/train/config.js';
import { logNoiseTimes, uniformTimes } from '../src/train/noiseTimes.js';
import { Trainer } from '../src/train/trainer.js';

/** Midpoint rule over u ∈ [0, 1) of f(t(u))·w(t(u)): with the right weight, ∫ f dt/(1 − t_min) over [t_min, 1]. */
function weighted(name: string, f: (t: number) => number, n = 20000): number {
  const lt = logNoiseTimes(makeSde(name));
  let s = 0;
  for (let i = 0; i < n; i++) {
    const t = lt.time((i + 0.5) / n);
    s += f(t) * lt.dsmWeight(t);
  }
  return s / n;
}

describe('log-noise times of the time-score phase', () => {
  for (const name of SDE_NAMES) {
    it(`draw log σ/α uniformly and weigh DSM back to uniform t (${name})`, () => {
      const sde = makeSde(name);
      const lt = logNoiseTimes(sde);
      const [lo, hi] = [Math.log(noiseLevel(sde, sde.tMin)), Math.log(noiseLevel(sde, 1))];
      for (const u of [0, 0.1, 0.37, 0.5, 0.9, 0.999]) expect(Math.log(noiseLevel(sde, lt.time(u)))).toBeCloseTo(lo + u * (hi - lo), 9);
      // Uniform t on [t_min, 1]: E 1 = 1, E t = (1 + t_min)/2, E t² = (1 + t_min + t_min²)/3.
      const m = sde.tMin;
      expect(weighted(name, () => 1)).toBeCloseTo(1, 4);
      expect(weighted(name, (t) => t)).toBeCloseTo((1 + m) / 2, 4);
      expect(weighted(name, (t) => t * t)).toBeCloseTo((1 + m + m * m) / 3, 4);
    });
  }

  it('are uniform t under VE (σ grows geometrically), with weight 1', () => {
    const sde = makeSde('ve');
    const [lt, ut] = [logNoiseTimes(sde), uniformTimes(sde)];
    for (const u of [0, 0.25, 0.5, 0.8]) {
      expect(lt.time(u)).toBeCloseTo(ut.time(u), 12);
      expect(lt.dsmWeight(lt.time(u))).toBeCloseTo(1, 12);
    }
  });

  it('put far more VP rows below ν = 0.34 than uniform t does', () => {
    const sde = makeSde('vp');
    const share = (time: (u: number) => number) => Array.from({ length: 1000 }, (_, i) => noiseLevel(sde, time((i + 0.5) / 1000)) < 0.34).filter(Boolean).length / 1000;
    expect(share(uniformTimes(sde).time)).toBeLessThan(0.11);
    expect(share(logNoiseTimes(sde).time)).toBeGreaterThan(0.3);
  });
});

describe('--time-score-times in the trainer', () => {
  // Standard-normal data: the initial potential ‖x‖²/2 (VP) gives ‖z − σ_t x_t‖² with mean 2α_t².
  const normal: DataSource = { name: 'normal', sample: (rng: Rng, n: number) => rng.normals(new Float32Array(2 * n)), standardization: { mean: [0, 0], scale: 1 } };
  const config = (times?: string) =>
    trainConfigFrom({ dataset: 'eight-gaussians', hidden: [8], steps: 1, lr: 1e-12, timeScoreSteps: 40, timeScoreLr: 1e-12, timeScoreWeight: 0.1, batch: 2048, ...(times && { timeScoreTimes: times }) });
  const meanDsm = (times?: string) => {
    const tr = new Trainer(config(times), normal);
    tr.trainStep(); // the DSM phase's one step
    const before = tf.memory().numTensors;
    let s = 0;
    for (let i = 0; i < 30; i++) s += tr.trainStep().dsm;
    expect(tf.memory().numTensors).toBe(before);
    tr.dispose();
    return s / 30;
  };

  it('keeps the DSM objective of uniform t (closed form 2·E α_t²) under log-noise draws', () => {
    const sde = makeSde('vp');
    const n = 100000;
    let exact = 0;
    for (let i = 0; i < n; i++) exact += 2 * sde.alpha(sde.tMin + ((1 - sde.tMin) * (i + 0.5)) / n) ** 2;
    exact /= n;
    expect(Math.abs(meanDsm() / exact - 1)).toBeLessThan(0.03);
    expect(Math.abs(meanDsm('log-noise') / exact - 1)).toBeLessThan(0.03);
  });

  it('is stored under its name only when given, survives --resume, and leaves the DSM phase alone', () => {
    expect('timeScoreTimes' in DEFAULT_TRAIN_CONFIG).toBe(false); // default checkpoints keep their bytes
    const c = config('log-noise');
    expect(c.timeScoreTimes).toBe('log-noise');
    expect(trainKnobValues(c).values.timeScoreTimes).toBe('log-noise');
    const dsmOnly = trainConfigFrom({ dataset: 'eight-gaussians', timeScoreSteps: 0 });
    expect(resumedConfig(dsmOnly, { timeScoreSteps: 100, timeScoreWeight: 1, timeScoreTimes: 'log-noise' }, 6000).timeScoreTimes).toBe('log-noise');
    const [a, b] = [new Trainer(config(), normal), new Trainer(config('log-noise'), normal)];
    expect(b.trainStep().loss).toBe(a.trainStep().loss); // DSM phase: the same draws
    expect(b.trainStep().loss).not.toBe(a.trainStep().loss);
    a.dispose();
    b.dispose();
  });
});
