// --stop-when-good (src/train/stopWhenGood.ts): with the exact potential standing in for the EMA
// model the masses rule stops at its first check after the DSM phase; a potential with the wrong
// mode masses never stops; a model that no longer changes stops by the plateau rule after exactly
// FLAT_CHECKS flat checks; and a run through the CLI stops at the same step for the same seed,
// its checkpoint and train.json saying why.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { builtinSource } from '../src/data/source.js';
import { exactMixturePotential, ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { makeSde } from '../src/sde.js';
import { trainConfigFrom } from '../src/train/config.js';
import { StopWhenGood, type Checked } from '../src/train/stopWhenGood.js';
import { measureMasses, NOISE_LADDER, TIME_SCORE_CUTOFF, timeAtNoise } from '../src/sampling/cutoff.js';
import type { Potential } from '../src/model/potential.js';
import { Trainer } from '../src/train/trainer.js';

const name = 'eight-gaussians-imbalanced';
const sde = makeSde('vp');
const config = trainConfigFrom({ steps: 1000, timeScoreSteps: 1000, stopWhenGood: 500 });

function standIn(potential: Checked['emaPotential'], data = builtinSource(name), c = config): Checked & { step: number } {
  return { step: 0, config: c, sde, data, emaPotential: potential } as Checked & { step: number };
}

describe('stop when good', () => {
  it('stops at the first check after the DSM phase when the masses are right (the exact potential), not before', () => {
    const { potential } = exactMixturePotential(name, sde);
    const stopper = new StopWhenGood(500, getDataset(name));
    const t = standIn(() => potential);
    const verdicts = [500, 1000, 1500].map((step) => ((t.step = step), stopper.check(t)));
    expect(verdicts.slice(0, 2)).toEqual([undefined, undefined]); // 1000 is the DSM phase's last step
    expect(verdicts[2]).toMatchObject({ step: 1500, reason: expect.stringMatching(/mode masses within tolerance down to the cut-off floor ν = 0\.0774/) });
    expect(stopper.check(Object.assign(t, { step: 1501 }))).toBeUndefined(); // between checks
  });

  it('with --time-score-from, checks from when the term is on, not from the DSM phase\'s end', () => {
    const { potential } = exactMixturePotential(name, sde);
    const stopper = new StopWhenGood(500, getDataset(name));
    const t = standIn(() => potential, builtinSource(name), trainConfigFrom({ steps: 3000, timeScoreSteps: 0, timeScoreFrom: 500 }));
    const verdicts = [500, 1000].map((step) => ((t.step = step), stopper.check(t)));
    expect(verdicts[0]).toBeUndefined(); // the term's first step: nothing trained with it yet
    expect(verdicts[1]).toMatchObject({ step: 1000, reason: expect.stringMatching(/ν = 0\.0774/) });
  });

  it('never stops while the mode masses are wrong (equal weights for an imbalanced law)', () => {
    const data = builtinSource(name);
    const mixture = getDataset(name).mixture!;
    const equal = { ...mixture, weights: mixture.weights.map(() => 1 / mixture.weights.length) };
    const wrong = new ExactPotential(standardizeMixture(equal, data.standardization), sde);
    const stopper = new StopWhenGood(500, getDataset(name));
    const t = standIn(() => wrong, data);
    for (const step of [1500, 2000, 2500]) expect(stopper.check(Object.assign(t, { step }))).toBeUndefined();
  });

  // A potential that records the times it is evaluated at; `wrongAbove`: the wrong masses at and above this time.
  function traced(wrongAbove = Infinity) {
    const data = builtinSource(name);
    const mixture = getDataset(name).mixture!;
    const right = new ExactPotential(standardizeMixture(mixture, data.standardization), sde);
    const equal = { ...mixture, weights: mixture.weights.map(() => 1 / mixture.weights.length) };
    const wrong = new ExactPotential(standardizeMixture(equal, data.standardization), sde);
    const times = new Set<number>();
    const potential: Potential = {
      evaluate: (x, t, need) => {
        const tt = typeof t === 'number' ? t : t[0];
        times.add(tt);
        return (tt >= wrongAbove ? wrong : right).evaluate(x, t, need);
      },
    };
    return { data, potential, times };
  }
  const floorT = timeAtNoise(sde, TIME_SCORE_CUTOFF);

  it('a failing check measures the floor level only; a model right at the floor but wrong above it does not stop', () => {
    const bad = traced(0); // wrong everywhere
    const t = standIn(() => bad.potential, bad.data);
    expect(new StopWhenGood(500, getDataset(name)).check(Object.assign(t, { step: 1500 }))).toBeUndefined();
    expect([...bad.times]).toEqual([floorT]);
    const highWrong = traced(0.3); // right at small noise, wrong at VP t = 0.5 (ν = 3.41)
    const stopper = new StopWhenGood(500, getDataset(name));
    expect(stopper.check(Object.assign(standIn(() => highWrong.potential, highWrong.data), { step: 1500 }))).toBeUndefined();
    expect(highWrong.times.size).toBe(NOISE_LADDER.filter((nu) => nu >= TIME_SCORE_CUTOFF).length);
    expect(stopper.measuredAt(1500)).toBeUndefined();
  });

  it('the final cut-off reuses the passing check\'s levels: it measures only the one below the floor, to the same numbers', () => {
    const good = traced();
    const stopper = new StopWhenGood(500, getDataset(name));
    expect(stopper.check(Object.assign(standIn(() => good.potential, good.data), { step: 1500 }))).toBeDefined();
    const known = stopper.measuredAt(1500)!;
    expect(known.map((m) => m.noise).sort()).toEqual(NOISE_LADDER.filter((nu) => nu >= TIME_SCORE_CUTOFF).sort());
    expect(stopper.measuredAt(2000)).toBeUndefined();
    good.times.clear();
    const o = { potential: good.potential, dataset: getDataset(name), sde, standardization: good.data.standardization };
    const reused = measureMasses({ ...o, known });
    expect([...good.times]).toEqual([timeAtNoise(sde, NOISE_LADDER[5])]);
    expect(reused).toEqual(measureMasses(o));
  });

  it('by the plateau rule, stops after two flat checks of a model that no longer changes, leak-free', () => {
    const trainer = new Trainer(trainConfigFrom({ hidden: [8, 8], steps: 1000, timeScoreSteps: 1000 }), builtinSource(name));
    try {
      const stopper = new StopWhenGood(500, undefined); // as for a CSV: no known masses
      const before = tf.memory().numTensors;
      const verdicts = [1500, 2000, 2500].map((step) => stopper.check(Object.assign(trainer, { step })));
      expect(verdicts.slice(0, 2)).toEqual([undefined, undefined]);
      expect(verdicts[2]).toMatchObject({ step: 2500, reason: expect.stringContaining('DSM loss on a fixed evaluation batch') });
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      trainer.dispose();
    }
  });
});

describe('npm run train -- --stop-when-good', () => {
  it('ends a CSV run at the plateau, the same step for the same seed, and says why in the checkpoint and train.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfr-stop-'));
    const csv = join(dir, 'points.csv');
    writeFileSync(csv, 'x,y\n' + Array.from({ length: 200 }, (_, i) => `${Math.cos(i)},${Math.sin(i * 0.7)}`).join('\n') + '\n');
    const run = (out: string) => {
      // A learning rate too small to change the model: the loss is flat from the first check.
      const args = ['--import', 'tsx', 'src/cli/train.ts', '--data', csv, '--steps', '2000', '--time-score-from', '2000', '--lr', '1e-7', '--hidden', '8,8', '--batch', '32', '--stop-when-good', '100', '--backend', 'wasm', '--out', join(dir, out)];
      const r = spawnSync(process.execPath, args, { cwd: join(import.meta.dirname, '..'), encoding: 'utf8', timeout: 120_000 });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const out = run('a');
    expect(out).toMatch(/good enough at step 300 of 2000: the DSM loss/);
    run('b');
    const meta = (d: string) => JSON.parse(readFileSync(join(dir, d, 'model.json'), 'utf8')).userDefinedMetadata.wfr.training;
    expect(meta('a').step).toBe(300);
    expect(meta('a').stoppedWhenGood).toEqual(meta('b').stoppedWhenGood);
    expect(JSON.parse(readFileSync(join(dir, 'a', 'train.json'), 'utf8')).stoppedWhenGood.step).toBe(300);
  }, 180_000);
});
