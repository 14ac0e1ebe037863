// What people type first: `--help` of every command prints a usage line and examples and exits
// 0 without doing the command's work (for `npm run data`, without rewriting data/; for `npm run
// docs`, without rewriting docs/guide.md), and a mistyped flag is named with the one meant.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nearestFlag, withSuggestions } from '../src/cli/common.js';

const root = join(import.meta.dirname, '..');

function run(script: string, args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
  let [out, err] = ['', ''];
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

/** Every file of data/ with its bytes' hash and modification time. */
function snapshot(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .map((f) => `${f} ${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')} ${statSync(join(dir, f)).mtimeMs}`);
}

describe('--help', () => {
  it.concurrent('npm run data -- --help prints usage and examples, exits 0, leaves data/ untouched', async () => {
    const before = snapshot(join(root, 'data'));
    const r = await run('scripts/make-data.ts', ['--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run data --/);
    expect(r.out).toMatch(/Examples:\n\s+npm run data --/);
    expect(r.out).not.toMatch(/\.csv: \d+ points/); // no file was written
    expect(snapshot(join(root, 'data'))).toEqual(before);
  });

  it.concurrent('npm run train -- --help lists the choices of --sde and --dataset', async () => {
    const r = await run('src/cli/train.ts', ['--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run train --/);
    expect(r.out).toMatch(/--sde[^\n]*\[choices: "vp", "subvp", "ve", "ve0"\]/);
    expect(r.out).toMatch(/--dataset[\s\S]*\[choices: "eight-gaussians", "eight-gaussians-imbalanced",[\s\S]*"double-well"/);
    expect(r.out).toMatch(/Examples:/);
  });

  for (const [name, script] of [['bench', 'scripts/bench.ts'], ['demo', 'scripts/demo.ts']]) {
    it.concurrent(`npm run ${name} -- --help prints usage and examples`, async () => {
      const r = await run(script, ['--help']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(new RegExp(`^Usage: npm run ${name} --`));
      expect(r.out).toMatch(/Examples:/);
    });
  }

  it.concurrent('npm run docs -- --help prints usage and examples, exits 0, leaves docs/guide.md untouched', async () => {
    const before = snapshot(join(root, 'docs'));
    const r = await run('scripts/docs.ts', ['--help']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Usage: npm run docs --/);
    expect(r.out).toMatch(/Examples:\n\s+npm run docs --/);
    expect(r.out).not.toMatch(/regenerated/);
    expect(snapshot(join(root, 'docs'))).toEqual(before);
  });
});

describe('a mistyped flag', () => {
  const known = ['help', 'version', 'steps', 'seed', 'sampler', 'beta', 'beta-min', 'beta-max', 'time-score-steps', 'time-score-weight'];

  it('is answered with the flag within two edits, or the one flag it begins', () => {
    expect(nearestFlag('step', known)).toBe('steps');
    expect(nearestFlag('bata-max', known)).toBe('beta-max');
    expect(nearestFlag('time-score-step', known)).toBe('time-score-steps');
    expect(nearestFlag('time-score', known)).toBeUndefined(); // begins two flags: no guess
    expect(nearestFlag('zzz', known)).toBeUndefined();
    expect(nearestFlag('n', ['n', 'seed'])).toBe('n');
  });

  it("keeps yargs' message, drops its camelCase twins, and adds the guess", () => {
    expect(withSuggestions('Unknown argument: step', known)).toBe('Unknown argument: step (did you mean --steps?)');
    expect(withSuggestions('Unknown arguments: bata-max, bataMax, zzz', known)).toBe('Unknown arguments: bata-max, zzz (--bata-max: did you mean --beta-max?)');
    expect(withSuggestions('Unknown argument: zzz', known)).toBe('Unknown argument: zzz');
    expect(withSuggestions('Missing required argument: x', known)).toBe('Missing required argument: x');
  });

  it.concurrent('npm run sample -- --step 20 stops before sampling and names --steps', async () => {
    const r = await run('src/cli/sample.ts', ['--step', '20']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: Unknown argument: step \(did you mean --steps\?\)$/m);
    expect(r.out).not.toMatch(/wrote/);
  });

  it.concurrent('npm run bench -- --quik names --quick as one line, without a stack', async () => {
    const r = await run('scripts/bench.ts', ['--quik']);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe('error: Unknown argument: quik (did you mean --quick?)');
  });
});
