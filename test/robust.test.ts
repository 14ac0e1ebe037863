// Hostile inputs at the library level: a checkpoint's files stay inside its folder and have the
// size its manifest declares (CLI loader and demo build step alike), a damaged state.bin names
// the file, and runs whose tensors would exceed the memory cap are refused before allocating.
import * as tf from '@tensorflow/tfjs';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyCheckpoints } from '../demo/assets.js';
import { checkSampleLimits, MAX_TENSOR_BYTES, sampleTensorBytes } from '../src/config/limits.js';
import { loadModel, loadTrainState, saveTrainState } from '../src/node/checkpointFiles.js';
import { resolveSampleSettings } from '../src/sampling/settings.js';
import { builtinSource } from '../src/data/source.js';
import { DEFAULT_TRAIN_CONFIG, validateTrainConfig } from '../src/train/config.js';
import { Trainer } from '../src/train/trainer.js';

const shipped = join(import.meta.dirname, '..', 'models', 'double-well');
const shippedJson = JSON.parse(readFileSync(join(shipped, 'model.json'), 'utf8'));
const bin: string = shippedJson.weightsManifest[0].paths[0];

/** models/<name>/ under a fresh folder: a copy of the shipped checkpoint, edited. */
function hostile(name: string, edit: (json: typeof shippedJson, dir: string, outside: string) => void): { models: string; dir: string } {
  const models = mkdtempSync(join(tmpdir(), 'wfr-hostile-'));
  const dir = join(models, name);
  mkdirSync(dir);
  copyFileSync(join(shipped, bin), join(dir, bin));
  const outside = join(models, 'outside.bin');
  copyFileSync(join(shipped, bin), outside);
  const json = structuredClone(shippedJson);
  edit(json, dir, outside);
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
  return { models, dir };
}
const setPath = (p: string) => (json: typeof shippedJson) => (json.weightsManifest[0].paths = [p]);
const resize = (delta: number) => (_: unknown, dir: string) => {
  const b = readFileSync(join(dir, bin));
  writeFileSync(join(dir, bin), delta < 0 ? b.subarray(0, b.length + delta) : Buffer.concat([b, Buffer.alloc(delta)]));
};
const size = readFileSync(join(shipped, bin)).length;

describe('a checkpoint’s files stay inside its folder and match its manifest', () => {
  const cases: [string, Parameters<typeof hostile>[1], RegExp][] = [
    ['a path with ..', setPath('../outside.bin'), /weights path "\.\.\/outside\.bin" leads out of the checkpoint folder/],
    ['a nested path with ..', setPath('sub/../../outside.bin'), /weights path "sub\/\.\.\/\.\.\/outside\.bin" leads out/],
    ['an absolute path', (j, _d, outside) => setPath(outside)(j), /weights path "\/.*outside\.bin" is an absolute path/],
    ['an https URL', setPath('https://example.invalid/w.bin'), /weights path "https:\/\/example\.invalid\/w\.bin" is a URL/],
    ['a file URL', setPath('file:///etc/passwd'), /weights path "file:\/\/\/etc\/passwd" is a URL/],
    ['a protocol-relative URL', setPath('//example.invalid/w.bin'), /weights path "\/\/example\.invalid\/w\.bin" is a URL/],
    ['a backslash path', setPath('..\\outside.bin'), /contains a backslash/],
    ['a symlink out of the folder', (j, dir, outside) => (symlinkSync(outside, join(dir, 'link.bin')), setPath('link.bin')(j)), /weights path "link\.bin" resolves to .*outside\.bin, .*outside/],
    ['a symlink to a device', (j, dir) => (symlinkSync('/dev/zero', join(dir, 'zero.bin')), setPath('zero.bin')(j)), /weights path "zero\.bin" resolves to \/dev\/zero/],
    ['a missing weights file', setPath('weights-99.bin'), /missing weights file .*weights-99\.bin/],
    ['weights 4 bytes short', resize(-4), new RegExp(`weights file ${bin} has ${size - 4} bytes, the manifest's weight specs need ${size}`)],
    ['weights 1 byte long', resize(1), new RegExp(`weights file ${bin} has ${size + 1} bytes, the manifest's weight specs need ${size}`)],
    ['weights twice as long', resize(size), new RegExp(`has ${2 * size} bytes, the manifest's weight specs need ${size}`)],
    ['an int32 weight', (j) => (j.weightsManifest[0].weights[0].dtype = 'int32'), /weight .* has dtype int32; only float32 is read/],
    ['no weights manifest', (j) => delete j.weightsManifest, /weightsManifest must be a non-empty list/],
  ];
  for (const [what, edit, msg] of cases) {
    it(`the CLI loader refuses ${what}, naming the path`, async () => {
      const { dir } = hostile('m', edit);
      await expect(loadModel(dir)).rejects.toThrow(msg);
      await expect(loadModel(dir)).rejects.toThrow(join(dir, 'model.json'));
    });
  }
  for (const [what, edit, msg] of cases.filter(([w]) => !/weights .* (short|long)|int32|device/.test(w))) {
    it(`the demo build step refuses ${what} and copies nothing of it`, () => {
      const { models } = hostile('m', edit);
      const out = mkdtempSync(join(tmpdir(), 'wfr-demo-out-'));
      expect(() => copyCheckpoints(models, out)).toThrow(msg);
      expect(existsSync(join(out, 'm'))).toBe(false);
    });
  }
  it('the demo build step still copies a good checkpoint', () => {
    const { models } = hostile('good', () => {});
    const out = mkdtempSync(join(tmpdir(), 'wfr-demo-out-'));
    expect(copyCheckpoints(models, out).map((e) => e.name)).toEqual(['good']);
    expect(existsSync(join(out, 'good', bin))).toBe(true);
  });
});

describe('a damaged state.bin names the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wfr-state-'));
  const online = [new Float32Array([1, 2, 3]), new Float32Array([4])];
  saveTrainState(dir, { step: 3, rng: [1, 2, 3, 4], losses: [1, 2], timeScoreSteps: 0, online, ema: online, adamM: online, adamV: online }, { config: DEFAULT_TRAIN_CONFIG, standardization: { mean: [0, 0], scale: 1 } });
  const good = readFileSync(join(dir, 'state.bin'));
  const headerEnd = good.indexOf('}') + 1;
  const cases: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['empty', () => Buffer.alloc(0), /bad magic/],
    ['cut inside the magic line', (b) => b.subarray(0, 5), /bad magic/],
    ['cut before the header length', (b) => b.subarray(0, 12), /truncated/],
    ['cut inside the header', (b) => b.subarray(0, 30), /truncated header/],
    ['cut inside the payload', (b) => b.subarray(0, b.length - 8), /truncated payload/],
    ['cut by one byte', (b) => b.subarray(0, b.length - 1), /payload of \d+ bytes is not a whole number of float32 values/],
    ['one byte too long', (b) => Buffer.concat([b, Buffer.alloc(1)]), /payload of \d+ bytes is not a whole number/],
    ['four bytes too long', (b) => Buffer.concat([b, Buffer.alloc(4)]), /payload has 1 extra values/],
    ['garbage in the header', (b) => Buffer.concat([b.subarray(0, 14), Buffer.from('#!%'), b.subarray(17)]), /unreadable header/],
    ['a huge header length', (b) => (b.writeUInt32LE(0xffffffff, 10), b), /truncated header/],
    ['a fractional layout size', (b) => Buffer.from(b.toString('latin1').replace('"online":[3,1]', '"online":[3.5]'), 'latin1'), /field layout\.online has a bad size \(got 3\.5\)/],
    ['a header that is not an object', (b) => Buffer.concat([b.subarray(0, 14), Buffer.from(' '.repeat(headerEnd - 14)), b.subarray(headerEnd)]), /unreadable header|missing online/],
  ];
  for (const [what, damage, msg] of cases) {
    it(`${what}`, () => {
      const d = mkdtempSync(join(tmpdir(), 'wfr-state-'));
      writeFileSync(join(d, 'state.bin'), damage(Buffer.from(good)));
      expect(() => loadTrainState(d)).toThrow(msg);
      expect(() => loadTrainState(d)).toThrow(`corrupt training state ${join(d, 'state.bin')}: `);
    });
  }
  it('the undamaged file loads', () => expect(loadTrainState(dir).state.online).toEqual(online));
});

describe('runs whose tensors would exceed the cap are refused before allocating', () => {
  it('the sampling estimate: a bounded block plus O(N)', () => {
    expect(sampleTensorBytes(4000)).toBeLessThan(200 * 2 ** 20);
    expect(sampleTensorBytes(20_000) - sampleTensorBytes(10_000)).toBe(10_000 * 1024);
  });
  const tensorsBefore = () => tf.memory().numTensors;
  const sampleCases: [string, number][] = [['N = 3·10⁶', 3e6], ['N = 10⁹', 1e9]];
  for (const [what, n] of sampleCases) {
    it(`sampling ${what}: the settings check and the library entry point both refuse, with the estimate`, () => {
      const before = tensorsBefore();
      expect(() => checkSampleLimits({ n })).toThrow(new RegExp(`--n ${n} needs an estimated \\d+ MB of tensors, over the cap of 2048 MB`));
      expect(() => resolveSampleSettings({ n })).toThrow(/needs an estimated \d+ MB of tensors/);
      expect(tensorsBefore()).toBe(before);
    });
  }
  it('sampling N = 10⁶ is within the cap', () => expect(() => checkSampleLimits({ n: 1e6 })).not.toThrow());
  const trainCases: [string, Partial<typeof DEFAULT_TRAIN_CONFIG>, RegExp][] = [
    ['batch 10⁶', { batch: 1e6 }, /--batch 1000000 needs an estimated \d+ MB of tensors \(batch 1000000 × widest layer 128 × 4 bytes × 128 live intermediates/],
    ['batch 10⁵ with width 512', { batch: 1e5, hidden: [512, 512] }, /--batch 100000 needs an estimated \d+ MB/],
    ['hidden 100000,100000', { batch: 16, hidden: [100000, 100000] }, /--hidden 100000,100000 needs an estimated \d+ MB/],
  ];
  for (const [what, change, msg] of trainCases) {
    it(`training ${what} is refused by validateTrainConfig`, () => {
      expect(() => validateTrainConfig({ ...DEFAULT_TRAIN_CONFIG, ...change })).toThrow(msg);
      expect(() => new Trainer({ ...DEFAULT_TRAIN_CONFIG, ...change }, builtinSource('double-well'))).toThrow(msg);
    });
  }
  it('the default training config is within the cap', () => {
    expect(() => validateTrainConfig(DEFAULT_TRAIN_CONFIG)).not.toThrow();
    expect(MAX_TENSOR_BYTES).toBe(2 ** 31);
  });
});
