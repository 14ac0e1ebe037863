// Time to quality, our side: the real training loop (trainRun: data, step, EMA, progress bar,
// checkpoints, the final cut-off measurement) on a recipe, its EMA weights scored by em samples
// at the steps asked for.

import * as tf from '@tensorflow/tfjs';
import { getDataset, type Dataset } from '../../../../src/data/datasets.js';
import { builtinSource, type DataSource } from '../../../../src/data/source.js';
import { unstandardize } from '../../../../src/data/standardize.js';
import { unflattenParams } from '../../../../src/model/mlp.js';
import { LearnedPotential } from '../../../../src/model/potential.js';
import { loadModels } from '../../../../src/node/generate.js';
import { progressBar } from '../../../../src/node/progress.js';
import { trainRun } from '../../../../src/node/trainRun.js';
import { sample } from '../../../../src/sampling/sample.js';
import { makeSde } from '../../../../src/sde.js';
import { trainConfigFrom, type TrainConfig, type TrainKnobValues } from '../../../../src/train/config.js';
import { layerSizes } from '../../../../src/train/trainer.js';
import { fmt, log } from '../../context.js';
import { meanMetrics, metrics, type Bar, type RecipeRun, type Score } from './quality.js';

interface Snapshot {
  step: number;
  seconds: number;
  cpuSeconds: number;
  ema: Float32Array[];
}


/** This process's CPU seconds (user + system): on a shared machine, what a step costs whatever the others run. */
export const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};


async function emScore(c: TrainConfig, data: DataSource, ds: Dataset, snap: Snapshot, bar: Bar): Promise<Score> {
  const vars = snap.ema.map((a, i) => tf.tensor(a, paramShapes(c)[i]));
  const potential = new LearnedPotential({ params: unflattenParams(vars), embedding: c.embedding, sde: sdeOf(c), outputScale: c.outputScale });
  const perSeed = [];
  for (const seed of bar.seeds) {
    const r = await sample({ potential, sde: sdeOf(c), sampler: 'em', n: bar.n, steps: bar.emSteps, seed });
    perSeed.push(metrics(unstandardize(r.points, data.standardization), ds, 100 + seed));
  }
  tf.dispose(vars);
  return meanMetrics(perSeed);
}

const sdeOf = (c: TrainConfig) => makeSde(c.sde, c.sdeParams);
const paramShapes = (c: TrainConfig) => {
  const s = layerSizes(c);
  return s.slice(1).flatMap((out, l) => [[s[l], out], [out]]);
};

/** Our real training loop on a recipe, with EMA snapshots at `evalAt`; the checkpoint stays in `dir`. */
export async function runOurs(o: { dataset: string; recipe: string; knobs: Partial<TrainKnobValues>; evalAt: number[]; dir: string; bar: Bar }): Promise<RecipeRun> {
  const config = trainConfigFrom({ dataset: o.dataset, ...o.knobs });
  const data = builtinSource(o.dataset);
  const ds = getDataset(o.dataset);
  const snaps: Snapshot[] = [];
  const devNull = { write: () => true } as unknown as NodeJS.WritableStream;
  const t0 = performance.now();
  const c0 = cpuSeconds();
  const result = await trainRun({
    config,
    data,
    dataset: { name: o.dataset },
    out: o.dir,
    backend: tf.getBackend(),
    progress: (total, start) => progressBar('train', total, start, { loss: '–' }, devNull),
    afterStep: (tr) => {
      if (o.evalAt.includes(tr.step) && tr.step < config.steps) snaps.push({ step: tr.step, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds() - c0, ema: tr.exportState().ema });
    },
  });
  const totalSeconds = (performance.now() - t0) / 1000; // includes the final checkpoint and cut-off measurement
  snaps.push({ step: result.trainer.step, seconds: totalSeconds, cpuSeconds: cpuSeconds() - c0, ema: result.trainer.exportState().ema });
  result.trainer.dispose();
  const checkpoints = [];
  for (const s of snaps) {
    const sc = await emScore(config, data, ds, s, o.bar);
    log(`    step ${s.step} (${s.seconds.toFixed(1)} s): MMD² ${fmt(sc.mmd)}, mode error ${fmt(sc.modeError)}`);
    checkpoints.push({ step: s.step, trainSeconds: s.seconds, trainCpuSeconds: s.cpuSeconds, score: sc });
  }
  const saved = await loadModels([o.dir]);
  const cutoff = saved.base.meta.cutoff;
  saved.dispose();
  return {
    engine: 'tfjs wasm',
    recipe: o.recipe,
    dataset: o.dataset,
    checkpoints,
    totalSeconds,
    stoppedWhenGood: result.stoppedWhenGood?.step,
    cutoff: cutoff && { noise: cutoff.noise, masses: cutoff.masses?.map((m) => ({ noise: m.noise, error: m.error })) },
  };
}
