// Class-conditional potentials: the class enters the network as a one-hot after the time
// features (checked against the plain MLP on [x, emb(t), onehot(c)]), training sees the same
// layout as sampling, the posterior time-score target keeps to a row's class, labelled CSVs, and
// `npm run train -- --conditional` round trips: classes in the checkpoint, --class samples it,
// while unconditional checkpoints load as before.
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLabeledPointsCsv } from '../src/data/csv.js';
import { embed } from '../src/model/embedding.js';
import { initMlp, mlpValue } from '../src/model/mlp.js';
import { LearnedPotential } from '../src/model/potential.js';
import { loadModel } from '../src/node/checkpointFiles.js';
import { Rng } from '../src/rng.js';
import { makeSde } from '../src/sde.js';
import { dsmStep } from '../src/train/dsmStep.js';
import { dsmArrays, dsmLoss, makeDsmBatch } from '../src/train/loss.js';
import { posteriorTimeTarget } from '../src/train/posteriorTarget.js';
import { cli } from './support/cli.js';
import { builtinSource } from '../src/data/source.js';
import { DEFAULT_TRAIN_CONFIG } from '../src/train/config.js';
import { Trainer } from '../src/train/trainer.js';

const sde = makeSde('vp');
const emb = { features: 3, freqMin: 0.5, freqMax: 8 };
const C = 4;

describe('the class input', () => {
  const params = initMlp([2 + 2 * emb.features + C, 16, 1], new Rng(3));

  it('U(x, t | c) = ‖x‖²/(2v) + MLP([x, emb(t), onehot(c)]); the null class is all zeros', () => {
    const pts = [0.3, -1, 2, 0.5];
    const t = 0.35;
    const v = sde.alpha(t) ** 2 + sde.sigma(t) ** 2;
    for (const label of [2, null]) {
      const p = new LearnedPotential({ params, embedding: emb, sde, classes: C, label });
      const x = tf.tensor2d(pts, [2, 2]);
      const u = p.evaluate(x, t).u.dataSync();
      const e = embed(emb, [t]).value;
      const rows = [0, 1].map((i) => [pts[2 * i], pts[2 * i + 1], ...e, ...Array.from({ length: C }, (_, k) => (k === label ? 1 : 0))]);
      const ref = mlpValue(params, tf.tensor2d(rows)).dataSync();
      [0, 1].forEach((i) => expect(u[i]).toBeCloseTo((pts[2 * i] ** 2 + pts[2 * i + 1] ** 2) / (2 * v) + ref[i], 5));
      x.dispose();
    }
    expect(() => new LearnedPotential({ params, embedding: emb, sde, classes: C, label: C })).toThrow(/class 4 is not one of the model's 4 classes/);
  });

  it("training's step sees the layout sampling does: dsmStep with every row of class c has the loss of U(·|c)", () => {
    const rng = new Rng(7);
    const n = 64;
    const x0 = rng.normals(new Float32Array(2 * n));
    const t = new Float32Array(n).map(() => 0.05 + 0.9 * rng.uniform());
    const z = rng.normals(new Float32Array(2 * n));
    for (const label of [1, -1]) {
      const step = dsmStep({ params, embedding: emb, sde, outputScale: 'none', batch: dsmArrays(sde, x0, t, z, { weighting: 'sigma2', timeScore: false }), z, t, timeScoreWeight: 0, classes: C, labels: new Int32Array(n).fill(label) });
      const p = new LearnedPotential({ params, embedding: emb, sde, classes: C, label: label < 0 ? null : label });
      const ref = tf.tidy(() => dsmLoss(p, makeDsmBatch(sde, x0, t, z, { weighting: 'sigma2', timeScore: false }), 0).total.arraySync());
      expect(step.loss).toBeCloseTo(ref, 4);
    }
  });

  it("the posterior time-score target of a row with a class averages over its class's reference points only", () => {
    const rng = new Rng(9);
    const r = 40;
    const ref = rng.normals(new Float32Array(2 * r));
    const refLabels = Int32Array.from({ length: r }, (_, m) => m % 2);
    const n = 6;
    const x0 = ref.slice(0, 2 * n);
    const t = new Float32Array(n).fill(0.4);
    const xt = rng.normals(new Float32Array(2 * n));
    const rowLabels = Int32Array.from({ length: n }, (_, i) => i % 2);
    const labelled = new Float32Array(n);
    posteriorTimeTarget({ sde, xt, x0, t, ref, selfCount: n, target: labelled, rowLabels, refLabels });
    // The same rows against a reference set made of their class's points alone (own points first).
    for (const c of [0, 1]) {
      const own = Array.from({ length: r }, (_, m) => m).filter((m) => m % 2 === c);
      const sub = Float32Array.from(own.flatMap((m) => [ref[2 * m], ref[2 * m + 1]]));
      const rows = [0, 1, 2, 3, 4, 5].filter((i) => i % 2 === c);
      const target = new Float32Array(rows.length);
      // The class's rows' own points are the head of `sub` in row order (ref's head is x₀), so this is the same sum.
      posteriorTimeTarget({ sde, xt: Float32Array.from(rows.flatMap((i) => [xt[2 * i], xt[2 * i + 1]])), x0: Float32Array.from(rows.flatMap((i) => [x0[2 * i], x0[2 * i + 1]])), t: new Float32Array(rows.length).fill(0.4), ref: sub, selfCount: rows.length, target });
      rows.forEach((i, j) => expect(labelled[i]).toBeCloseTo(target[j], 5));
    }
    const all = new Float32Array(n);
    posteriorTimeTarget({ sde, xt, x0, t, ref, selfCount: n, target: all });
    expect(Array.from(all)).not.toEqual(Array.from(labelled));
  });
});

describe('the trainer', () => {
  it('refuses --label-drop without --conditional, and --conditional on data without classes', () => {
    expect(() => new Trainer({ ...DEFAULT_TRAIN_CONFIG, labelDrop: 0.3 }, builtinSource('eight-gaussians-imbalanced'))).toThrow(/--label-drop is the null-class rate of --conditional training: give --conditional too/);
    expect(() => new Trainer({ ...DEFAULT_TRAIN_CONFIG, dataset: 'two-moons', conditional: true }, builtinSource('two-moons'))).toThrow(/--conditional needs classes: two-moons has none/);
  });
});

describe('labelled CSVs', () => {
  it('x,y,label: classes numbered in sorted order; errors name the file and line', () => {
    const d = parseLabeledPointsCsv('x,y,label\n0,0,b\n1,1,a\n2,2,b\n', 'd.csv', 10);
    expect(d.names).toEqual(['a', 'b']);
    expect(Array.from(d.labels)).toEqual([1, 0, 1]);
    expect(parseLabeledPointsCsv('x,y,label\n0,0,10\n1,1,9\n', 'n.csv', 10).names).toEqual(['9', '10']);
    expect(() => parseLabeledPointsCsv('x,y\n0,0\n', 'two.csv', 10)).toThrow(/two\.csv:1: --conditional needs a third column named label/);
    expect(() => parseLabeledPointsCsv('x,y,label\n0,0,\n', 'e.csv', 10)).toThrow(/e\.csv:2: empty label/);
    expect(() => parseLabeledPointsCsv('x,y,label\n0,0,a\n0,1,b\n0,2,c\n', 'm.csv', 2)).toThrow(/m\.csv: 3 distinct labels, over the limit of 2 classes/);
  });
});

describe('npm run train -- --conditional', () => {
  const tiny = ['--steps', '20', '--time-score-steps', '6', '--time-score-reference', '32', '--batch', '64', '--hidden', '16,16', '--features', '4', '--backend', 'wasm'];

  it.concurrent('a built-in mixture: classes = components in the checkpoint, --class samples it; an unconditional checkpoint has none and loads as before', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wfr-cond-')), 'm');
    const r = await cli('train', ['--conditional', '--label-drop', '0.3', '--out', out, ...tiny]);
    expect(r.code, r.err).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')).userDefinedMetadata.wfr;
    expect(meta.classes.names).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect([meta.training.config.conditional, meta.training.config.labelDrop]).toEqual([true, 0.3]);
    const m = await loadModel(out);
    expect(m.classes?.names.length).toBe(8);
    expect(m.classes?.tilted?.([3], 2).modes?.weights[3]).toBeGreaterThan(0.99);
    const x = tf.tensor2d([0.5, 0.5], [1, 2]);
    const [u3, u0] = [m.classes!.potential([3]).evaluate(x, 0.3).u.dataSync()[0], m.classes!.potential(null).evaluate(x, 0.3).u.dataSync()[0]];
    expect(u3).not.toBe(u0);
    tf.dispose([x, ...m.weights]);
    const s = await cli('sample', ['--model', out, '--class', '3', '--guidance', '2', '--sampler', 'wfr', '--steps', '4', '--n', '100', '--no-plot', '--out', join(out, 's.csv'), '--backend', 'wasm']);
    expect(s.code, s.err).toBe(0);
    expect(s.out).toMatch(/target: class 3 at guidance w = 2/);
    const sets = await cli('sample', ['--model', out, '--class', '1,2', '--steps', '2', '--n', '10', '--no-plot', '--out', join(out, 't.csv'), '--backend', 'wasm']);
    expect(sets.err).toMatch(/takes one class, not a set '1,2'/);
    const shipped = await loadModel('models/eight-gaussians-imbalanced');
    expect(shipped.classes).toBeUndefined();
    expect(shipped.meta.classes).toBeUndefined();
    tf.dispose(shipped.weights);
  });

  it.concurrent('a labelled CSV: its labels are the classes; without labels --conditional is refused, naming why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wfr-cond-csv-'));
    const rng = new Rng(1);
    const rows = Array.from({ length: 200 }, (_, i) => `${(i % 2 ? 2 : -2) + 0.3 * rng.normal()},${0.3 * rng.normal()},${i % 2 ? 'right' : 'left'}`);
    writeFileSync(join(dir, 'lr.csv'), ['x,y,label', ...rows].join('\n'));
    writeFileSync(join(dir, 'plain.csv'), ['x,y', '0,0', '1,1', '2,0'].join('\n'));
    const r = await cli('train', ['--conditional', '--data', join(dir, 'lr.csv'), '--out', join(dir, 'm'), ...tiny]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'm', 'model.json'), 'utf8')).userDefinedMetadata.wfr.classes.names).toEqual(['left', 'right']);
    // A class by its name; there is no exact tilted law of a CSV's classes, so the command says so.
    const s = await cli('sample', ['--model', join(dir, 'm'), '--class', 'right', '--guidance', '3', '--steps', '3', '--n', '50', '--no-plot', '--out', join(dir, 's.csv'), '--backend', 'wasm']);
    expect(s.code, s.err).toBe(0);
    expect(s.out).toMatch(/no exact target to score against: the tilted law of csv has no closed form/);
    expect(JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')).guidance).toMatchObject({ class: '1', w: 3 });
    const bad = await cli('train', ['--conditional', '--data', join(dir, 'plain.csv'), '--out', join(dir, 'p'), ...tiny]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/plain\.csv:1: --conditional needs a third column named label/);
    const none = await cli('train', ['--conditional', '--dataset', 'two-moons', '--out', join(dir, 'q'), ...tiny]);
    expect(none.code).not.toBe(0);
    expect(none.err).toMatch(/--conditional needs classes: two-moons has none/);
  });
});
