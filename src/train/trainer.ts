// One training run's state and step: online weights, their EMA (what sampling uses), Adam
// moments, the step count and the random stream, all exportable so a resumed run continues
// exactly. A non-finite loss throws before any weight changes.

import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng.js';
import { makeSde, type SDE } from '../sde.js';
import type { DataSource } from '../data/source.js';
import { flattenParams, initMlp, unflattenParams } from '../model/mlp.js';
import { LearnedPotential } from '../model/potential.js';
import { Adam } from './adam.js';
import { checkTrainLimits } from '../config/limits.js';
import { emaDecay, learningRate, phaseAt, type TrainConfig } from './config.js';
import { dsmLoss, makeDsmBatch } from './loss.js';

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

export function layerSizes(c: TrainConfig): number[] {
  return [2 + 2 * c.embedding.features, ...c.hidden, 1];
}

export class Trainer {
  readonly sde: SDE;
  readonly online: tf.Variable[];
  readonly ema: tf.Variable[];
  readonly adam: Adam;
  readonly losses: number[];
  step: number;
  timeScoreSteps: number;
  private rng: Rng;
  private readonly onlinePotential: LearnedPotential;

  constructor(
    readonly config: TrainConfig,
    readonly data: DataSource,
    state?: TrainerState,
  ) {
    checkTrainLimits(config); // the library entry point refuses what the CLI refuses, before allocating
    this.sde = makeSde(config.sde, config.sdeParams);
    const sizes = layerSizes(config);
    const init = tf.tidy(() => flattenParams(initMlp(sizes, new Rng(config.seed, 'init'))));
    const shapes = init.map((t) => t.shape);
    // Inside tidy: a variable keeps its data, the initial tensor it came from is freed.
    const fromState = (arrays: Float32Array[] | undefined, fallback: tf.Tensor[]) =>
      tf.tidy(() => fallback.map((t, i) => tf.variable(arrays ? tf.tensor(arrays[i], shapes[i]) : t.clone(), false)));
    if (state && state.online.length !== init.length) {
      throw new Error(`training state has ${state.online.length} weight tensors; this architecture needs ${init.length}`);
    }
    this.online = fromState(state?.online, init);
    this.online.forEach((v) => (v.trainable = true));
    this.ema = fromState(state?.ema, init);
    tf.dispose(init);
    this.adam = new Adam(this.online);
    if (state) {
      tf.tidy(() => {
        this.adam.m.forEach((m, i) => m.assign(tf.tensor(state.adamM[i], shapes[i])));
        this.adam.v.forEach((v, i) => v.assign(tf.tensor(state.adamV[i], shapes[i])));
      });
      this.adam.t = state.step;
    }
    this.step = state?.step ?? 0;
    this.timeScoreSteps = state?.timeScoreSteps ?? 0;
    this.losses = state?.losses.slice() ?? [];
    this.rng = state ? Rng.fromState(state.rng) : new Rng(config.seed, 'train');
    this.onlinePotential = this.potentialOf(this.online);
  }

  /** One optimisation step; returns the losses it measured. */
  trainStep(): StepResult {
    const { batch, weighting } = this.config;
    const x0 = this.data.sample(this.rng, batch);
    const t = new Float32Array(batch).map(() => this.sde.tMin + (1 - this.sde.tMin) * this.rng.uniform());
    const z = this.rng.normals(new Float32Array(2 * batch));
    const mu = phaseAt(this.config, this.step).timeScoreWeight;

    let out: StepResult = { loss: NaN, dsm: NaN };
    tf.tidy(() => {
      const b = makeDsmBatch(this.sde, x0, t, z, { weighting, timeScore: mu > 0 });
      let parts: ReturnType<typeof dsmLoss> | undefined;
      const { value, grads } = tf.variableGrads(() => {
        parts = dsmLoss(this.onlinePotential, b, mu);
        // variableGrads disposes its intermediates; keep the parts we read below.
        tf.keep(parts.dsm);
        if (parts.timeScore) tf.keep(parts.timeScore);
        return parts.total;
      }, this.online);
      // One read of all three numbers (each read is a sync point).
      const nums = tf.stack([value, parts!.dsm, parts!.timeScore ?? tf.scalar(0)]).dataSync();
      tf.dispose([parts!.dsm, parts!.timeScore ?? []]);
      out = { loss: nums[0], dsm: nums[1], timeScore: parts!.timeScore ? nums[2] : undefined };
      if (!Number.isFinite(out.loss)) return;
      this.adam.apply(this.online.map((v) => grads[v.name]), learningRate(this.config, this.step));
      const d = emaDecay(this.config, this.step);
      this.ema.forEach((e, i) => e.assign(e.mul(d).add(this.online[i].mul(1 - d))));
    });
    if (!Number.isFinite(out.loss)) throw new NonFiniteLossError(this.step + 1, out.loss);
    this.step += 1;
    if (mu > 0) this.timeScoreSteps += 1;
    this.losses.push(out.loss);
    return out;
  }

  /** The EMA potential (shares the EMA variables; do not dispose separately). */
  emaPotential(): LearnedPotential {
    return this.potentialOf(this.ema);
  }

  private potentialOf(weights: tf.Variable[]): LearnedPotential {
    const c = this.config;
    return new LearnedPotential({ params: unflattenParams(weights), embedding: c.embedding, sde: this.sde, outputScale: c.outputScale });
  }

  exportState(): TrainerState {
    const read = (vs: tf.Variable[]) => vs.map((v) => v.dataSync() as Float32Array);
    return {
      step: this.step,
      rng: this.rng.state(),
      online: read(this.online),
      ema: read(this.ema),
      adamM: read(this.adam.m),
      adamV: read(this.adam.v),
      losses: this.losses.slice(),
      timeScoreSteps: this.timeScoreSteps,
    };
  }

  dispose(): void {
    tf.dispose([...this.online, ...this.ema]);
    this.adam.dispose();
  }
}
