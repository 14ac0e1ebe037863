// The command lines as a user meets them: every bad input gives one clear line naming the
// problem and a non-zero exit, nothing half-written is left behind, Ctrl-C keeps a checkpoint,
// and every sampler runs from a freshly trained checkpoint.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMeta } from '../src/checkpointSchema.js';
import { parseSamplesCsv } from '../src/data/csv.js';
import { defaultTOff, NOISE_LADDER } from '../src/sampling/cutoff.js';
import { makeSde } from '../src/sde.js';
import { SAMPLER_NAMES } from '../src/sampling/samplers.js';
import { cli, root } from './support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'wfr-cli-'));

// A checkpoint whose manifest points out of its folder (at another checkpoint's weights).
const escaping = join(tmp, 'escaping');

const tiny = ['--steps', '20', '--time-score-steps', '0', '--hidden', '16,16', '--batch', '64', '--backend', 'wasm'];
const vpModel = join(tmp, 'vp');
const veModel = join(tmp, 've');

beforeAll(async () => {
  const runs = [[vpModel, 'vp'], [veModel, 've']].map(([out, sde]) =>
    cli('train', ['--dataset', 'eight-gaussians-imbalanced', '--sde', sde, '--out', out, ...tiny]),
  );
  for (const r of await Promise.all(runs)) expect(r.code, r.err).toBe(0);
  const json = JSON.parse(readFileSync(join(vpModel, 'model.json'), 'utf8'));
  json.weightsManifest[0].paths = json.weightsManifest[0].paths.map((p: string) => `../vp/${p}`);
  mkdirSync(escaping);
  writeFileSync(join(escaping, 'model.json'), JSON.stringify(json));
}, 120_000);

describe('npm run train: bad input', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown dataset', ['--dataset', 'nine-gaussians'], /Argument: dataset, Given: "nine-gaussians", Choices: .*"double-well"/],
    ['unknown SDE', ['--sde', 'vpp'], /Argument: sde, Given: "vpp", Choices: "vp", "subvp", "ve"/],
    ['unknown backend', ['--backend', 'gpu'], /Argument: backend, Given: "gpu", Choices: "auto", "tensorflow", "wasm", "cpu"/],
    ['non-numeric steps', ['--steps', 'many'], /--steps must be an integer ≥ 1, got NaN/],
    ['negative lr', ['--lr', '-1'], /--lr must be a finite number > 0, got -1/],
    ['bad hidden sizes', ['--hidden', '64,x'], /--hidden must be a comma-separated list of integers ≥ 1, got 64,NaN/],
    ['lr-final out of range', ['--lr-final', '0'], /--lr-final must be a finite number in \(0, 1\], got 0/],
    ['a flag given twice', ['--batch', '8', '--batch', '16'], /--batch was given 2 times; give it once/],
    ['unknown flag', ['--stepz', '3'], /Unknown argument: stepz/],
    ['resume without a checkpoint', ['--resume', '--out', join(tmp, 'nothing')], /cannot resume: no training state at .*nothing\/state\.bin/],
    ['resume changing a fixed flag', ['--resume', '--out', vpModel, '--batch', '8'], /--batch cannot change on --resume/],
    ['resume changing a fixed kebab-case flag', ['--resume', '--out', vpModel, '--output-scale', 'sigma'], /--output-scale cannot change on --resume/],
    ['an existing checkpoint without --resume or --force', ['--out', vpModel], /already holds a checkpoint: --resume continues it, --force replaces it/],
  ];
  cases.push(
    ['a batch over the memory cap', ['--batch', '10000000'], /--batch 10000000 needs an estimated \d+ MB of tensors .* over the cap of 2048 MB/],
    ['hidden widths over the memory cap', ['--hidden', '100000,100000'], /--hidden 100000,100000 needs an estimated \d+ MB of tensors/],
  );
  cases.forEach(([what, args, msg], i) => {
    it.concurrent(what, async () => {
      // A fresh nested --out per case: a refused run must not leave even the folder behind.
      const never = join(tmp, `never-${i}`, 'nested');
      const extra = [...(args.includes('--out') ? [] : ['--out', never]), ...(args.includes('--steps') ? [] : ['--steps', '1'])];
      // Cases on the trained checkpoint get their own copy: concurrent runs on one folder would
      // (rightly) meet each other's lock instead of the refusal under test.
      const own = join(tmp, `copy-${i}`);
      if (args.includes(vpModel)) cpSync(vpModel, own, { recursive: true });
      const r = await cli('train', [...args.map((a) => (a === vpModel ? own : a)), ...extra]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
      expect(r.err).not.toMatch(/at .*\.ts:\d+/); // one line, no stack
      expect(existsSync(join(tmp, `never-${i}`))).toBe(false);
    });
  });

  const file = join(tmp, 'a-file');
  writeFileSync(file, 'not a folder\n');
  const outs: [string, string, RegExp][] = [
    ["--out ''", '', /--out must name a folder, got ''/],
    ['--out an existing file', file, /--out ".*a-file" is an existing file, not a folder/],
    ['--out under a file', join(file, 'sub'), /--out ".*a-file\/sub": .*a-file is a file, so the folder cannot be created/],
    ['--out where no folder can be made', '/proc/wfr-no/out', /cannot create --out \/proc\/wfr-no\/out: ENOENT/],
  ];
  for (const [what, out, msg] of outs) {
    it.concurrent(`${what}: refused before any step`, async () => {
      const r = await cli('train', ['--out', out, ...tiny]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
      expect(r.out).not.toMatch(/backend:|training/); // nothing started
      expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
    });
  }

  it.concurrent('a malformed CSV names the file and line', async () => {
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, 'a,b\n1,2\n3,nan\n');
    const r = await cli('train', ['--data', file, '--out', join(tmp, 'never2'), ...tiny]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${file}:3: 'nan' is not a finite number`));
  });

  it.concurrent('a corrupt training state is reported, not trusted', async () => {
    const dir = join(tmp, 'corrupt');
    await cli('train', ['--out', dir, ...tiny]);
    writeFileSync(join(dir, 'state.bin'), 'garbage');
    const r = await cli('train', ['--resume', '--out', dir, '--steps', '30']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/corrupt training state .*state\.bin: bad magic/);
  });
});

describe('npm run train: runs', () => {
  it.concurrent('trains on a user CSV, records the file, and resumes to more steps', async () => {
    const file = join(tmp, 'mine.csv');
    writeFileSync(file, 'u,v\n' + Array.from({ length: 300 }, (_, i) => `${Math.cos(i)},${Math.sin(i) * 2}`).join('\n') + '\n');
    const dir = join(tmp, 'mine');
    expect((await cli('train', ['--data', file, '--out', dir, ...tiny])).code).toBe(0);
    const meta = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).userDefinedMetadata.wfr;
    expect(meta.dataset).toEqual({ name: 'csv', file });
    const r = await cli('train', ['--resume', '--out', dir, '--steps', '30']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/resuming at step 20 of 30/);
    const resumed = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).userDefinedMetadata.wfr;
    expect(resumed.training.step).toBe(30);
    expect(resumed.dataset).toEqual({ name: 'csv', file }); // from the checkpoint, not --dataset's default
    for (const f of ['loss.csv', 'loss.png', 'train.json']) expect(existsSync(join(dir, f))).toBe(true);
  });

  it.concurrent('--time-score-steps runs a time-score phase of its own after the DSM phase, in one command', async () => {
    const dir = join(tmp, 'recipe');
    const r = await cli('train', ['--out', dir, '--steps', '12', '--time-score-steps', '8', '--hidden', '16,16', '--batch', '64', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/training 12 DSM steps, then 8 with the time-score term/);
    const meta = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).userDefinedMetadata.wfr;
    expect(meta.training).toMatchObject({ step: 20, timeScoreSteps: 8 });
    expect(meta.training.config.timeScorePhase).toEqual({ start: 12, lr: 2e-4, lrFinalFraction: 0.05, weight: 1, reference: 256 });
    expect(meta.cutoff.masses.map((m: { noise: number }) => m.noise)).toEqual(NOISE_LADDER);
  });

  /** Starts a long run on `dir`; resolves once it is training. */
  async function longRun(dir: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/train.ts', '--out', dir, '--steps', '100000', '--time-score-from', '100000', '--stop-when-good', '0', '--hidden', '16,16', '--batch', '64', '--backend', 'wasm'], { cwd: root });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (/training 100000 steps/.test(out)) {
          clearInterval(poll);
          setTimeout(resolve, 1500);
        }
      }, 100);
    });
    return { child, exited, err: () => err };
  }

  const savedStep = (dir: string) => JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')).userDefinedMetadata.wfr.training.step;

  const signals: [NodeJS.Signals, number][] = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]];
  for (const [signal, exitCode] of signals) {
    it.concurrent(`${signal} saves a checkpoint and exits ${exitCode}`, async () => {
      const dir = join(tmp, `signal-${signal}`);
      const run = await longRun(dir);
      run.child.kill(signal);
      expect(await run.exited).toBe(exitCode);
      expect(run.err()).toMatch(new RegExp(`${signal === 'SIGINT' ? 'interrupted' : signal}: saving a checkpoint`));
      expect(savedStep(dir)).toBeGreaterThan(0);
      expect(savedStep(dir)).toBeLessThan(100000);
      expect(existsSync(join(dir, 'state.bin'))).toBe(true);
      expect(existsSync(join(dir, '.lock'))).toBe(false);
    }, 90_000);
  }

  it.concurrent('a second run on the same --out stops at once naming the lock; the first still saves', async () => {
    const dir = join(tmp, 'locked');
    const first = await longRun(dir);
    const t0 = performance.now();
    const second = await cli('train', ['--out', dir, '--force', ...tiny]);
    expect(second.code).toBe(1);
    expect(second.err).toMatch(new RegExp(`${dir}/\\.lock is held by process ${first.child.pid}: another training run is writing to ${dir}`));
    expect(second.out).not.toMatch(/training/);
    expect(performance.now() - t0).toBeLessThan(20_000); // at once: no step was run
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(savedStep(dir)).toBeGreaterThan(0);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  }, 90_000);

  it.concurrent('a stale lock of a dead process is taken over with a note', async () => {
    const dir = join(tmp, 'stale');
    const dead = spawn('true');
    await new Promise((r) => dead.on('exit', r));
    mkdirSync(dir);
    writeFileSync(join(dir, '.lock'), `${dead.pid}\n`);
    const r = await cli('train', ['--out', dir, ...tiny]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`note: taking over the stale lock ${dir}/\\.lock \\(process ${dead.pid} is not running\\)`));
    expect(existsSync(join(dir, 'model.json'))).toBe(true);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });
});

describe('npm run sample', () => {
  for (const sampler of SAMPLER_NAMES) {
    it.concurrent(`${sampler} runs on a freshly trained checkpoint and writes CSV, JSON, picture`, async () => {
      const out = join(tmp, `s-${sampler}.csv`);
      const r = await cli('sample', ['--model', vpModel, '--sampler', sampler, '--steps', '8', '--n', '300', '--out', out, '--backend', 'wasm']);
      expect(r.code, r.err).toBe(0);
      const parsed = parseSamplesCsv(readFileSync(out, 'utf8'), out);
      expect(parsed.points.length).toBe(600);
      expect(parsed.weights).toBeUndefined();
      const report = JSON.parse(readFileSync(out.replace('.csv', '.json'), 'utf8'));
      expect(report.settings.seed).toBe(0);
      expect(report.trace.ess).toHaveLength(8);
      // The cut-off measured at the end of training: a 20-step model's masses are right only at high noise.
      const meta = parseMeta(JSON.parse(readFileSync(join(vpModel, 'model.json'), 'utf8')).userDefinedMetadata.wfr, 'vp');
      expect(meta.cutoff?.rule).toBe('measured');
      expect(report.settings.tOff).toBe(defaultTOff([meta], makeSde('vp')));
      expect(report.settings.tOff).toBeGreaterThanOrEqual(0.2);
      expect(existsSync(out.replace('.csv', '.png'))).toBe(true);
    });
  }

  it.concurrent('--keep-weights writes a weight column that sums to 1', async () => {
    const out = join(tmp, 'weighted.csv');
    const r = await cli('sample', ['--model', vpModel, '--sampler', 'fk', '--steps', '5', '--n', '200', '--out', out, '--keep-weights', '--no-plot']);
    expect(r.code, r.err).toBe(0);
    const { weights } = parseSamplesCsv(readFileSync(out, 'utf8'), out);
    expect(weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it.concurrent('prints the model it uses; the default output name tells shipped models apart', async () => {
    const r = await cli('sample', ['--sampler', 'em', '--steps', '3', '--n', '50', '--no-plot', '--backend', 'wasm']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/model: .*models\/eight-gaussians-imbalanced \(eight-gaussians-imbalanced, vp SDE, step \d+\)/);
    expect(r.out).toMatch(/wrote out\/shipped-eight-gaussians-imbalanced-em\.csv/);
  });

  it.concurrent('a product of two compatible models runs', async () => {
    const out = join(tmp, 'product.csv');
    const r = await cli('sample', ['--model', vpModel, '--model', vpModel, '--sampler', 'wfr', '--steps', '5', '--n', '200', '--out', out, '--no-plot']);
    expect(r.code, r.err).toBe(0);
  });

  const bad: [string, string[], RegExp][] = [
    ['missing checkpoint', ['--model', join(tmp, 'nope')], /no checkpoint at .*nope/],
    ['unknown sampler', ['--model', vpModel, '--sampler', 'langevin'], /Invalid values:[\s\S]*langevin/],
    ['non-positive N', ['--model', vpModel, '--n', '0'], /--n must be an integer ≥ 1, got 0/],
    ['non-positive steps', ['--model', vpModel, '--steps', '-3'], /--steps must be an integer ≥ 1, got -3/],
    ['negative alpha', ['--model', vpModel, '--alpha', '-1'], /--alpha must be a finite number ≥ 0, got -1/],
    ['fractional seed', ['--model', vpModel, '--seed', '1.5'], /--seed must be an integer in \[0, 4294967295\], got 1.5/],
    ['negative seed', ['--model', vpModel, '--seed', '-1'], /--seed must be an integer in \[0, 4294967295\], got -1/],
    ['seed past 32 bits', ['--model', vpModel, '--seed', '4294967296'], /--seed must be an integer in \[0, 4294967295\], got 4294967296/],
    ['t-off above 1', ['--model', vpModel, '--t-off', '2'], /--t-off must be a finite number in \[0, 1\], got 2/],
    ['a number in hex', ['--model', vpModel, '--steps', '0x10'], /--steps must be an integer ≥ 1, got NaN/],
    ['a flag given twice', ['--model', vpModel, '--n', '10', '--n', '20'], /--n was given 2 times; give it once/],
    ['incompatible product', ['--model', vpModel, '--model', veModel], /incompatible models in a product: .* use different SDEs/],
    ['N over the memory cap', ['--model', vpModel, '--n', '10000000'], /--n 10000000 needs an estimated \d+ MB of tensors, over the cap of 2048 MB/],
    ['a weights path out of the checkpoint folder', ['--model', escaping], /escaping\/model\.json: weights path "\.\.\/vp\/weights-\d+\.bin" leads out of the checkpoint folder/],
  ];
  for (const [what, args, msg] of bad) {
    it.concurrent(`${what}: clear error, no output file`, async () => {
      const out = join(tmp, `bad-${what.replace(/\W/g, '')}.csv`);
      const r = await cli('sample', [...args, '--out', out]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
      expect(existsSync(out)).toBe(false);
    });
  }

  const dirCsv = join(tmp, 'a-folder.csv');
  mkdirSync(dirCsv, { recursive: true });
  const aFile = join(tmp, 'plain-file');
  writeFileSync(aFile, 'x\n');
  const outputs: [string, 'sample' | 'eval', string[], RegExp][] = [
    ['sample --out an existing folder', 'sample', ['--out', dirCsv], /--out ".*a-folder\.csv" is an existing folder, not a file/],
    ['sample --out under a file', 'sample', ['--out', join(aFile, 'x.csv')], /--out ".*plain-file\/x\.csv": .*plain-file is a file, so the folder cannot be created/],
    ['sample --plot an existing folder', 'sample', ['--out', join(tmp, 'o1.csv'), '--plot', tmp], /--plot ".*" is an existing folder, not a file/],
    ['sample --plot under a file', 'sample', ['--out', join(tmp, 'o2.csv'), '--plot', join(aFile, 'p.png')], /--plot .* is a file, so the folder cannot be created/],
    ['sample --plot-range not four numbers', 'sample', ['--out', join(tmp, 'o1.csv'), '--plot-range', '1,2,3'], /--plot-range must be four numbers x0,x1,y0,y1, got '1,2,3'/],
    ['sample --animate not a .gif', 'sample', ['--out', join(tmp, 'o1.csv'), '--animate', join(tmp, 'run.png')], /--animate must name a \.gif file, got .*run\.png/],
    ['sample --animate under a file', 'sample', ['--out', join(tmp, 'o1.csv'), '--animate', join(aFile, 'run.gif')], /--animate .* is a file, so the folder cannot be created/],
    ['sample --animate-size out of range', 'sample', ['--out', join(tmp, 'o1.csv'), '--animate', join(tmp, 'run.gif'), '--animate-size', '10'], /--animate-size must be an integer from 64 to 1024, got 10/],
    ['eval --json an existing folder', 'eval', ['--json', dirCsv], /--json ".*a-folder\.csv" is an existing folder, not a file/],
    ['eval --json under a file', 'eval', ['--json', join(aFile, 'r.json')], /--json .* is a file, so the folder cannot be created/],
    ["eval --json ''", 'eval', ['--json', ''], /--json must name a file, got ''/],
    ['eval --plot under a file', 'eval', ['--json', join(tmp, 'o3.json'), '--potential-masses', '--plot', join(aFile, 'p.png')], /--plot .* is a file, so the folder cannot be created/],
  ];
  for (const [what, script, args, msg] of outputs) {
    it.concurrent(`${what}: refused before sampling, nothing written`, async () => {
      const r = await cli(script, ['--model', vpModel, '--steps', '3', '--n', '50', ...args]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
      expect(r.out).not.toMatch(/wrote|scoring|mode weights/);
      for (const f of ['o1', 'o2']) expect(existsSync(join(tmp, `${f}.csv`)) || existsSync(join(tmp, `${f}.json`))).toBe(false);
      expect(existsSync(join(tmp, 'o3.json'))).toBe(false);
      expect(readFileSync(aFile, 'utf8')).toBe('x\n');
    });
  }

  it.concurrent('a corrupt checkpoint is reported', async () => {
    const dir = join(tmp, 'corrupt-model');
    await cli('train', ['--out', dir, ...tiny]);
    writeFileSync(join(dir, 'model.json'), '{"modelTopology": 3');
    const r = await cli('sample', ['--model', dir, '--out', join(tmp, 'x.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/corrupt checkpoint .*model\.json/);
  });
});

describe('npm run eval', () => {
  it.concurrent('scores a good samples file: every metric with its floor, JSON beside it', async () => {
    const out = join(tmp, 'good.csv');
    writeFileSync(out, readFileSync(join(root, 'data', 'eight-gaussians-imbalanced.csv'), 'utf8'));
    const r = await cli('eval', ['--samples', out, '--dataset', 'eight-gaussians-imbalanced']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/MMD² \(RBF mixture\)\s+↓ lower\s+\S+\s+\S+/);
    expect(r.out).toMatch(/modes covered \(of 8\)\s+↑ higher\s+8\s+8/);
    const report = JSON.parse(readFileSync(join(tmp, 'good.eval.json'), 'utf8'));
    const mode = report.metrics.find((m: { metric: string }) => m.metric.startsWith('mode-weight'));
    expect(mode.value).toBeLessThan(0.06); // the reference data themselves: at the floor
    expect(mode.floor).toBeGreaterThan(0);
  });

  it.concurrent('scores against your own data with --data: floors from two halves of it', async () => {
    const ref = join(tmp, 'mine.csv');
    const samples = join(tmp, 'mine-samples.csv');
    const lines = readFileSync(join(root, 'data', 'two-moons.csv'), 'utf8').trim().split('\n');
    writeFileSync(ref, ['a,b', ...lines.slice(1)].join('\n') + '\n'); // any header: a user's file
    writeFileSync(samples, ['x,y', ...lines.slice(1, 1001)].join('\n') + '\n');
    const r = await cli('eval', ['--samples', samples, '--data', ref]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(join(tmp, 'mine-samples.eval.json'), 'utf8'));
    const mmd = report.metrics.find((m: { metric: string }) => m.metric.startsWith('MMD'));
    // 1000 samples drawn from the 4000 reference points, scored against 1000 others of them.
    expect(mmd.floor).toBeGreaterThan(0);
    expect(mmd.value).toBeLessThan(5 * mmd.floor);
    expect(report.metrics.some((m: { metric: string }) => m.metric.startsWith('mode'))).toBe(false);
  });

  it.concurrent('--samples needs exactly one of --dataset and --data', async () => {
    const r = await cli('eval', ['--samples', join(root, 'data', 'two-moons.csv')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--samples needs exactly one of --dataset NAME .* or --data REF\.csv/);
  });

  const corrupt: [string, string, RegExp][] = [
    ['wrong header', 'a,b\n1,2\n', /:1: header must be 'x,y' or 'x,y,weight'/],
    ['non-numeric value', 'x,y\n1,2\n3,abc\n', /:3: 'abc' is not a finite number/],
    ['non-finite value', 'x,y\n1,Infinity\n', /:2: 'Infinity' is not a finite number/],
    ['value past float32', 'x,y\n1,2\n1e39,0\n', /:3: '1e39' overflows float32/],
    ['weights not summing to 1', 'x,y,weight\n1,2,0.5\n3,4,0.2\n', /weights sum to 0.7, not 1/],
    ['negative weight', 'x,y,weight\n1,2,1.5\n3,4,-0.5\n', /:3: weight -0.5 is negative/],
  ];
  for (const [what, text, msg] of corrupt) {
    it.concurrent(`a samples file with a ${what} is an error naming the line`, async () => {
      const file = join(tmp, `corrupt-${what.replace(/\W/g, '')}.csv`);
      writeFileSync(file, text);
      const r = await cli('eval', ['--samples', file, '--dataset', 'eight-gaussians']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(msg);
      expect(r.err).toContain(file);
    });
  }

  it.concurrent('--potential-masses reports the masses of exp(−U(·,t)) at six times', async () => {
    const r = await cli('eval', ['--model', vpModel, '--potential-masses', '--json', join(tmp, 'masses.json')]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(join(tmp, 'masses.json'), 'utf8'));
    expect(report.potentialMasses.map((m: { t: number }) => m.t)).toEqual([0.5, 0.2, 0.1, 0.05, 0.02, 0.005]);
  });
});
