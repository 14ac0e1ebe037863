// Class 7 of the hostile inputs: nothing typed is silently ignored or replaced. Sampler flags the
// chosen sampler does not read, SDE parameters of another SDE, --dataset beside --data, sampler
// flags with a --samples file, a bad --reference-seed, one model given twice to
// --potential-masses, two sampling runs on one --out; and names from untrusted files reach the
// terminal with their escape sequences made visible.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/common.js';
import { checkReferenceSeed, checkSamplerFlagsUsed, checkSamplesFileFlags, checkSdeFlagsUsed } from '../../src/cli/flagUse.js';
import { evalPotentialMasses } from '../../src/node/evalCommand.js';
import { acquireLock } from '../../src/node/lock.js';
import { trainSetup } from '../../src/node/trainSetup.js';
import { cli, root } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-ignored-'));
const shipped = join(root, 'models', 'double-well');

describe('sampler flags the sampler does not read are refused', () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['--keep-weights with em', { sampler: 'em', keepWeights: true }, /^--keep-weights is read only by the weighted samplers \(fk, wfr\), not by --sampler em/],
    ['--self-kernel with em', { sampler: 'em', selfKernel: 0.2 }, /^--self-kernel is read only by wfr's reaction/],
    ['--alpha with fk', { sampler: 'fk', alpha: 5 }, /^--alpha is read only by wfr's reaction .* not by --sampler fk/],
    ['--ess-threshold with wfr', { sampler: 'wfr', essThreshold: 0.3 }, /^--ess-threshold is read only by fk/],
    ['--snr with em', { sampler: 'em', snr: 0.2 }, /^--snr is read only by a Langevin or MALA corrector/],
    ['--t-off with ode', { sampler: 'ode', tOff: 0.1 }, /^--t-off is read only by the weighted samplers/],
  ];
  for (const [what, settings, message] of refused) {
    it(what, () => expect(() => checkSamplerFlagsUsed(settings, new Set(Object.keys(settings).filter((k) => k !== 'sampler')))).toThrow(message));
  }
  const taken: [string, Record<string, unknown>][] = [
    ['--snr with pc', { sampler: 'pc', snr: 0.2 }],
    ['--alpha with wfr', { sampler: 'wfr', alpha: 5 }],
    ['--alpha with em and --corrector wfr', { sampler: 'em', corrector: 'wfr', alpha: 5 }],
    ['--keep-weights with fk', { sampler: 'fk', keepWeights: true }],
  ];
  for (const [what, settings] of taken) it(`taken: ${what}`, () => expect(() => checkSamplerFlagsUsed(settings, new Set(Object.keys(settings)))).not.toThrow());
  it('an SDE parameter of another SDE', () => {
    expect(() => checkSdeFlagsUsed('ve', new Set(['sde', 'betaMin']))).toThrow('--beta-min is a parameter of the variance-preserving SDEs, not of ve');
    expect(() => checkSdeFlagsUsed(undefined, new Set(['sigmaMax']))).toThrow('--sigma-max is a parameter of the variance-exploding SDEs, not of vp (the default; choose --sde)');
    expect(() => checkSdeFlagsUsed('subvp', new Set(['sde', 'sigmaMin']))).toThrow('--sigma-min is a parameter of the variance-exploding SDEs, not of subvp');
    for (const ve of ['ve', 've0']) expect(() => checkSdeFlagsUsed(ve, new Set(['sde', 'sigmaMax', 'sigmaMin']))).not.toThrow();
  });
  it('--dataset beside --data', () => {
    const data = join(tmp, 'd.csv');
    writeFileSync(data, 'x,y\n1,2\n3,4\n');
    expect(() => trainSetup({ values: { data, dataset: 'two-moons' }, typed: new Set(['data', 'dataset']), out: join(tmp, 'never'), resume: false, force: false })).toThrow(
      '--dataset and --data both name the training data: give one',
    );
  });
});

describe('eval refuses what it would ignore', () => {
  it('--reference-seed -1, abc, 0.5', () => {
    expect(() => checkReferenceSeed(-1)).toThrow('--reference-seed must be an integer in [0, 4294967295], got -1');
    expect(() => checkReferenceSeed(NaN)).toThrow('got not a number');
    expect(() => checkReferenceSeed(0.5)).toThrow('got 0.5');
    expect(() => checkReferenceSeed(7)).not.toThrow();
  });
  it('sampler flags with a --samples file (but --beta)', () => {
    expect(() => checkSamplesFileFlags(new Set(['samples', 'dataset', 'steps']))).toThrow('--steps sets how --model is sampled; a --samples file is scored as it is');
    expect(() => checkSamplesFileFlags(new Set(['samples', 'dataset', 'keepWeights']))).toThrow('--keep-weights sets how --model is sampled');
    expect(() => checkSamplesFileFlags(new Set(['samples', 'dataset', 'beta']))).not.toThrow();
  });
  it('one model twice to --potential-masses', async () => {
    await expect(evalPotentialMasses({ models: [shipped, shipped], backend: 'wasm' })).rejects.toThrow("--potential-masses measures one model's own density: give one --model, not 2");
  });
  it.concurrent('through the CLI: exit 1, the flag named', async () => {
    const samples = join(tmp, 's.csv');
    writeFileSync(samples, 'x,y\n' + Array.from({ length: 40 }, (_, i) => `${Math.cos(i)},${Math.sin(i)}`).join('\n') + '\n');
    const r = await cli('eval', ['--samples', samples, '--dataset', 'two-moons', '--reference-seed=-1']);
    expect(r.code).toBe(1);
    expect(r.err).toBe('error: --reference-seed must be an integer in [0, 4294967295], got -1\n');
  });
});

describe('two sampling runs on one --out: the second is refused', () => {
  it('the lock of a sampling output names its holder', () => {
    const dir = join(tmp, 'locked');
    const release = acquireLock(dir, () => {}, { name: 's.csv.lock', holder: `another sampling run is writing ${join(dir, 's.csv')}` });
    expect(() => acquireLock(dir, () => {}, { name: 's.csv.lock', holder: 'x' })).toThrow(`${join(dir, 's.csv.lock')} is held by process ${process.pid}: x (wait for it, or use another --out)`);
    release();
    expect(existsSync(dir)).toBe(false); // the folder it made, empty again, goes too
  });
  it.concurrent('through the CLI: a run on an --out another live process is writing exits 1 at once, leaving its files alone', async () => {
    const dir = mkdtempSync(join(tmp, 'two-'));
    const out = join(dir, 's.csv');
    // The first run's lock (this test process stands for it: a live pid) and its earlier output.
    writeFileSync(`${out}.lock`, `${process.pid}\n`);
    writeFileSync(out, 'x,y\n1,2\n');
    const second = await cli('sample', ['--steps', '5', '--n', '50', '--out', out, '--backend', 'wasm']);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(`${out}.lock is held by process ${process.pid}: another sampling run is writing ${out}`);
    expect(second.out).not.toMatch(/N = 50/);
    expect(readdirSync(dir).sort()).toEqual(['s.csv', 's.csv.lock']);
    expect(readFileSync(out, 'utf8')).toBe('x,y\n1,2\n');
  });
});

describe('names from untrusted files reach the terminal escaped', () => {
  it('printable() makes control and bidi characters visible', () => {
    expect(printable('a\u001b[2Jb\u0007c\u202ed\te\nf')).toBe('a\\x1b[2Jb\\x07c\\u{202e}d\te\nf');
  });
  it.concurrent('a checkpoint named with an escape sequence prints escaped', async () => {
    const dir = join(tmp, 'evil');
    mkdirSync(dir);
    const json = JSON.parse(readFileSync(join(shipped, 'model.json'), 'utf8'));
    for (const p of json.weightsManifest[0].paths) copyFileSync(join(shipped, p), join(dir, p));
    json.userDefinedMetadata.wfr.dataset.name = 'evil\u001b]0;pwned\u0007\u001b[2J';
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    const r = await cli('sample', ['--model', dir, '--steps', '3', '--n', '20', '--out', join(tmp, 'evil.csv'), '--no-plot', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('evil\\x1b]0;pwned\\x07\\x1b[2J');
    expect(r.out + r.err).not.toContain('\u001b');
  });
});
