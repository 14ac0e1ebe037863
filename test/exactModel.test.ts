// `--model exact:NAME`: the exact noised potential of a built-in mixture as a model, under the
// SDE and frame the user chooses — the same values as ExactPotential there, weights at every
// step, scored against the law's exact masses; errors that say what exists. Also the command line.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDataset } from '../src/data/datasets.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { modeSummary } from '../src/metrics/modes.js';
import { EXACT_NAMES, exactModel } from '../src/model/exactModel.js';
import { generate, loadModels } from '../src/node/generate.js';
import { evaluateInBlocks } from '../src/sampling/sample.js';
import { makeSde } from '../src/sde.js';
import { cli } from './support/cli.js';

const FKC = { sde: 've0', sdeParams: { sigmaMin: 0.01, sigmaMax: 10 }, frame: { mean: [0, 0] as [number, number], scale: 50 } };

describe('exact:NAME models', () => {
  it('evaluate the exact potential of the law under the chosen SDE and frame', () => {
    const m = exactModel('exact:gmm40', FKC);
    const ref = new ExactPotential(standardizeMixture(getDataset('gmm40').mixture!, FKC.frame), makeSde('ve0', FKC.sdeParams));
    const x = tf.tensor2d([0.1, -0.3, 0.5, 0.2, -0.6, 0.0], [3, 2]);
    const [a, b] = [evaluateInBlocks(m.potential, x, 0.3, { dt: true }), evaluateInBlocks(ref, x, 0.3, { dt: true })];
    expect(Array.from(a.u.dataSync())).toEqual(Array.from(b.u.dataSync()));
    expect(Array.from(a.dt!.dataSync())).toEqual(Array.from(b.dt!.dataSync()));
    expect(m.meta.standardization).toEqual(FKC.frame);
    expect(m.sde.name).toBe('ve0');
    tf.dispose([x, a.u, a.grad, a.dt!, b.u, b.grad, b.dt!]);
  });

  it('weights act at every step, and the default frame is the one training would fit', async () => {
    const loaded = await loadModels(['exact:eight-gaussians-imbalanced']);
    expect(loaded.defaultTOff).toBe(loaded.base.sde.tMin);
    expect(loaded.cutoff).toMatch(/every step \(exact potential\)/);
    expect(loaded.dataset?.name).toBe('eight-gaussians-imbalanced');
    const g = await generate(loaded, { sampler: 'wfr', steps: 20, n: 2000, seed: 1 });
    // The exact potential at K = 20 with the reaction: near the floor (≈ 0.04 at N = 2000).
    expect(modeSummary(g.points, loaded.dataset!.modes!, undefined).error).toBeLessThan(0.08);
  });

  it('refuse what has no exact potential, naming what does; SDE flags need an exact model', async () => {
    expect(() => exactModel('exact:nine-gaussians')).toThrow(new RegExp(`unknown dataset 'nine-gaussians'; exact potentials exist for ${EXACT_NAMES[0]}`));
    expect(() => exactModel('exact:double-well')).toThrow(/not a Gaussian mixture.*exact potentials exist for/);
    await expect(loadModels(['models/eight-gaussians-imbalanced'], { exact: { sde: 've' } })).rejects.toThrow(/choose how an exact:NAME model is noised; a checkpoint brings its own/);
  });

  it('npm run sample --model exact:NAME with --sde, --sigma-min/-max and an inline --frame', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wfr-exact-')), 's.csv');
    const frame = JSON.stringify(FKC.frame);
    const r = await cli('sample', ['--model', 'exact:blobs-x', '--sde', 've0', '--sigma-min', '0.01', '--sigma-max', '10', '--frame', frame, '--sampler', 'em', '--steps', '10', '--n', '200', '--out', out, '--no-plot', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/exact:blobs-x \(exact potential, ve0 SDE \{"sigmaMin":0.01,"sigmaMax":10\}, frame \{"mean":\[0,0\],"scale":50\}\)/);
    const report = JSON.parse(readFileSync(out.replace(/\.csv$/, '.json'), 'utf8'));
    expect(report.settings.tOff).toBe(1e-3);
    const bad = await cli('sample', ['--sde', 've0', '--steps', '2', '--n', '10', '--out', out, '--backend', 'wasm']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/a checkpoint brings its own/);
  });
});
