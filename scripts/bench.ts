// `npm run bench`: measures, side by side in one run, (1) training speed per backend against a
// naive baseline, (2) sampling cost per step as N grows, (3) quality against cost for the shipped
// checkpoints, (4) the potential-mass diagnostic; writes bench/results.md (+ .json, pictures) and
// regenerates the README's results section from it. `--quick` is a smoke run (tests use it).

import * as tf from '@tensorflow/tfjs';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { builtinSource } from '../src/data/source.js';
import { evaluateSamples } from '../src/metrics/report.js';
import { massErrors, MASS_TIMES } from '../src/metrics/potentialMasses.js';
import { flattenParams, initMlp, unflattenParams } from '../src/model/mlp.js';
import { selectBackend } from '../src/node/backend.js';
import { writeFileAtomic } from '../src/node/files.js';
import { generate, loadModels } from '../src/node/generate.js';
import { lineSpec, renderChart, scatterSpec } from '../src/node/plot.js';
import { Rng } from '../src/rng.js';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../src/train/config.js';
import { layerSizes, Trainer } from '../src/train/trainer.js';
import { makeSde } from '../src/sde.js';
import { median } from '../src/stats.js';
import { naiveDsmStep } from './bench/naiveDsm.js';
import { matMulMs, measureOpCosts } from './bench/opCosts.js';

const argv = await yargs(hideBin(process.argv))
  .options({
    quick: { type: 'boolean', default: false, desc: 'tiny smoke run' },
    out: { type: 'string', default: 'bench', desc: 'output directory' },
    n: { type: 'number', desc: 'particles for the quality section (default 2000)' },
    readme: { type: 'boolean', default: true, desc: 'regenerate the README results section' },
    part: { type: 'string', desc: '(internal) run the per-dataset sections for this checkpoint and write part-<name>.json' },
  })
  .strict()
  .parseAsync();

const Q = argv.quick;
const OUT = argv.out;
const MODEL_8 = 'models/eight-gaussians-imbalanced';
const MODEL_DW = 'models/double-well';
const SAMPLERS = ['em', 'pc', 'fk', 'wfr'];
const steps = Q ? [5] : [20, 50, 100, 500];
const seeds = Q ? [1] : [1, 2, 3];
const N = argv.n ?? (Q ? 300 : 2000);
const massTimes = Q ? [0.5, 0.02] : MASS_TIMES;
const md: string[] = [];
const json: Record<string, unknown> = { date: new Date().toISOString(), quick: Q };
const log = (s: string) => process.stdout.write(s + '\n');
const meanSd = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean: m, sd: Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, v.length - 1)) };
};
const fmt = (v: number, d = 3) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(d) : v.toExponential(1));

// ---------------------------------------------------------------- 1. training speed
if (argv.part) {
  await selectBackend('wasm');
  writeFileAtomic(join(OUT, `part-${basename(argv.part)}.json`), JSON.stringify(await partFor(argv.part)));
  process.exit(0);
}
const trainCfg: TrainConfig = Q
  ? { ...DEFAULT_TRAIN_CONFIG, hidden: [32, 32], batch: 256 }
  : { ...DEFAULT_TRAIN_CONFIG };
const data = builtinSource(trainCfg.dataset);

/**
 * Median ms per step of this project's trainer and of the naive baseline, measured in
 * alternating rounds so that drift in the machine's speed hits both alike.
 */
function timeTraining(rounds: number): { ours: number; naive: number } {
  const tr = new Trainer(trainCfg, data);
  const sde = makeSde(trainCfg.sde);
  const rng = new Rng(0, 'bench-naive');
  const vars = tf.tidy(() => flattenParams(initMlp(layerSizes(trainCfg), rng))).map((t) => tf.variable(t));
  const params = unflattenParams(vars);
  const naiveStep = () => {
    const x0 = data.sample(rng, trainCfg.batch);
    const t = new Float32Array(trainCfg.batch).map(() => sde.tMin + (1 - sde.tMin) * rng.uniform());
    const z = rng.normals(new Float32Array(2 * trainCfg.batch));
    const t0 = performance.now();
    naiveDsmStep(params, vars, trainCfg.embedding, sde, x0, t, z);
    return performance.now() - t0;
  };
  const oursStep = () => {
    const t0 = performance.now();
    tr.trainStep();
    return performance.now() - t0;
  };
  for (let i = 0; i < 2; i++) [oursStep(), naiveStep()]; // warm-up (JIT, kernel set-up)
  const ours: number[] = [];
  const naive: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < 3; i++) ours.push(oursStep());
    naive.push(naiveStep());
  }
  tr.dispose();
  tf.dispose(vars);
  return { ours: median(ours), naive: median(naive) };
}

log('== training speed');
const trainRows: { backend: string; ours: number; naive: number; floor: number }[] = [];
// Each w×w hidden product costs a DSM step 6 [batch, w]·[w, w] matMuls: forward, ∇ₓU's backward
// pass, and the reverse of both (each gives a data and a weight gradient).
const TRAIN_MATMULS = 6 * (trainCfg.hidden.length - 1);
for (const backend of ['tensorflow', 'wasm', 'cpu']) {
  try {
    await selectBackend(backend);
  } catch {
    log(`  ${backend}: not available here`);
    continue;
  }
  const { ours, naive } = timeTraining(Q ? 1 : backend === 'cpu' ? 3 : 12);
  const floor = TRAIN_MATMULS * matMulMs(trainCfg.batch, trainCfg.hidden[1] ?? trainCfg.hidden[0]);
  trainRows.push({ backend, ours, naive, floor });
  log(`  ${backend}: ${ours.toFixed(1)} ms/step (naive ${naive.toFixed(1)} ms, ${(naive / ours).toFixed(1)}×; matMul floor ${floor.toFixed(1)} ms)`);
}
await selectBackend('wasm');
json.training = { batch: trainCfg.batch, hidden: trainCfg.hidden, rows: trainRows };
md.push(
  `### Training speed (DSM step, MLP ${trainCfg.hidden.join('×')} SiLU, batch ${trainCfg.batch}; median ms)`,
  '',
  '| backend | this project | naive nested tf.grad | speed-up | matMul floor | × floor |',
  '|---|---|---|---|---|---|',
  ...trainRows.map(
    (r) => `| ${r.backend} | ${r.ours.toFixed(1)} | ${r.naive.toFixed(1)} | ${(r.naive / r.ours).toFixed(1)}× | ${r.floor.toFixed(1)} | ${(r.ours / r.floor).toFixed(2)} |`,
  ),
  '',
  `matMul floor: ${TRAIN_MATMULS} × one [${trainCfg.batch}, ${trainCfg.hidden[0]}]·[${trainCfg.hidden[0]}, ${trainCfg.hidden[0]}] product timed alone: the arithmetic a DSM step cannot avoid (per hidden w×w layer: forward, ∇ₓU's backward pass, and the reverse of both, each giving a data and a weight gradient).`,
  '',
);

// ---------------------------------------------------------------- 2. sampling cost vs N
log('== sampling cost');
const loaded8 = await loadModels([MODEL_8]);
const Ns = Q ? [500] : [1000, 4000, 16000];
// Samplers alternate within each round, so drift in the machine's speed hits all alike; the
// median runs over every step of every round.
const cost: Record<string, Record<number, number>> = Object.fromEntries(SAMPLERS.map((s) => [s, {}]));
for (const n of Ns) {
  const times: Record<string, number[]> = Object.fromEntries(SAMPLERS.map((s) => [s, []]));
  for (let round = 0; round < (Q ? 1 : 3); round++) {
    for (const s of SAMPLERS) {
      const r = await generate(loaded8, { sampler: s, n, steps: Q ? 2 : n > 4000 ? 8 : 16, seed: 1, tOff: 0 });
      times[s].push(...r.result.msPerStep.slice(1));
    }
  }
  for (const s of SAMPLERS) {
    cost[s][n] = median(times[s]);
    log(`  ${s} N=${n}: ${cost[s][n].toFixed(1)} ms/step`);
  }
}
const n4 = Q ? 500 : 4000;
// The same on the other backends, smaller (cpu is ~25× slower): N = 1000, one round.
const nOther = Q ? 200 : 1000;
const otherCost: { backend: string; ms: Record<string, number> }[] = [];
for (const backend of ['tensorflow', 'cpu']) {
  try {
    await selectBackend(backend);
  } catch {
    continue;
  }
  const ms: Record<string, number> = {};
  for (const s of SAMPLERS) {
    const r = await generate(loaded8, { sampler: s, n: nOther, steps: Q ? 2 : 5, seed: 1, tOff: 0 });
    ms[s] = median(r.result.msPerStep.slice(1));
  }
  otherCost.push({ backend, ms });
  log(`  ${backend} N=${nOther}: ${SAMPLERS.map((s) => `${s} ${ms[s].toFixed(1)}`).join(', ')} ms/step`);
}
await selectBackend('wasm');
const exactDensity = await generate(loaded8, { sampler: 'wfr', n: n4, steps: 2, seed: 1, tOff: 0, density: 'exact' });
const exactMs = median(exactDensity.result.msPerStep);
// Memory at N = 20 000: peak RSS, wasm heap and live tensors across a short wfr run, each
// density in a fresh process (scripts/bench/memory.ts).
const bigN = Q ? 2000 : 20000;
const memory = (['binned', 'exact'] as const).map((density) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/memory.ts', String(bigN), density], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as { density: string; peakRssMB: number; wasmHeapMB: number; tensorGrowth: number };
});
// Arithmetic per step in [N, w]·[w, w] products per hidden w×w layer: em 2 (forward, backward
// for ∇ₓU); fk and wfr 4 (two x-tangents on top, for ΔU).
const hiddenProducts = loaded8.base.meta.hidden.length - 1;
const mmN = matMulMs(n4, loaded8.base.meta.hidden[0]);
json.sampling = { msPerStep: cost, otherBackends: otherCost, wfrExactDensityMs: exactMs, bigN, memory, matMulMs: mmN, hiddenProducts };
md.push(
  `### Sampling cost (shipped eight-gaussians-imbalanced checkpoint, wasm; median ms per step)`,
  '',
  `| sampler | ${Ns.map((n) => `N = ${n}`).join(' | ')} | × em at N = ${Ns[Math.min(1, Ns.length - 1)]} |`,
  `|---|${Ns.map(() => '---|').join('')}---|`,
  ...SAMPLERS.map((s) => `| ${s} | ${Ns.map((n) => cost[s][n].toFixed(1)).join(' | ')} | ${(cost[s][Ns[Math.min(1, Ns.length - 1)]] / cost.em[Ns[Math.min(1, Ns.length - 1)]]).toFixed(2)} |`),
  '',
  ...otherCost.map(
    (o) => `${o.backend} backend, N = ${nOther}: ` + SAMPLERS.map((s) => `${s} ${o.ms[s].toFixed(0)} ms (${(o.ms[s] / o.ms.em).toFixed(2)}× em)`).join(', ') + '.',
  ),
  ...(otherCost.length ? [''] : []),
  `wfr with the exact O(N²) ρ̂ instead of the binned one: ${exactMs.toFixed(0)} ms/step at N = ${n4} ` +
    `(${(exactMs / cost.wfr[n4]).toFixed(1)}× the binned). wfr at N = ${bigN}, 4 steps, each in a fresh process: ` +
    memory.map((m) => `${m.density} ρ̂ peak RSS ${m.peakRssMB.toFixed(0)} MB (wasm heap ${m.wasmHeapMB.toFixed(0)} MB), tensor count change ${m.tensorGrowth}`).join('; ') +
    '.',
  '',
  `Arithmetic floor at N = ${n4}: one [${n4}, w]·[w, w] product takes ${mmN.toFixed(2)} ms; em needs ${2 * hiddenProducts} per step ` +
    `(${(2 * hiddenProducts * mmN).toFixed(1)} ms: forward and ∇ₓU's backward pass), fk and wfr ${4 * hiddenProducts} ` +
    `(${(4 * hiddenProducts * mmN).toFixed(1)} ms: two x-tangents on top, for ΔU), so exact ΔU doubles the arithmetic of a step (em has other fixed costs, so measured ratios can fall a little below 2).`,
  '',
);

// ---------------------------------------------------------------- single-op costs
log('== single-op costs (wasm)');
const ops = measureOpCosts(Q);
for (const o of ops) log(`  ${o.what}: ${o.ms.toFixed(2)} ms`);
json.opCosts = ops;
md.push(
  '### Costs of single operations (wasm; median ms, a fresh input per call)',
  '',
  '| operation | ms |',
  '|---|---|',
  ...ops.map((o) => `| ${o.what} | ${o.ms.toFixed(2)} |`),
  '',
);

// Before/after of the last speed work, measured by scripts/compare-speed.sh in its own session.
const speedEnd = md.length;

// ---------------------------------------------------------------- 3 + 4, per dataset
// The quality sections dominate the run; each dataset's share runs in its own child process
// (`--part DIR`), one per core, and the parent merges their tables in order.
async function qualityFor(path: string): Promise<{ md: string[]; quality: Record<string, unknown>[] }> {
  const m = await loadModels([path]);
  const ds = m.dataset!;
  const quality: Record<string, unknown>[] = [];
  const floors = evaluateSamples({ points: ds.sample(new Rng(99, 'bench-floor'), N) }, ds, { seed: 7 });
  const floor = (name: string) => floors.find((r) => r.metric.startsWith(name))!.floor!;
  const pictures: { title: string; points: Float32Array; subtitle: string }[] = [];
  for (const s of SAMPLERS) {
    for (const k of steps) {
      const err: number[] = [];
      const mmd: number[] = [];
      const sw: number[] = [];
      const secs: number[] = [];
      for (const seed of seeds) {
        const t0 = performance.now();
        const g = await generate(m, { sampler: s, n: N, steps: k, seed });
        secs.push((performance.now() - t0) / 1000);
        const rows = evaluateSamples({ points: g.points }, ds, { seed: 100 + seed, floors: false });
        const get = (name: string) => rows.find((r) => r.metric.startsWith(name))!.value;
        err.push(get('mode-weight'));
        mmd.push(get('MMD'));
        sw.push(get('sliced'));
        if (seed === seeds[0] && k === steps[0]) pictures.push({ title: s, points: g.points, subtitle: `error ${get('mode-weight').toFixed(3)}` });
      }
      const row = { dataset: ds.name, sampler: s, steps: k, modeError: meanSd(err), mmd: meanSd(mmd), slicedW2: meanSd(sw), seconds: meanSd(secs) };
      quality.push(row);
      log(`  ${ds.name} ${s} K=${k}: mode error ${fmt(row.modeError.mean)} ± ${fmt(row.modeError.sd)}, MMD ${fmt(row.mmd.mean)}, ${row.seconds.mean.toFixed(2)} s`);
    }
  }
  const lines = [
    `### Quality vs cost: ${ds.name} (shipped checkpoint, N = ${N}, ${seeds.length} seed${seeds.length > 1 ? 's' : ''}, mean ± sd; weights on for t ≥ ${m.defaultTOff})`,
    '',
    '| sampler | steps | mode-weight error | MMD² | sliced W2 | seconds |',
    '|---|---|---|---|---|---|',
    ...quality.map((r: any) => `| ${r.sampler} | ${r.steps} | ${fmt(r.modeError.mean)} ± ${fmt(r.modeError.sd)} | ${fmt(r.mmd.mean)} ± ${fmt(r.mmd.sd)} | ${fmt(r.slicedW2.mean)} ± ${fmt(r.slicedW2.sd)} | ${r.seconds.mean.toFixed(2)} |`),
    `| *floor* (two draws of the data) | | ${fmt(floor('mode-weight'))} | ${fmt(floor('MMD'))} | ${fmt(floor('sliced'))} | |`,
    '',
  ];
  const pic = join(OUT, `samplers-${ds.name}.png`);
  await renderChart(scatterSpec(pictures.map((p) => ({ ...p, title: `${p.title}, ${steps[0]} steps` })), { reference: ds.sample(new Rng(5, 'bench-ref'), 2000), title: `${ds.name}: the same checkpoint, four samplers` }), pic);
  const errPic = join(OUT, `error-vs-time-${ds.name}.png`);
  const series = SAMPLERS.map((s) => {
    const rows = quality.filter((r: any) => r.sampler === s) as any[];
    return { name: s, x: rows.map((r) => r.seconds.mean), y: rows.map((r) => r.modeError.mean) };
  });
  await renderChart(lineSpec(series, { title: `${ds.name}: mode-weight error vs wall time (N = ${N})`, xTitle: 'seconds per run', yTitle: 'mode-weight error', logX: true, logY: true, points: true }), errPic);
  lines.push(`![samplers](${basename(pic)}) ![error vs time](${basename(errPic)})`, '');
  m.dispose();
  return { md: lines, quality };
}

/** Section 4 rows for one checkpoint: its own mode masses over t, and sampled mode errors. */
async function timeScoreFor(path: string): Promise<{ md: string; row: Record<string, unknown> }> {
  const m = await loadModels([path]);
  const ds = m.dataset!;
  const r = massErrors(m.potential, ds, m.base.sde, m.base.meta.standardization, massTimes, Q ? { half: 4, size: 60 } : undefined);
  const runs: Record<string, number[]> = {};
  for (const [label, sampler, k] of [['em20', 'em', 20], ['wfr20', 'wfr', 20], ['em500', 'em', 500]] as const) {
    runs[label] = [];
    for (const seed of seeds) {
      const g = await generate(m, { sampler, n: N, steps: Q ? 3 : k, seed });
      runs[label].push(evaluateSamples({ points: g.points }, ds, { seed: 100 + seed, floors: false }).find((x) => x.metric.startsWith('mode-weight'))!.value);
    }
  }
  const trained = m.base.meta.training.timeScoreSteps ? `time-score fine-tune (${m.base.meta.training.timeScoreSteps} steps)` : 'DSM only';
  const cell = (v: number[]) => `${fmt(meanSd(v).mean)} ± ${fmt(meanSd(v).sd)}`;
  log(`  ${path}: mass errors ${r.map((x) => x.error.toFixed(3)).join(' ')}; em20 ${fmt(meanSd(runs.em20).mean)} wfr20 ${fmt(meanSd(runs.wfr20).mean)} em500 ${fmt(meanSd(runs.em500).mean)}`);
  m.dispose();
  return {
    md: `| ${ds.name}, ${trained}; t_off ${m.defaultTOff} | ${r.map((x) => x.error.toFixed(3)).join(' | ')} | ${cell(runs.em20)} | ${cell(runs.wfr20)} | ${cell(runs.em500)} |`,
    row: { checkpoint: path, timeScoreSteps: m.base.meta.training.timeScoreSteps, tOff: m.defaultTOff, masses: r.map((x) => ({ t: x.t, error: x.error })), modeError: runs },
  };
}

interface Part {
  quality: Awaited<ReturnType<typeof qualityFor>>;
  timeScore: Awaited<ReturnType<typeof timeScoreFor>>[];
}

async function partFor(path: string): Promise<Part> {
  const quality = await qualityFor(path);
  const timeScore = [];
  for (const p of Q ? [path] : [`${path}-dsm`, path]) if (existsSync(join(p, 'model.json'))) timeScore.push(await timeScoreFor(p));
  return { quality, timeScore };
}

let parts: Part[];
if (Q) {
  parts = [await partFor(MODEL_8)];
} else {
  log('== quality vs cost, and DSM only vs time-score (one child process per dataset)');
  parts = await Promise.all(
    [MODEL_8, MODEL_DW].map(
      (path) =>
        new Promise<Part>((resolve, reject) => {
          const file = join(OUT, `part-${basename(path)}.json`);
          const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench.ts', '--part', path, '--out', OUT, ...(argv.n ? ['--n', String(argv.n)] : [])], { stdio: ['ignore', 'inherit', 'inherit'] });
          child.on('exit', (code) => {
            if (code !== 0) return reject(new Error(`bench part ${path} exited ${code}`));
            resolve(JSON.parse(readFileSync(file, 'utf8')));
            rmSync(file);
          });
        }),
    ),
  );
}
for (const p of parts) md.push(...p.quality.md);
json.quality = parts.flatMap((p) => p.quality.quality);
md.push(
  '### Does the potential know the mass? DSM only vs the time-score fine-tune',
  '',
  "Mode-mass error Σ|mass − exact| of the model's own density exp(−U(·,t)), and mode-weight error of samples " +
    `(N = ${N}, ${seeds.length} seed${seeds.length > 1 ? 's' : ''}; each checkpoint's default t_off).`,
  '',
  `| checkpoint | ${massTimes.map((t) => `mass t = ${t}`).join(' | ')} | em, 20 steps | wfr, 20 steps | em, 500 steps |`,
  `|---|${massTimes.map(() => '---|').join('')}---|---|---|`,
  ...parts.flatMap((p) => p.timeScore.map((r) => r.md)),
  '',
);
json.timeScore = parts.flatMap((p) => p.timeScore.map((r) => r.row));
loaded8.dispose();

// ---------------------------------------------------------------- 5. every shipped checkpoint
log('== shipped checkpoints');
const shipped = Q ? [MODEL_8] : readdirSync('models').filter((d) => existsSync(join('models', d, 'model.json'))).sort().map((d) => join('models', d));
const evalN = Q ? 300 : 2000;
const evalSteps = Q ? 5 : 200;
const shippedRows: Record<string, unknown>[] = [];
md.push(`### Shipped checkpoints (em, ${evalSteps} steps, N = ${evalN}, seed 0; floor in brackets: two draws of the data)`, '');
let headerDone = false;
for (const path of shipped) {
  const m = await loadModels([path]);
  const g = await generate(m, { sampler: 'em', n: evalN, steps: evalSteps, seed: 0 });
  const rows = evaluateSamples({ points: g.points }, m.dataset, { seed: 11 });
  if (!headerDone) {
    const names = ['MMD²', 'energy', 'sliced W2', 'precision', 'recall', 'mode-weight error'];
    md.push(`| checkpoint | trained | ${names.join(' | ')} |`, `|---|---|${names.map(() => '---|').join('')}`);
    headerDone = true;
  }
  const cells = rows.slice(0, 6).map((r) => `${fmt(r.value)} (${r.floor === undefined ? '—' : fmt(r.floor)})`);
  while (cells.length < 6) cells.push('—');
  const trained = `${m.base.meta.training.step} steps${m.base.meta.training.timeScoreSteps ? `, ${m.base.meta.training.timeScoreSteps} with time score` : ''}`;
  md.push(`| ${path} | ${trained} | ${cells.join(' | ')} |`);
  shippedRows.push({ checkpoint: path, metrics: rows });
  log(`  ${path}: ${rows.map((r) => `${r.metric} ${fmt(r.value)}`).join(', ')}`);
  m.dispose();
}
md.push('');
json.shipped = shippedRows;

// ---------------------------------------------------------------- write
const header = `Measured by \`npm run bench\`${Q ? ' --quick' : ''} on ${json.date} (${process.version}, ${process.arch}). Numbers are medians or means over the stated seeds; machines are noisy, so compare ratios within one run.\n`;
const beforeAfterFile = join(OUT, 'before-after.md');
if (!Q && existsSync(beforeAfterFile)) md.splice(speedEnd, 0, readFileSync(beforeAfterFile, 'utf8').trim(), '');
const text = [header, ...md].join('\n');
writeFileAtomic(join(OUT, 'results.md'), text);
writeFileAtomic(join(OUT, 'results.json'), JSON.stringify(json, null, 2) + '\n');
log(`wrote ${join(OUT, 'results.md')}, results.json and pictures`);
if (!Q && argv.readme) {
  const readme = readFileSync('README.md', 'utf8');
  const [start, end] = ['<!-- results:start -->', '<!-- results:end -->'];
  const i = readme.indexOf(start);
  const j = readme.indexOf(end);
  if (i < 0 || j < 0) throw new Error('README.md has no results markers');
  const body = text.replace(/\]\((?!http)([^)]+\.png)\)/g, `](${OUT}/$1)`);
  writeFileSync('README.md', readme.slice(0, i + start.length) + '\n' + body + '\n' + readme.slice(j));
  log('updated the README results section');
}
