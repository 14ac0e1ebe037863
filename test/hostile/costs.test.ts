// Class 5 of the hostile inputs: costs are bounded before the work starts. The exact masses of
// p^β (whose grid grows with β) refuse a β they cannot compute, naming it and the bound; the
// page refuses URL parameters it cannot bear; the training memory estimate covers wide networks;
// `npm run demo --port` and `npm run data --out` fail at once in one line, leaving nothing behind.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageParamProblems } from '../../demo/pageParams.js';
import { trainTensorBytes } from '../../src/config/limits.js';
import { getDataset } from '../../src/data/datasets.js';
import { annealedCellMasses } from '../../src/data/mixture.js';
import { evalSamplesFile } from '../../src/node/evalCommand.js';
import { checkOutDir } from '../../src/node/files.js';
import { checkPortFree, parsePort } from '../../scripts/demoPort.js';
import { root } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-costs-'));

describe('the exact masses of p^β are bounded before they start', () => {
  const cases: [string, number, RegExp][] = [
    ['eight-gaussians-imbalanced', 1e308, /β = 1e\+308: the exact mode masses of p\^β need .*× the 1e\+8 grid-cell evaluations computed .*; β ≤ 1[0-9]00 is within it/],
    ['eight-gaussians-imbalanced', 1e6, /β = 1000000: .*; β ≤ 1[0-9]00 is within it/],
    ['gmm40', 1e4, /β = 10000: .*β ≤ \d+ is within it/],
    ['eight-gaussians-imbalanced', 1e-300, /β = 1e-300 is too small for exact mode masses: .*; β ≥ 3\.2e-13/],
  ];
  for (const [name, beta, message] of cases) {
    it(`${name} at β = ${beta}`, () => expect(() => annealedCellMasses(getDataset(name).mixture!, beta)).toThrow(message));
  }
  it('tiny β that is computable gives the flat limit, not NaN (equal cells of eight equal sectors)', () => {
    for (const m of annealedCellMasses(getDataset('eight-gaussians-imbalanced').mixture!, 1e-9)) expect(m).toBeCloseTo(0.125, 3);
  });
  it('double-well at β = 1e308 and 1e-300 stays finite', () => {
    const a = getDataset('double-well').modes!.annealed!;
    expect(a(1e308).every(Number.isFinite)).toBe(true);
    expect(a(1e-300).every(Number.isFinite)).toBe(true);
  });
  it('eval --beta 1e308 is refused before scoring, naming --beta', () => {
    const samples = join(tmp, 's.csv');
    writeFileSync(samples, 'x,y\n0,0\n1,1\n');
    expect(() => evalSamplesFile({ samples, dataset: 'eight-gaussians-imbalanced', beta: 1e308, referenceSeed: 0, log: () => {} })).toThrow(/^--beta 1e\+308: β = 1e\+308: the exact mode masses/);
  });
});

describe("the page's URL parameters: unknown or unbearable values are visible errors", () => {
  const cases: [string, RegExp][] = [
    ['beta=1e4', /β must be a number from 0\.05 to 20 in the page \(got 10000\) \(\?beta=1e4\)/],
    ['steps=1e9', /Steps must be a whole number from 1 to 5,000 in the page \(got 1000000000\)/],
    ['n=1e7', /N \(particles\) must be a whole number from 1 to 20,000/],
    ['trainSteps=-1', /Training steps must be a whole number from 1 to 200,000 in the page \(got -1\)/],
    ['trainSteps=abc', /Training steps must be a whole number .*\(got NaN\) \(\?trainSteps=abc\)/],
    ['left=nope', /There is no sampler “nope” \(\?left=\)\. Samplers: em, /],
    ['right=', /There is no sampler “” \(\?right=\)/],
    ['backend=webgpu', /There is no backend “webgpu” \(\?backend=\)\. Backends: webgl, wasm, cpu/],
    ['threads=0', /Threads must be a whole number from 1 to 64/],
  ];
  for (const [query, message] of cases) it(`?${query}`, () => expect(pageParamProblems(new URLSearchParams(query)).join(' ')).toMatch(message));
  it('good parameters pass', () => expect(pageParamProblems(new URLSearchParams('left=fk&right=wfr&steps=40&n=2000&beta=2&backend=wasm&trainSteps=300&threads=2'))).toEqual([]));
});

describe('the training memory estimate covers wide networks', () => {
  // Measured (src/config/limits.ts): 3 × 2000 at batch 32 reached a max RSS of 660 MB in 9 steps.
  it('3 × 2000 at batch 32 is estimated above the 660 MB measured', () => expect(trainTensorBytes(32, [2000, 2000, 2000], 34)).toBeGreaterThan(660 * 2 ** 20));
  it('the default network stays small', () => expect(trainTensorBytes(1024, [128, 128, 128], 34)).toBeLessThan(100 * 2 ** 20));
});

function script(name: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], { cwd: root });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

describe('npm run demo --port and npm run data --out fail at once, in one line', () => {
  const file = join(tmp, 'a-file');
  writeFileSync(file, 'x');
  for (const [text, message] of [['abc', 'got "abc"'], ['-1', 'got "-1"'], ['0', 'got "0"'], ['70000', 'got "70000"'], ['', 'got ""'], ['80.5', 'got "80.5"']]) {
    it(`--port ${JSON.stringify(text)}`, () => expect(() => parsePort(text)).toThrow(`--port must be a whole number from 1 to 65535, ${message}`));
  }
  it('--port in use', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    await expect(checkPortFree(port)).rejects.toThrow(`--port ${port}: in use by another program (choose another --port)`);
    busy.close();
  });
  it('--out an existing file, or under one', () => {
    expect(() => checkOutDir(file)).toThrow(/--out ".*a-file" is an existing file, not a folder/);
    expect(() => checkOutDir(join(file, 'sub'))).toThrow(/--out ".*a-file\/sub": .*a-file is a file, so the folder cannot be created/);
  });
  it.concurrent('through the CLIs: exit 1, one line, nothing left', async () => {
    const [demo, data] = await Promise.all([script('demo', ['--port', 'abc']), script('make-data', ['--out', '/proc/1/x', '--dataset', 'two-moons'])]);
    expect([demo.code, data.code]).toEqual([1, 1]);
    expect(demo.err).toBe('error: --port must be a whole number from 1 to 65535, got "abc"\n');
    expect(data.err).toMatch(/^error: --out "\/proc\/1\/x": [^\n]*\n$/);
    expect(existsSync('/proc/1/x')).toBe(false);
  });
});
