// Class 6 of the hostile inputs: degenerate numbers are refused or flagged, never scored as good.
// Degenerate frames (in --frame, a checkpoint, state.bin), NaN mass errors at the cut-off, samples
// far outside the target, non-finite log-weights with their cause, too-small or constant
// references, and CSV cells that are not decimal numbers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMeta } from '../../src/checkpointSchema.js';
import { checkTrainLimits } from '../../src/config/limits.js';
import { parsePointsCsv } from '../../src/data/csv.js';
import { getDataset } from '../../src/data/datasets.js';
import { outsideTarget, outsideWarning } from '../../src/metrics/outside.js';
import { evalSamplesFile } from '../../src/node/evalCommand.js';
import { resolveFrame } from '../../src/node/frame.js';
import { trainSetup } from '../../src/node/trainSetup.js';
import { Rng } from '../../src/rng.js';
import { cutoffFromMasses, NOISE_LADDER } from '../../src/sampling/cutoff.js';
import { nonFiniteCause } from '../../src/sampling/sample.js';
import { DEFAULT_TRAIN_CONFIG } from '../../src/train/config.js';
import { readFileSync } from 'node:fs';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-numbers-'));
const csv = (name: string, text: string) => {
  const f = join(tmp, name);
  writeFileSync(f, text);
  return f;
};

describe('degenerate frames are refused wherever a frame is read', () => {
  const frames: [string, string, RegExp][] = [
    ['mean 1e30', '{"mean":[1e30,0],"scale":1}', /degenerate frame: centre \(1e\+30, 0\) and scale 1 must lie within 1e-15 … 1e15/],
    ['scale 1e-30', '{"mean":[0,0],"scale":1e-30}', /degenerate frame: .*must lie within 1e-15 … 1e15/],
    ['scale below float32 at its centre', '{"mean":[1e6,0],"scale":1e-3}', /scale 0\.001 is below float32's resolution at centre \(1000000, 0\): every point would round onto the centre/],
  ];
  for (const [what, frame, message] of frames) {
    it(`--frame ${what}`, () => expect(() => resolveFrame(frame)).toThrow(message));
    it(`a checkpoint with ${what}`, () => {
      const meta = structuredClone(JSON.parse(readFileSync(join(import.meta.dirname, '../../models/double-well/model.json'), 'utf8')).userDefinedMetadata.wfr);
      meta.standardization = JSON.parse(frame);
      expect(() => parseMeta(meta, 'x/model.json')).toThrow(new RegExp(`x/model\\.json: field wfr\\.standardization is a degenerate frame: ${message.source.replace(/^degenerate frame: /, '')}`));
    });
  }
  it('a frame that puts the data 1e5 units out is refused before training', () => {
    const data = csv('far.csv', 'x,y\n' + Array.from({ length: 100 }, (_, i) => `${1e5 + Math.cos(i)},${Math.sin(i)}`).join('\n') + '\n');
    expect(() => trainSetup({ values: { data, frame: 'standard' }, typed: new Set(['data', 'frame']), out: join(tmp, 'never'), resume: false, force: false })).toThrow(
      /--frame standard puts the data up to 1\.00e\+5 scale units from its centre; a frame must hold them within 1000/,
    );
  });
});

describe('NaN is never within tolerance', () => {
  it('a NaN mass error keeps the cut-off at the highest noise level', () => {
    const masses = NOISE_LADDER.map((noise, i) => ({ noise, t: i, error: i === 0 ? 0.001 : NaN }));
    expect(cutoffFromMasses(masses)).toBe(NOISE_LADDER[0]);
    expect(cutoffFromMasses(NOISE_LADDER.map((noise, t) => ({ noise, t, error: 0.001 })))).toBe(NOISE_LADDER[4]); // the floor, as before
  });
});

describe('samples far outside the target are flagged, not scored as good', () => {
  const law = getDataset('eight-gaussians-imbalanced');
  const ref = law.sample(new Rng(0, 'r'), 4000);
  const cases: [string, Float32Array, number][] = [
    ['every sample at x ≈ 522', Float32Array.from({ length: 200 }, (_, i) => (i % 2 ? 0 : 522)), 1],
    ['samples at ±1e5', Float32Array.from({ length: 200 }, (_, i) => (i % 4 < 2 ? 1e5 : -1e5)), 1],
    ['NaN samples', Float32Array.from({ length: 200 }, () => NaN), 1],
    ['a draw of the law itself', law.sample(new Rng(1, 's'), 2000), 0],
  ];
  for (const [what, points, fraction] of cases) {
    it(what, () => {
      const r = outsideTarget(points, ref);
      expect(r.fraction).toBe(fraction);
      const w = outsideWarning(r, points.length / 2);
      if (fraction) expect(w).toMatch(/lie outside the target's range .*the mode-weight error does not score them/);
      else expect(w).toBeUndefined();
    });
  }
  it('eval --samples says so in its report', () => {
    const samples = csv('far-samples.csv', 'x,y\n' + Array.from({ length: 50 }, (_, i) => `${522 + i / 100},0`).join('\n') + '\n');
    const logs: string[] = [];
    const r = evalSamplesFile({ samples, dataset: law.name, referenceSeed: 0, log: (s) => logs.push(s) });
    expect(logs.join('\n')).toMatch(/warning: 50 of 50 samples \(100\.0%\) lie outside the target's range/);
    expect(r.report.warnings).toHaveLength(1);
  });
});

describe('non-finite log-weights name their cause', () => {
  it('diverged particles', () => expect(nonFiniteCause([1, NaN, 3, 4], [0, 0], [0, 0])).toMatch(/^1 of 2 particles diverged \(non-finite positions\)/));
  it('an overflowing potential', () => expect(nonFiniteCause([1, 2, 3e30, 4], [0, Infinity], [0, Infinity])).toMatch(/increment of 1 of 2 particles is not finite \(particles up to \|x\| = 3\.00e\+30/));
  it('accumulated weights', () => expect(nonFiniteCause([1, 2, 3, 4], [1e308, 1e308], [Infinity, Infinity])).toMatch(/accumulated past ±1e308 \(increments up to 1\.00e\+308/));
});

describe('references too small or constant to score against are refused', () => {
  const good = csv('good.csv', 'x,y\n' + Array.from({ length: 40 }, (_, i) => `${Math.cos(i)},${Math.sin(i)}`).join('\n') + '\n');
  const cases: [string, { samples?: string; data?: string }, RegExp][] = [
    ['a 1-row reference', { data: csv('one.csv', 'x,y\n1,2\n') }, /--data .*one\.csv has 1 row; the metrics need at least 10/],
    ['a 2-row reference', { data: csv('two.csv', 'x,y\n1,2\n3,4\n') }, /has 2 rows; the metrics need at least 10/],
    ['a constant reference', { data: csv('const.csv', 'x,y\n' + '1,2\n'.repeat(30)) }, /--data .*const\.csv: every row is the same point \(1, 2\); a reference law needs some spread/],
    ['1 sample', { samples: csv('one-s.csv', 'x,y\n1,2\n'), data: good }, /--samples .*one-s\.csv has 1 row; the metrics need at least 2/],
  ];
  for (const [what, o, message] of cases) {
    it(what, () => expect(() => evalSamplesFile({ samples: o.samples ?? good, data: o.data, referenceSeed: 0, log: () => {} })).toThrow(message));
  }
});

describe('CSV cells must be decimal numbers', () => {
  for (const cell of ['0x10', '0b1', '0o7', '1_0', 'Infinity', '', '1e400', '--1']) {
    it(`'${cell}' is refused`, () => expect(() => parsePointsCsv(`x,y\n1,${cell}\n`, 'f.csv')).toThrow(/^f\.csv:2: /));
  }
  it('decimal forms read', () => expect(Array.from(parsePointsCsv('x,y\n1e-3,-.5\n+2.,3E2\n', 'f.csv'))).toEqual([1e-3, -0.5, 2, 300].map(Math.fround)));
});

describe('limits name the flag that causes them', () => {
  it('--features 1000000 is blamed on --features, not --batch', () =>
    expect(() => checkTrainLimits({ ...DEFAULT_TRAIN_CONFIG, embedding: { ...DEFAULT_TRAIN_CONFIG.embedding, features: 1e6 } })).toThrow(/^--features 1000000 needs .* widest layer 2000002 = 2 \+ 2 × 1000000 inputs/));
});
