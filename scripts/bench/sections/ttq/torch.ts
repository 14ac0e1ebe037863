// Time to quality, the PyTorch reference (scripts/bench/torch_reference.py) on the same recipe's
// DSM phase, trained on a pool of our own draws of the law; run only when a python3 with torch
// is found. Its samples come back as CSV files and are scored by this project's metrics.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset, type Points } from '../../../../src/data/datasets.js';
import { builtinSource } from '../../../../src/data/source.js';
import { unstandardize } from '../../../../src/data/standardize.js';
import { Rng } from '../../../../src/rng.js';
import { median } from '../../../../src/stats.js';
import { trainConfigFrom, type TrainKnobValues } from '../../../../src/train/config.js';
import { log } from '../../context.js';
import { meanMetrics, metrics, type Bar, type RecipeRun } from './quality.js';

/** A python3 that imports torch: $TORCH_PYTHON, Debian's /usr/bin/python3, or python3 on PATH. */
export function torchPython(): string | undefined {
  for (const py of [process.env.TORCH_PYTHON, '/usr/bin/python3', 'python3'].filter((p): p is string => !!p)) {
    const r = spawnSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return undefined;
}

export interface TorchResult {
  torch: string;
  threads: number;
  matmulMs: number;
  checkpoints: { step: number; trainSeconds: number; trainCpuSeconds: number; samples: { seed: number; seconds: number; cpuSeconds: number; csv: string }[] }[];
}

/** The torch reference on the same recipe (DSM phase), trained on a pool of our own draws of the law. */
export function runTorch(o: { py: string; dataset: string; knobs: Partial<TrainKnobValues>; threads: number; dir: string; bar: Bar }): { run: RecipeRun; emSeconds: number; emCpuSeconds: number; info: TorchResult } {
  const c = trainConfigFrom({ dataset: o.dataset, ...o.knobs, timeScoreSteps: 0 });
  const data = builtinSource(o.dataset);
  const pool = data.sample(new Rng(c.seed, 'torch-pool'), c.steps * c.batch);
  const poolFile = join(o.dir, 'pool.f32');
  writeFileSync(poolFile, Buffer.from(pool.buffer, pool.byteOffset, pool.byteLength));
  const args = [
    'scripts/bench/torch_reference.py', '--data', poolFile, '--out', join(o.dir, `torch-${o.threads}`), '--steps', String(c.steps), '--batch', String(c.batch),
    '--hidden', c.hidden.join(','), '--features', String(c.embedding.features), '--freq-max', String(c.embedding.freqMax), '--lr', String(c.lr),
    '--lr-final', String(c.lrFinalFraction), '--ema', String(c.emaMax), '--threads', String(o.threads), '--seed', String(c.seed),
    '--sample-steps', String(o.bar.emSteps), '--sample-n', String(o.bar.n), '--sample-seeds', o.bar.seeds.join(','),
  ];
  const t0 = performance.now();
  // torch.set_num_threads does not reach OpenBLAS's own pool: pin it too, or "one thread" uses every core.
  const pin = o.threads > 0 ? { OPENBLAS_NUM_THREADS: String(o.threads), OMP_NUM_THREADS: String(o.threads), MKL_NUM_THREADS: String(o.threads) } : {};
  const r = spawnSync(o.py, args, { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...pin } });
  if (r.status !== 0) throw new Error(`torch reference failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const info = JSON.parse(r.stdout.trim().split('\n').pop()!) as TorchResult;
  const ds = getDataset(o.dataset);
  const checkpoints = info.checkpoints.map((cp) => {
    const perSeed = cp.samples.map((s) => metrics(unstandardize(readCsv(s.csv), data.standardization), ds, 100 + s.seed));
    return { step: cp.step, trainSeconds: cp.trainSeconds, trainCpuSeconds: cp.trainCpuSeconds, score: meanMetrics(perSeed) };
  });
  const last = info.checkpoints[info.checkpoints.length - 1];
  log(`  torch (${info.threads} thread${info.threads > 1 ? 's' : ''}) done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  return {
    run: { engine: `PyTorch ${info.torch}, ${info.threads} thread${info.threads > 1 ? 's' : ''}`, recipe: `${c.hidden.join('×')}, batch ${c.batch}, ${c.steps} DSM steps`, dataset: o.dataset, checkpoints, totalSeconds: last.trainSeconds },
    emSeconds: median(last.samples.map((s) => s.seconds)),
    emCpuSeconds: median(last.samples.map((s) => s.cpuSeconds)),
    info,
  };
}

function readCsv(file: string): Points {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  const out = new Float32Array(2 * lines.length);
  lines.forEach((l, i) => {
    const [x, y] = l.split(',').map(Number);
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`${file}: line ${i + 2}: not two finite numbers`);
    out[2 * i] = x;
    out[2 * i + 1] = y;
  });
  return out;
}

export interface TorchEm {
  dataset: string;
  engine: string;
  seconds: number;
  cpuSeconds: number;
  matmulMs: number;
}
