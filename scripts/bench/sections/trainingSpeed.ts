// Bench section 1: median ms of a DSM training step per backend, against the naive nested
// tf.grad baseline, and the matMul floor (the products a step cannot avoid, timed alone); and
// the ms per step of the loop a user runs, with everything around the step.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { builtinSource, type DataSource } from '../../../src/data/source.js';
import { flattenParams, initMlp, unflattenParams } from '../../../src/model/mlp.js';
import { selectBackend } from '../../../src/node/backend.js';
import { progressBar } from '../../../src/node/progress.js';
import { trainRun } from '../../../src/node/trainRun.js';
import { Rng } from '../../../src/rng.js';
import { makeSde } from '../../../src/sde.js';
import { median } from '../../../src/stats.js';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../../src/train/config.js';
import { layerSizes, Trainer } from '../../../src/train/trainer.js';
import { log, type BenchContext, type Section } from '../context.js';
import { naiveDsmStep } from '../naiveDsm.js';
import { matMulMs } from '../opCosts.js';

/**
 * Median ms per step of this project's trainer and of the naive baseline, measured in
 * alternating rounds so that drift in the machine's speed hits both alike.
 */
function timeTraining(trainCfg: TrainConfig, data: DataSource, rounds: number): { ours: number; naive: number } {
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

export interface LoopTiming {
  steps: number;
  checkpointEvery: number;
  /** Median ms of trainer.trainStep() inside the loop. */
  stepMs: number;
  /** Wall-clock ms per step of the whole loop (data, step, EMA, progress bar, checkpoints). */
  loopMs: number;
  /** ms after the last step: the final checkpoint and the cut-off measurement. */
  endMs: number;
  /** The same two, in this process's CPU ms (what they cost on a machine shared with other work). */
  loopCpuMs: number;
  stepCpuMs: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** The loop `npm run train` runs (trainRun, a progress bar writing nowhere, a temp folder). */
async function timeLoop(cfg: TrainConfig, steps: number, checkpointEvery: number): Promise<LoopTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'wfr-loop-'));
  const devNull = { write: () => true } as unknown as NodeJS.WritableStream;
  try {
    const config = { ...cfg, steps, checkpointEvery, timeScorePhase: undefined };
    let last = 0;
    let lastCpu = 0;
    const stepCpu: number[] = [];
    const t0 = performance.now();
    const c0 = cpuMs();
    let cStep = c0;
    const r = await trainRun({
      config,
      data: builtinSource(cfg.dataset),
      dataset: { name: cfg.dataset },
      out: dir,
      backend: 'wasm',
      progress: (total, start) => progressBar('train', total, start, { loss: '–' }, devNull),
      afterStep: () => {
        last = performance.now();
        lastCpu = cpuMs();
        stepCpu.push(lastCpu - cStep);
        cStep = lastCpu;
      },
    });
    const end = performance.now();
    r.trainer.dispose();
    // CPU per step without the checkpoint steps' share: the median of the per-step CPU deltas.
    return { steps, checkpointEvery, stepMs: r.msPerStep, loopMs: (last - t0) / steps, endMs: end - last, loopCpuMs: (lastCpu - c0) / steps, stepCpuMs: median(stepCpu) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function trainingSpeed(ctx: BenchContext): Promise<Section> {
  log('== training speed');
  const Q = ctx.quick;
  const trainCfg: TrainConfig = Q ? { ...DEFAULT_TRAIN_CONFIG, hidden: [32, 32], batch: 256 } : { ...DEFAULT_TRAIN_CONFIG };
  const data = builtinSource(trainCfg.dataset);
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
    const { ours, naive } = timeTraining(trainCfg, data, Q ? 1 : backend === 'cpu' ? 3 : 12);
    const floor = TRAIN_MATMULS * matMulMs(trainCfg.batch, trainCfg.hidden[1] ?? trainCfg.hidden[0]);
    trainRows.push({ backend, ours, naive, floor });
    log(`  ${backend}: ${ours.toFixed(1)} ms/step (naive ${naive.toFixed(1)} ms, ${(naive / ours).toFixed(1)}×; matMul floor ${floor.toFixed(1)} ms)`);
  }
  await selectBackend('wasm');
  const loop = await timeLoop(trainCfg, Q ? 12 : 1000, Q ? 5 : 500);
  log(`  real loop: ${loop.loopMs.toFixed(1)} ms/step (its steps alone ${loop.stepMs.toFixed(1)} ms; CPU ${loop.loopCpuMs.toFixed(1)} against ${loop.stepCpuMs.toFixed(1)} ms), then ${(loop.endMs / 1000).toFixed(1)} s for the final checkpoint and cut-off`);
  const md = [
    `### Training speed (DSM step, MLP ${trainCfg.hidden.join('×')} SiLU, batch ${trainCfg.batch}; median ms)`,
    '',
    '| backend | this project | naive nested tf.grad | speed-up | matMul floor | × floor |',
    '|---|---|---|---|---|---|',
    ...trainRows.map(
      (r) => `| ${r.backend} | ${r.ours.toFixed(1)} | ${r.naive.toFixed(1)} | ${(r.naive / r.ours).toFixed(1)}× | ${r.floor.toFixed(1)} | ${(r.ours / r.floor).toFixed(2)} |`,
    ),
    '',
    `The loop a user runs (\`trainRun\`, what \`npm run train\` calls: data, step, Adam, EMA, progress bar, a checkpoint every ${loop.checkpointEvery} steps) on wasm: **${loop.loopMs.toFixed(1)} ms per step** over ${loop.steps} steps (${(loop.loopMs / loop.stepMs).toFixed(2)}× its steps' own median, ${loop.stepMs.toFixed(1)} ms; in CPU time ${loop.loopCpuMs.toFixed(1)} against a median step of ${loop.stepCpuMs.toFixed(1)} ms, ${(loop.loopCpuMs / loop.stepCpuMs).toFixed(2)}×), then ${(loop.endMs / 1000).toFixed(1)} s once at the end for the final checkpoint and the cut-off measurement.`,
    '',
    `matMul floor: ${TRAIN_MATMULS} × one [${trainCfg.batch}, ${trainCfg.hidden[0]}]·[${trainCfg.hidden[0]}, ${trainCfg.hidden[0]}] product timed alone: the arithmetic a DSM step cannot avoid (per hidden w×w layer: forward, ∇ₓU's backward pass, and the reverse of both, each giving a data and a weight gradient).`,
    '',
  ];
  return { md, json: { training: { batch: trainCfg.batch, hidden: trainCfg.hidden, rows: trainRows, loop } } };
}
