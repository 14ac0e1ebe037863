// One training run's state and step: online weights, their EMA (what sampling uses), Adam
// moments, the step count and the random stream, all exportable so a resumed run continues
// exactly. A non-finite loss throws before any weight changes. The weights live as Float32Arrays
// (Adam and the EMA update them in JS) mirrored into tf.Variables for the model's evaluation.

import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng.js';
import { makeSde, type SDE } from '../sde.js';
import type { DataSource } from '../data/source.js';
import { flattenParams, initMlp, unflattenParams, type MlpParams } from '../model/mlp.js';
import { LearnedPotential } from '../model/potential.js';
import { Adam } from './adam.js';
import { checkTrainLimits } from '../config/limits.js';
import { DEFAULT_LABEL_DROP, type TrainConfig } from './config.js';
import { emaDecay, learningRate, phaseAt } from './schedule.js';
import { dsmArrays, type DsmArrays } from './loss.js';
import { posteriorTimeTarget } from './posteriorTarget.js';
import { dsmStep } from './dsmStep.js';
import { fokkerPlanckTarget } from './fokkerPlanckTarget.js';
import { NOISE_TIMES, uniformTimes, type NoiseTimes } from './noiseTimes.js';

export interface TrainerState {
  step: number;
  rng: number[];
  online: Float32Array[];
  ema: Float32Array[];
  adamM: Float32Array[];
  adamV: Float32Array[];
  /** Total loss of every step so far. */
  losses: number[];
  /** Steps taken with the time-score term on (μ > 0): how the checkpoint was trained. */
  timeScoreSteps: number;
}

export interface StepResult {
  loss: number;
  dsm: number;
  timeScore?: number;
}

export class NonFiniteLossError extends Error {
  constructor(readonly step: number, readonly loss: number) {
    super(`loss became ${loss} at step ${step}; stopped without updating the weights`);
  }
}

/** `classes`: a conditional network's class count (its one-hot inputs). */
export function layerSizes(c: TrainConfig, classes = 0): number[] {
  return [2 + 2 * c.embedding.features + classes, ...c.hidden, 1];
}

/** The classes a conditional run trains (its data's), checked; 0 for an unconditional run. */
function classCount(config: TrainConfig, data: DataSource): number {
  if (config.conditional && config.timeScoreTarget === 'fokker-planck') throw new Error('--time-score-target fokker-planck needs one potential per row; it is not available with --conditional');
  if (!config.conditional) {
    if (config.labelDrop !== undefined) throw new Error('--label-drop is the null-class rate of --conditional training: give --conditional too');
    return 0;
  }
  if (!data.classes || !data.sampleLabeled) {
    throw new Error(`--conditional needs classes: ${data.name} has none (a built-in Gaussian mixture's classes are its components; a CSV needs a third column label)`);
  }
  return data.classes.length;
}

export class Trainer {
  readonly sde: SDE;
  readonly online: tf.Variable[];
  readonly ema: tf.Variable[];
  readonly adam: Adam;
  readonly losses: number[];
  step: number;
  timeScoreSteps: number;
  /** Classes of a conditional run (0: unconditional). */
  readonly classes: number;
  /** The last batch's classes before the drop (the posterior target's reference needs them). */
  private lastTrueLabels?: Int32Array;
  private rng: Rng;
  private readonly onlineParams: MlpParams;
  /** The JS copies of the weights the step updates; the variables above mirror them. */
  private readonly onlineData: Float32Array[];
  private readonly emaData: Float32Array[];
  private readonly shapes: number[][];
  /** How t is drawn: by DSM, and in the time-score phase (the same unless --time-score-times says otherwise). */
  private readonly dsmTimes: NoiseTimes;
  private readonly timeScoreTimes: NoiseTimes;

  constructor(
    readonly config: TrainConfig,
    readonly data: DataSource,
    state?: TrainerState,
  ) {
    checkTrainLimits(config); // the library entry point refuses what the CLI refuses, before allocating
    this.sde = makeSde(config.sde, config.sdeParams);
    this.dsmTimes = uniformTimes(this.sde);
    this.timeScoreTimes = config.timeScoreTimes && config.timeScoreTimes !== 'uniform' ? NOISE_TIMES[config.timeScoreTimes](this.sde) : this.dsmTimes;
    this.classes = classCount(config, data);
    const sizes = layerSizes(config, this.classes);
    const init = tf.tidy(() => flattenParams(initMlp(sizes, new Rng(config.seed, 'init'))));
    this.shapes = init.map((t) => t.shape);
    if (state && state.online.length !== init.length) {
      throw new Error(`training state has ${state.online.length} weight tensors; this architecture needs ${init.length}`);
    }
    const initData = init.map((t) => t.dataSync() as Float32Array);
    for (const key of ['online', 'ema', 'adamM', 'adamV'] as const) {
      state?.[key].forEach((a, i) => {
        if (a.length !== initData[i].length) throw new Error(`training state's ${key}[${i}] has ${a.length} numbers; this architecture needs ${initData[i].length}`);
      });
    }
    tf.dispose(init);
    this.onlineData = (state?.online ?? initData).map((a) => a.slice());
    this.emaData = (state?.ema ?? initData).map((a) => a.slice());
    // Inside tidy: a variable keeps its data, the tensor it was made from is freed.
    const variables = (arrays: Float32Array[]) => tf.tidy(() => arrays.map((a, i) => tf.variable(tf.tensor(a, this.shapes[i]), false)));
    this.online = variables(this.onlineData);
    this.ema = variables(this.emaData);
    this.adam = new Adam(this.shapes.map((s) => s.reduce((a, b) => a * b, 1)));
    if (state) {
      this.adam.m.forEach((m, i) => m.set(state.adamM[i]));
      this.adam.v.forEach((v, i) => v.set(state.adamV[i]));
      this.adam.t = state.step;
    }
    this.step = state?.step ?? 0;
    this.timeScoreSteps = state?.timeScoreSteps ?? 0;
    this.losses = state?.losses.slice() ?? [];
    this.rng = state ? Rng.fromState(state.rng) : new Rng(config.seed, 'train');
    this.onlineParams = unflattenParams(this.online);
  }

  /** One optimisation step; returns the losses it measured. */
  trainStep(): StepResult {
    const { batch, weighting } = this.config;
    const phase = phaseAt(this.config, this.step);
    const mu = phase.timeScoreWeight;
    const times = mu > 0 ? this.timeScoreTimes : this.dsmTimes;
    const { x0, labels } = this.drawBatch(batch);
    const t = new Float32Array(batch).map(() => times.time(this.rng.uniform()));
    const z = this.rng.normals(new Float32Array(2 * batch));
    const arrays = dsmArrays(this.sde, x0, t, z, { weighting, timeScore: mu > 0 });
    if (times !== this.dsmTimes) arrays.lambda.forEach((l, i) => (arrays.lambda[i] = l * times.dsmWeight(t[i])));
    if (mu > 0 && phase.timeScoreReference > 0) this.posteriorTarget(arrays, x0, t, phase.timeScoreReference, labels);
    if (mu > 0 && this.config.timeScoreTarget === 'fokker-planck') this.fokkerPlanck(arrays, t);

    const r = dsmStep({
      params: this.onlineParams,
      embedding: this.config.embedding,
      sde: this.sde,
      outputScale: this.config.outputScale,
      batch: arrays,
      z,
      t,
      timeScoreWeight: mu,
      classes: this.classes,
      labels,
    });
    const out: StepResult = { loss: r.loss, dsm: r.dsm, timeScore: r.timeScore };
    if (!Number.isFinite(out.loss) || !r.grads) throw new NonFiniteLossError(this.step + 1, out.loss);
    this.adam.apply(this.onlineData, r.grads, learningRate(this.config, this.step));
    const d = emaDecay(this.config, this.step);
    this.emaData.forEach((e, i) => {
      const o = this.onlineData[i];
      for (let j = 0; j < e.length; j++) e[j] = e[j] * d + o[j] * (1 - d);
    });
    this.mirror(this.online, this.onlineData);
    this.mirror(this.ema, this.emaData);
    this.step += 1;
    if (mu > 0) this.timeScoreSteps += 1;
    this.losses.push(out.loss);
    return out;
  }

  /**
   * x₀ of a batch and, in a conditional run, each row's class — dropped to the null class (−1)
   * with probability labelDrop, so the one network also learns the unconditional potential.
   */
  private drawBatch(n: number): { x0: Float32Array; labels?: Int32Array } {
    if (!this.classes) return { x0: this.data.sample(this.rng, n) };
    const { points, labels } = this.data.sampleLabeled!(this.rng, n);
    this.lastTrueLabels = labels.slice();
    const drop = this.config.labelDrop ?? DEFAULT_LABEL_DROP;
    for (let i = 0; i < n; i++) if (this.rng.uniform() < drop) labels[i] = -1;
    return { x0: points, labels };
  }

  /**
   * The time-score target's posterior mean over R reference points: the batch's x₀ first, then
   * fresh draws. A row with a class averages over the reference points of its class only (they
   * are draws of p(x|c)); a null row over all.
   */
  private posteriorTarget(arrays: DsmArrays, x0: Float32Array, t: Float32Array, reference: number, labels?: Int32Array): void {
    const head = Math.min(reference, t.length);
    const extra = reference - head;
    const ref = new Float32Array(2 * reference);
    ref.set(x0.subarray(0, 2 * head));
    let refLabels: Int32Array | undefined;
    if (labels) {
      // The head's true classes, not the dropped ones: they say which law each point was drawn from.
      refLabels = new Int32Array(reference);
      refLabels.set(this.lastTrueLabels!.subarray(0, head));
      if (extra > 0) {
        const d = this.data.sampleLabeled!(this.rng, extra);
        ref.set(d.points, 2 * head);
        refLabels.set(d.labels, head);
      }
    } else if (extra > 0) ref.set(this.data.sample(this.rng, extra), 2 * head);
    posteriorTimeTarget({ sde: this.sde, xt: arrays.xt, x0, t, ref, selfCount: head, target: arrays.target!, rowLabels: labels, refLabels });
  }

  /** The time-score target from the online model's own score and Laplacian (no gradient flows through it). */
  private fokkerPlanck(arrays: DsmArrays, t: Float32Array): void {
    const pot = new LearnedPotential({ params: this.onlineParams, embedding: this.config.embedding, sde: this.sde, outputScale: this.config.outputScale });
    let [grad, lap]: Float32Array[] = [];
    // Out by closure: tf.tidy would walk returned typed arrays element by element.
    tf.tidy(() => {
      const v = pot.evaluate(tf.tensor2d(arrays.xt, [t.length, 2]), t, { lap: true });
      [grad, lap] = [v.grad.dataSync() as Float32Array, v.lap!.dataSync() as Float32Array];
    });
    const below = this.config.fokkerPlanckBelow ?? Infinity;
    const target = arrays.target!;
    const fp = new Float32Array(t.length);
    fokkerPlanckTarget({ sde: this.sde, xt: arrays.xt, t, grad, lap, target: fp });
    // Above the threshold the sampled target stays: the model's score is least sure where modes overlap.
    for (let i = 0; i < t.length; i++) if (this.sde.sigma(t[i]) / this.sde.alpha(t[i]) < below) target[i] = fp[i];
  }

  private mirror(vars: tf.Variable[], arrays: Float32Array[]): void {
    tf.tidy(() => vars.forEach((v, i) => v.assign(tf.tensor(arrays[i], this.shapes[i]))));
  }

  /** The EMA potential (shares the EMA variables; do not dispose separately). */
  emaPotential(): LearnedPotential {
    const c = this.config;
    // A conditional network's potential here is its null class: the whole law.
    return new LearnedPotential({ params: unflattenParams(this.ema), embedding: c.embedding, sde: this.sde, outputScale: c.outputScale, classes: this.classes });
  }

  exportState(): TrainerState {
    const copy = (arrays: Float32Array[]) => arrays.map((a) => a.slice());
    return {
      step: this.step,
      rng: this.rng.state(),
      online: copy(this.onlineData),
      ema: copy(this.emaData),
      adamM: copy(this.adam.m),
      adamV: copy(this.adam.v),
      losses: this.losses.slice(),
      timeScoreSteps: this.timeScoreSteps,
    };
  }

  dispose(): void {
    tf.dispose([...this.online, ...this.ema]);
  }
}
