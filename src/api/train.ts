// Training from your own code, in a page, a Web Worker or Node: the same Trainer, knob mapping
// (TRAIN_KNOBS → trainConfigFrom), run metadata and measured cut-off as `npm run train`, so the
// same options and seed give the same weights; the result is a Model and the checkpoint's files.

import * as tf from '@tensorflow/tfjs';
import { loadFromModelJson, modelJsonText, toArtifacts, weightsFileName } from '../checkpoint.js';
import { builtinSource, pointsSource } from '../data/source.js';
import type { Standardization } from '../data/standardize.js';
import { measuredCutoff, modelMeta } from '../train/checkpointMeta.js';
import { trainConfigFrom, validateTrainConfig, type TrainKnobValues } from '../train/config.js';
import { StopWhenGood, type StopVerdict } from '../train/stopWhenGood.js';
import { Trainer } from '../train/trainer.js';
import { DATASETS } from '../data/datasets.js';
import { median } from '../stats.js';
import { Model, modelOf } from './model.js';

/**
 * Options of {@link train}: the flags of `npm run train` by their camelCase names, with the same
 * defaults (dataset 'eight-gaussians-imbalanced', sde 'vp', steps 6000 then timeScoreSteps 5000,
 * seed 0, …; docs/guide.md), plus your own points instead of a dataset.
 */
export type TrainOptions = Partial<Omit<TrainKnobValues, 'data' | 'frame' | 'checkpointEvery'>> & {
  /** Your own 2D points in data units, [x₀, y₀, x₁, y₁, …], instead of a built-in dataset. */
  points?: Float32Array;
  /** The name the checkpoint gives your points (default 'points'). */
  name?: string;
  /** Model coordinates: 'data' (fitted, default), 'standard' (data units), a frame, or a model's (to multiply with it). */
  frame?: 'data' | 'standard' | Standardization | Model;
};

/** What {@link train} reports after every step. */
export interface TrainProgress {
  step: number;
  steps: number;
  loss: number;
  /** The denoising score-matching part of the loss. */
  dsm: number;
}

/** Hooks of {@link train}: progress, and an AbortSignal that stops the run (the model so far is returned). */
export interface TrainHooks {
  onStep?: (p: TrainProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

/** What {@link train} returns: the model, and the checkpoint's files for `loadModel` or `npm run sample`. */
export interface Trained {
  model: Model;
  checkpoint: { modelJson: string; weightsName: string; weights: ArrayBuffer };
  /** Whether the signal stopped it before the last step. */
  stopped: boolean;
  /** With `stopWhenGood`: the step it stopped at because the model was good enough, and why. */
  stoppedWhenGood?: StopVerdict;
  msPerStep: number;
}

/** A macrotask, so a page draws and an AbortSignal's listeners run between steps. */
const yieldTask = () => new Promise<void>((r) => setTimeout(r, 0));

function frameOf(f: TrainOptions['frame']): { spec: string; frame?: Standardization } {
  if (f === undefined || f === 'data') return { spec: 'data' };
  if (f === 'standard') return { spec: 'standard', frame: { mean: [0, 0], scale: 1 } };
  const frame = f instanceof Model ? f.meta.standardization : f;
  return { spec: JSON.stringify(frame), frame };
}

/**
 * Trains a potential as `npm run train` does (same options, same weights for the same seed) and
 * returns it as a model, with the checkpoint's model.json text and weights file.
 *
 * @example
 * ```ts
 * import { train } from 'wfr-score';
 * const { model, checkpoint } = await train(
 *   { dataset: 'two-moons', steps: 3000, timeScoreSteps: 0 },
 *   { onStep: ({ step, loss }) => step % 500 === 0 && console.log(step, loss) },
 * );
 * const { points } = await model.sample({ steps: 50 });
 * ```
 */
export async function train(options: TrainOptions = {}, hooks: TrainHooks = {}): Promise<Trained> {
  const { points, name, frame: frameOption, ...values } = options;
  const { spec, frame } = frameOf(frameOption);
  const config = trainConfigFrom({ ...values, frame: spec });
  validateTrainConfig(config);
  const dataset = points ? { name: name ?? 'points' } : { name: config.dataset };
  const trainer = new Trainer(config, points ? pointsSource(dataset.name, points, frame) : builtinSource(config.dataset, frame));
  const times: number[] = [];
  const stopper = config.stopWhenGood ? new StopWhenGood(config.stopWhenGood, points ? undefined : DATASETS[config.dataset]) : undefined;
  let good: StopVerdict | undefined;
  try {
    while (trainer.step < config.steps && !hooks.signal?.aborted && !good) {
      const t0 = performance.now();
      const r = trainer.trainStep();
      times.push(performance.now() - t0);
      await hooks.onStep?.({ step: trainer.step, steps: config.steps, loss: r.loss, dsm: r.dsm });
      good = stopper?.check(trainer);
      if (trainer.step % 10 === 0) await yieldTask();
    }
    const meta = modelMeta(trainer, { dataset, backend: tf.getBackend() }, measuredCutoff(trainer, { dataset }, stopper?.measuredAt(trainer.step)), good);
    const artifacts = await toArtifacts(trainer.ema, meta);
    const weightsName = weightsFileName(trainer.step);
    const weights = artifacts.weightData as ArrayBuffer;
    const modelJson = modelJsonText(artifacts, weightsName);
    // The model comes back through the loader, so it is the checkpoint a later loadModel reads.
    const loaded = await loadFromModelJson(JSON.parse(modelJson), `trained ${dataset.name}`, async () => new Uint8Array(weights.slice(0)));
    return { model: modelOf(loaded, `trained ${dataset.name}`), checkpoint: { modelJson, weightsName, weights }, stopped: trainer.step < config.steps && !good, stoppedWhenGood: good, msPerStep: median(times) };
  } finally {
    trainer.dispose();
  }
}
