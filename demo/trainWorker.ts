// The page's training worker: the same Trainer, config mapping (TRAIN_KNOBS → trainConfigFrom),
// checks, run metadata and measured cut-off as `npm run train`, off the page's thread so the page
// keeps drawing. Reports losses in batches, a preview sample every few hundred steps, obeys
// pause / resume / stop between steps, and ends (also when stopped) with the checkpoint files.

import * as tf from '@tensorflow/tfjs';
import { modelJsonText, toArtifacts, weightsFileName } from '../src/checkpoint.js';
import { builtinSource, pointsSource, type DataSource } from '../src/data/source.js';
import { unstandardize } from '../src/data/standardize.js';
import { sample } from '../src/sampling/sample.js';
import { measuredCutoff, modelMeta } from '../src/train/checkpointMeta.js';
import { trainConfigFrom, validateTrainConfig } from '../src/train/config.js';
import { Trainer } from '../src/train/trainer.js';
import { StopWhenGood, type StopVerdict } from '../src/train/stopWhenGood.js';
import { DATASETS } from '../src/data/datasets.js';
import { median } from '../src/stats.js';
import { piecesOf } from '../src/config/settingsError.js';
import { chooseBackend } from './backend.js';
import type { FromWorker, LossPoint, ToWorker, TrainData } from './trainProtocol.js';

const post = (m: FromWorker, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

let paused = false;
let stopped = false;
let wake: (() => void) | undefined;

// A macrotask yield much cheaper than setTimeout(0) (clamped to 4 ms when nested): lets the
// worker read pause/stop messages between steps.
const channel = new MessageChannel();
const pending: (() => void)[] = [];
channel.port1.onmessage = () => pending.shift()?.();
const yieldTask = () => new Promise<void>((r) => (pending.push(r), channel.port2.postMessage(null)));

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  if (m.type === 'start') void run(m).catch((e) => post({ type: 'error', message: (e as Error).message, pieces: piecesOf(e) }));
  else if (m.type === 'pause' || m.type === 'resume') {
    paused = m.type === 'pause';
    post({ type: 'paused', paused });
    if (!paused) wake?.();
  } else if (m.type === 'stop') {
    stopped = true;
    wake?.();
  }
};

function source(d: TrainData): DataSource {
  return d.kind === 'builtin' ? builtinSource(d.name) : pointsSource(d.name, d.points, undefined, d.labelled);
}

async function preview(trainer: Trainer, step: number): Promise<void> {
  // em with the EMA weights, small and fixed (seed 0) so successive previews differ only by training.
  const r = await sample({ potential: trainer.emaPotential(), sde: trainer.sde, sampler: 'em', steps: 30, n: 600, seed: 0 });
  const points = unstandardize(r.points, trainer.data.standardization);
  post({ type: 'preview', step, points }, [points.buffer]);
}

async function run(m: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const backend = await chooseBackend(m.backend, m.threads);
  post({ type: 'backend', backend });
  const config = trainConfigFrom({ ...m.values, data: undefined, dataset: m.data.kind === 'builtin' ? m.data.name : undefined });
  validateTrainConfig(config);
  const dataset = m.data.kind === 'builtin' ? { name: m.data.name } : { name: m.data.file ? 'csv' : m.data.name, ...(m.data.file && { file: m.data.file }) };
  const tensorsBefore = tf.memory().numTensors;
  const trainer = new Trainer(config, source(m.data));
  // As `npm run train --stop-when-good`: the masses' bar for built-in mixtures, a loss plateau otherwise.
  const stopper = config.stopWhenGood ? new StopWhenGood(config.stopWhenGood, m.data.kind === 'builtin' ? DATASETS[m.data.name] : undefined) : undefined;
  let good: StopVerdict | undefined;
  let disposed = false;
  post({ type: 'started', total: config.steps, dsmSteps: config.timeScorePhase?.start ?? config.steps, termFrom: config.timeScoreFrom ?? config.timeScorePhase?.start ?? config.steps });
  const times: number[] = [];
  let batch: LossPoint[] = [];
  let lastPost = performance.now();
  try {
    while (trainer.step < config.steps && !stopped && !good) {
      const t0 = performance.now();
      const r = trainer.trainStep();
      times.push(performance.now() - t0);
      batch.push({ step: trainer.step, loss: r.loss, dsm: r.dsm });
      if (performance.now() - lastPost > 150 || trainer.step === config.steps) {
        post({ type: 'progress', losses: batch, msPerStep: median(times.slice(-200)) });
        batch = [];
        lastPost = performance.now();
      }
      good = stopper?.check(trainer);
      if (good && batch.length) {
        post({ type: 'progress', losses: batch, msPerStep: median(times.slice(-200)) });
        batch = [];
      }
      if (!good && trainer.step % m.previewEvery === 0 && trainer.step < config.steps) await preview(trainer, trainer.step);
      await yieldTask();
      while (paused && !stopped) await new Promise<void>((r) => (wake = r));
    }
    if (batch.length) post({ type: 'progress', losses: batch, msPerStep: median(times.slice(-200)) });
    post({ type: 'finishing', step: trainer.step });
    await preview(trainer, trainer.step);
    const meta = modelMeta(trainer, { dataset, backend: backend.name }, measuredCutoff(trainer, { dataset }, stopper?.measuredAt(trainer.step)), good);
    const artifacts = await toArtifacts(trainer.ema, meta);
    const weightsName = weightsFileName(trainer.step);
    const weights = artifacts.weightData as ArrayBuffer;
    const step = trainer.step;
    trainer.dispose();
    disposed = true;
    // Nothing of the run may stay allocated (the page's test reads this).
    const tensorsLeft = tf.memory().numTensors - tensorsBefore;
    post({ type: 'done', step, stopped, ...(good && { stoppedWhenGood: good }), msPerStep: median(times), tensorsLeft, checkpoint: { modelJson: modelJsonText(artifacts, weightsName), weightsName, weights } }, [weights]);
  } finally {
    if (!disposed) trainer.dispose();
  }
}
