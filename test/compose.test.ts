// Products of models and shared frames: the weighted sum of potentials, the samplers against
// the exact product of two and three mixtures (the sum of the factors' noised potentials is
// not the noised product's, so em is off and the weights must correct it), and the command
// lines: one frame for models of different datasets, their product scored against its exact
// law, and every incompatible or malformed input refused with its reason.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMeta } from '../src/checkpointSchema.js';
import { getDataset, productDataset } from '../src/data/datasets.js';
import { formatSamplesCsv } from '../src/data/csv.js';
import { modeSummary } from '../src/metrics/modes.js';
import { ExactPotential, standardizeMixture } from '../src/model/exact.js';
import { SumPotential } from '../src/model/potential.js';
import { sample } from '../src/sampling/sample.js';
import { makeSde } from '../src/sde.js';
import { cli } from './support/cli.js';

const sde = makeSde('vp');
const identity = { mean: [0, 0] as [number, number], scale: 1 };
const exact = (name: string) => new ExactPotential(standardizeMixture(getDataset(name).mixture!, identity), sde);

describe('a product of potentials', () => {
  it('U = Σ λᵢUᵢ, and so are its derivatives (½·U_x + 2·U_y against the two evaluated apart)', () => {
    const [ex, ey] = [exact('blobs-x'), exact('blobs-y')];
    const x = tf.tensor2d([0.3, -1, 2, 0.5, -1.5, 1], [3, 2]);
    const need = { lap: true, dt: true };
    const sum = new SumPotential([ex, ey], [0.5, 2]).evaluate(x, 0.3, need);
    const [vx, vy] = [ex.evaluate(x, 0.3, need), ey.evaluate(x, 0.3, need)];
    for (const k of ['u', 'grad', 'lap', 'dt'] as const) {
      const expected = Array.from(vx[k]!.mul(0.5).add(vy[k]!.mul(2)).dataSync());
      Array.from(sum[k]!.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 4));
    }
    expect(() => new SumPotential([ex, ey], [1])).toThrow(/needs 2 exponents λ, got 1/);
  });

  it("the exact product's own noised potential: em samples it (the summed factors are what is wrong, not em)", async () => {
    const prod = productDataset(['blobs-x', 'blobs-y']);
    const potential = new ExactPotential(standardizeMixture(prod.mixture!, identity), sde);
    const r = await sample({ potential, sde, sampler: 'em', steps: 100, n: 2000, seed: 1 });
    expect(modeSummary(r.points, prod.modes!, r.weights).error).toBeLessThan(0.05); // floor ≈ 0.03
  });

  // Measured (N = 2000, seeds 1–3): em 0.07–0.11 (two factors), 0.22–0.26 (three); wfr 0.006–0.036.
  // The floor of a 4-mode error at N = 2000 is ≈ 0.02.
  for (const [names, emAbove] of [[['blobs-x', 'blobs-y'], 0.06], [['blobs-x', 'blobs-y', 'blobs-diagonal'], 0.15]] as const) {
    it(`${names.join(' × ')}: wfr recovers the exact product's mode masses, em with summed scores does not`, async () => {
      const potential = new SumPotential(names.map(exact));
      const target = productDataset([...names]).modes!;
      const err = async (sampler: string, seed: number) => {
        const r = await sample({ potential, sde, sampler, steps: 20, n: 2000, seed });
        return modeSummary(r.points, target, r.weights).error;
      };
      for (const seed of [1, 2]) {
        expect(await err('em', seed)).toBeGreaterThan(emAbove);
        expect(await err('wfr', seed)).toBeLessThan(0.045);
      }
    });
  }
});

describe('frames and products from the command line', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'wfr-compose-'));
  const tiny = ['--steps', '60', '--time-score-steps', '0', '--hidden', '16,16', '--batch', '128', '--backend', 'wasm', '--seed', '3'];
  const dir = (n: string) => join(tmp, n);
  const meta = (n: string) => parseMeta(JSON.parse(readFileSync(join(dir(n), 'model.json'), 'utf8')).userDefinedMetadata.wfr, n);

  beforeAll(async () => {
    const runs = [
      ['x', ['--dataset', 'blobs-x', '--frame', 'standard']],
      ['y', ['--dataset', 'blobs-y', '--frame', 'standard']],
      ['y-own', ['--dataset', 'blobs-y']],
      ['moons', ['--dataset', 'two-moons']],
    ].map(([out, args]) => cli('train', [...(args as string[]), '--out', dir(out as string), ...tiny]));
    for (const r of await Promise.all(runs)) expect(r.code, r.err).toBe(0);
    // A frame shared from another checkpoint (its directory), and one from a JSON file.
    writeFileSync(join(tmp, 'frame.json'), JSON.stringify({ mean: [1, -2], scale: 3 }));
    const shared = await Promise.all([
      cli('train', ['--dataset', 'blobs-diagonal', '--frame', dir('moons'), '--out', dir('diag-moons'), ...tiny]),
      cli('train', ['--dataset', 'blobs-diagonal', '--frame', join(tmp, 'frame.json'), '--out', dir('diag-file'), ...tiny]),
    ]);
    for (const r of shared) expect(r.code, r.err).toBe(0);
  }, 180_000);

  it('the checkpoint stores the frame it was trained in', () => {
    expect(meta('x').standardization).toEqual(identity);
    expect(meta('y-own').standardization.scale).not.toBeCloseTo(1, 2); // fitted to blobs-y: ≈ 1.73
    expect(meta('diag-moons').standardization).toEqual(meta('moons').standardization);
    expect(meta('diag-file').standardization).toEqual({ mean: [1, -2], scale: 3 });
    expect(meta('x').training.config).toMatchObject({ frame: 'standard' });
    expect('frame' in (meta('y-own').training.config as object)).toBe(false);
  });

  it('models of different datasets in one frame multiply; the product is scored against its exact law', async () => {
    const out = join(tmp, 'xy.csv');
    const r = await cli('sample', ['--model', dir('x'), '--model', dir('y'), '--sampler', 'wfr', '--steps', '5', '--n', '300', '--out', out, '--no-plot', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/target: the exact product blobs-x×blobs-y/);
    const report = JSON.parse(readFileSync(out.replace(/\.csv$/, '.json'), 'utf8'));
    expect(report.target).toEqual({ dataset: 'blobs-x×blobs-y', power: 1 });
    expect(report.modes.target).toEqual(productDataset(['blobs-x', 'blobs-y']).modes!.weights);
    // The same samples scored from the file against --product.
    const e = await cli('eval', ['--samples', out, '--product', 'blobs-x,blobs-y', '--json', join(tmp, 'xy-eval.json')]);
    expect(e.code, e.err).toBe(0);
    const rows = JSON.parse(readFileSync(join(tmp, 'xy-eval.json'), 'utf8')).metrics;
    expect(rows.find((m: { metric: string }) => m.metric.startsWith('mode-weight')).value).toBeCloseTo(report.modes.error, 6);
    expect(rows.find((m: { metric: string }) => m.metric.startsWith('MMD')).floor).toBeGreaterThan(0);
  }, 60_000);

  it('equal exponents are the annealed product: λ = 2, 2 is scored against (p_x·p_y)²', async () => {
    const json = join(tmp, 'xy2.json');
    const r = await cli('eval', ['--model', dir('x'), '--model', dir('y'), '--lambda', '2,2', '--steps', '5', '--n', '200', '--json', json, '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(json, 'utf8')).target).toEqual({ dataset: 'blobs-x×blobs-y', power: 2 });
  }, 60_000);

  it('eval --beta scores a samples file against the exact masses of p^β', async () => {
    const pts = Float32Array.from([-1, 0, -1, 1, 1, 0.2, 2, -1]); // left 2 of 4
    const file = join(tmp, 'dw.csv');
    writeFileSync(file, formatSamplesCsv(pts));
    const r = await cli('eval', ['--samples', file, '--dataset', 'double-well', '--beta', '2', '--json', join(tmp, 'dw.json')]);
    expect(r.code, r.err).toBe(0);
    const rows = JSON.parse(readFileSync(join(tmp, 'dw.json'), 'utf8')).metrics;
    // Left well of p² holds 0.1251 (test/metrics.test.ts): error |0.5 − 0.1251| + |0.5 − 0.8749|.
    expect(rows.find((m: { metric: string }) => m.metric.startsWith('mode-weight')).value).toBeCloseTo(2 * (0.5 - 0.1251), 3);
    // A law times itself is the same target: --product double-well,double-well is p².
    const p = await cli('eval', ['--samples', file, '--product', 'double-well,double-well', '--json', join(tmp, 'dw2.json')]);
    expect(p.code, p.err).toBe(0);
    const rows2 = JSON.parse(readFileSync(join(tmp, 'dw2.json'), 'utf8')).metrics;
    expect(rows2.find((m: { metric: string }) => m.metric.startsWith('mode-weight')).value).toBeCloseTo(2 * (0.5 - 0.1251), 3);
  });

  const refused: [string, 'sample' | 'eval', string[], RegExp][] = [
    ['two frames', 'sample', ['--model', dir('x'), '--model', dir('y-own')], /work in different frames \(centre \(0\.000, 0\.000\), scale 1\.000 vs .*retrain them in one frame: --frame standard/],
    ['a non-numeric exponent', 'sample', ['--model', dir('x'), '--model', dir('y'), '--lambda', '1,x'], /--lambda: 'x' is not a finite number ≠ 0/],
    ['exponents summing to ≤ 0', 'sample', ['--model', dir('x'), '--model', dir('y'), '--lambda', '1,-2'], /--lambda: the exponents sum to -1; a product ∏pᵢ\^λᵢ is normalisable only when Σλᵢ > 0/],
    ['a zero exponent', 'sample', ['--model', dir('x'), '--model', dir('y'), '--lambda', '1,0'], /--lambda: '0' is not a finite number ≠ 0/],
    ['too few exponents', 'sample', ['--model', dir('x'), '--model', dir('y'), '--lambda', '1'], /--lambda gives 1 exponents for 2 --model checkpoints/],
    ['a product with no exact law, scored', 'eval', ['--model', dir('x'), '--model', dir('y'), '--lambda', '1,2'], /nothing exact to score against: unequal exponents/],
    ['a non-mixture in --product', 'eval', ['--samples', join(tmp, 'xy.csv'), '--product', 'blobs-x,two-moons'], /two-moons is not a Gaussian mixture/],
    ['an unknown name in --product', 'eval', ['--samples', join(tmp, 'xy.csv'), '--product', 'blobs-x,blobz'], /--product: unknown dataset 'blobz'/],
    ['--lambda with a samples file', 'eval', ['--samples', join(tmp, 'xy.csv'), '--product', 'blobs-x,blobs-y', '--lambda', '1,2'], /--lambda weighs the --model factors/],
    ['--dataset with --model', 'eval', ['--model', dir('x'), '--dataset', 'blobs-x'], /--dataset, --product and --data go with --samples/],
    ['--beta against the user\'s own data', 'eval', ['--samples', join(tmp, 'xy.csv'), '--data', 'data/two-moons.csv', '--beta', '2'], /--beta needs a built-in law/],
  ];
  for (const [what, script, args, msg] of refused) {
    it.concurrent(`${what}: refused, naming why`, async () => {
      // Sampler flags only where something is sampled (a --samples file is scored as it is).
      const sampled = script === 'sample' || args.includes('--model');
      const r = await cli(script, [...args, ...(sampled ? ['--steps', '3', '--n', '20'] : []), '--no-plot', '--backend', 'wasm'].filter((a) => script === 'sample' || a !== '--no-plot'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
    });
  }

  const frames: [string, string, RegExp][] = [
    ['no such file', join(tmp, 'nope.json'), /--frame .*nope\.json: no such file or checkpoint directory/],
    ['a scale of 0', 'scale0', /--frame .*scale0\.json: field scale must be a finite number > 0/],
    ['not JSON', 'garbage', /garbage\.json is not JSON/],
    ['a folder with no model.json', tmp, /the directory holds no model\.json/],
  ];
  for (const [what, spec, msg] of frames) {
    it(`--frame ${what}: refused before training`, async () => {
      if (spec === 'scale0') writeFileSync(join(tmp, 'scale0.json'), JSON.stringify({ mean: [0, 0], scale: 0 }));
      if (spec === 'garbage') writeFileSync(join(tmp, 'garbage.json'), '{nope');
      const file = spec === 'scale0' || spec === 'garbage' ? join(tmp, `${spec}.json`) : spec;
      const r = await cli('train', ['--dataset', 'blobs-x', '--frame', file, '--out', join(tmp, `f-${what.replace(/\W/g, '')}`), ...tiny]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
    });
  }
});
