// The checkpoint schema as untrusted input: the current version round-trips bit for bit, the
// older version is read by an explicit migration (tested on a shipped checkpoint as saved in it), and
// every field a sampler reads is checked, the message naming the file and the field.
import * as tf from '@tensorflow/tfjs';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_VERSION, parseMeta } from '../src/checkpointSchema.js';
import { loadModel, saveModel } from '../src/node/checkpointFiles.js';

const shipped = join(import.meta.dirname, '..', 'models', 'double-well');
const shippedJson = JSON.parse(readFileSync(join(shipped, 'model.json'), 'utf8'));
// The shipped double-well checkpoint as it was saved in version 1 (its weights file is kept in
// test/fixtures), before the shipped checkpoints were re-saved in the current version.
const v1Json = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'double-well-v1.model.json'), 'utf8'));
const v1 = v1Json.userDefinedMetadata.wfr;

/** A folder holding the version-1 model.json and the weights it names (kept beside it since the shipped checkpoint was retrained). */
function v1Copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wfr-v1-'));
  writeFileSync(join(dir, 'model.json'), JSON.stringify(v1Json));
  const bin = v1Json.weightsManifest[0].paths[0];
  copyFileSync(join(import.meta.dirname, 'fixtures', `double-well-v1.${bin}`), join(dir, bin));
  return dir;
}

/** A copy of the shipped checkpoint whose model.json metadata (and optionally weights) are edited. */
function copyWith(edit: (meta: Record<string, unknown>) => void, weights?: (f: Float32Array) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'wfr-schema-'));
  const json = structuredClone(shippedJson);
  edit(json.userDefinedMetadata.wfr);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  const bin = json.weightsManifest[0].paths[0];
  copyFileSync(join(shipped, bin), join(dir, bin));
  if (weights) {
    const buf = readFileSync(join(dir, bin));
    const f = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    weights(f);
    writeFileSync(join(dir, bin), buf);
  }
  return dir;
}

const values = (m: Awaited<ReturnType<typeof loadModel>>) =>
  tf.tidy(() => {
    const x = tf.tensor2d([[0.3, -1.2], [1.5, 0.2], [-2, 0.7]]);
    const v = m.potential.evaluate(x, 0.3, { lap: true, dt: true });
    return [v.u, v.grad, v.lap!, v.dt!].map((t) => Array.from(t.dataSync()));
  });

describe('checkpoint schema', () => {
  it('reads version 1 (a shipped checkpoint) by explicit migration: the architecture is stored once, nothing else changes', async () => {
    expect(v1.format).toBe('wfr-score/1');
    const m = await loadModel(v1Copy());
    expect(m.meta.version).toBe(FORMAT_VERSION);
    expect(m.meta.hidden).toEqual(v1.hidden);
    expect(m.meta.outputScale).toBe('none');
    expect(m.meta.training).toMatchObject({ step: 11000, timeScoreSteps: 5000 });
    expect(m.meta.training.config.seed).toBe(0);
    expect(Object.keys(m.meta.training.config)).not.toContain('hidden');
    expect(Object.keys(m.meta.training)).not.toContain('seed');
    tf.dispose(m.weights);
  });

  it('every shipped checkpoint is saved in the current version', () => {
    const files = readdirSync(join(import.meta.dirname, '..', 'models'), { recursive: true }).map(String).filter((f) => f.endsWith('model.json'));
    expect(files.length).toBeGreaterThanOrEqual(18);
    for (const f of files) expect(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'models', f), 'utf8')).userDefinedMetadata.wfr, f).toMatchObject({ format: 'wfr-score', version: FORMAT_VERSION });
  });

  it('version 1 without outputScale meant σ-scaling; a version-2 file must say it', () => {
    expect(parseMeta({ ...v1, outputScale: undefined }, 'old.json').outputScale).toBe('sigma');
    const v2 = parseMeta(v1, 'x');
    expect(() => parseMeta({ ...v2, outputScale: undefined }, 'new.json')).toThrow(/new\.json: field wfr\.outputScale must be 'none' or 'sigma'/);
  });

  it('a saved version-2 checkpoint loads back to the same potential, bit for bit', async () => {
    const m = await loadModel(shipped);
    const dir = mkdtempSync(join(tmpdir(), 'wfr-v2-'));
    await saveModel(dir, m.weights, m.meta);
    const back = await loadModel(dir);
    expect(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).userDefinedMetadata.wfr.version).toBe(2);
    expect(back.meta).toEqual(m.meta);
    expect(values(back)).toEqual(values(m));
    tf.dispose([...m.weights, ...back.weights]);
  });

  const bad: [string, (m: Record<string, any>) => void, RegExp][] = [
    ['a newer version', (m) => Object.assign(m, { format: 'wfr-score', version: 3 }), /checkpoint format version 3 is newer than this code, which reads up to version 2: update wfr-score/],
    ['another format', (m) => (m.format = 'something'), /not a wfr-score checkpoint \(format is "something"\)/],
    ['an unknown SDE', (m) => (m.sde.name = 'vpp'), /field wfr\.sde\.name must be one of vp, subvp, ve, ve0, got "vpp"/],
    ['a non-numeric SDE parameter', (m) => (m.sde.params.betaMax = 'x'), /field wfr\.sde\.params must give finite betaMin and betaMax/],
    ['inconsistent SDE parameters', (m) => (m.sde.params.betaMin = 30), /field wfr\.sde\.params vp: need 0 < betaMin < betaMax/],
    ['a zero scale', (m) => (m.standardization.scale = 0), /field wfr\.standardization\.scale must be a finite number > 0/],
    ['a short mean', (m) => (m.standardization.mean = [1]), /field wfr\.standardization\.mean must be two finite numbers/],
    ['no features', (m) => (m.embedding.features = 0), /field wfr\.embedding\.features must be an integer in \[1, 1024\]/],
    ['an unknown time embedding', (m) => (m.embedding.time = 'sqrt'), /field wfr\.embedding\.time must be 'log-noise' or absent, got "sqrt"/],
    ['hidden not a list', (m) => (m.hidden = 'big'), /field wfr\.hidden must be a non-empty list/],
    ['hidden against the weights', (m) => (m.hidden = [128, 64, 128]), /weights' shapes .* do not match wfr\.hidden \[128,64,128\]/],
    ['features against the weights', (m) => (m.embedding.features = 8), /do not match .* wfr\.embedding\.features 8/],
    ['a bad cut-off', (m) => (m.cutoff = { noise: -1, rule: 'measured' }), /field wfr\.cutoff\.noise must be a finite number > 0/],
    ['class names not strings', (m) => (m.classes = { names: [1, 2] }), /field wfr\.classes\.names must be a list of 1 to 1000 strings/],
    ['a repeated class name', (m) => (m.classes = { names: ['a', 'a'] }), /field wfr\.classes\.names must not repeat a name/],
    ['classes against the weights', (m) => (m.classes = { names: ['a', 'b'] }), /do not match .* with 2 classes/],
  ];
  for (const [what, edit, msg] of bad) {
    it(`${what} is an error naming the file and the field`, async () => {
      const dir = copyWith(edit);
      await expect(loadModel(dir)).rejects.toThrow(msg);
      await expect(loadModel(dir)).rejects.toThrow(dir);
    });
  }

  it('non-finite weights are an error', async () => {
    const dir = copyWith(() => {}, (f) => (f[17] = NaN));
    await expect(loadModel(dir)).rejects.toThrow(/weight tensor 0 has non-finite values/);
  });
});
