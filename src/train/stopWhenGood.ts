// Stop when good: a run that checks, every few hundred steps and cheaply, whether its EMA model
// has reached the bar the weights need, and ends there (`--steps` stays a maximum). Datasets with
// known mode masses, trained with the time-score term: the masses of exp(−U) measured down to the
// cut-off floor. Others (a CSV, or DSM alone): the DSM loss on a fixed evaluation batch has
// stopped improving. Both read only the model and their own seed stream, so a run stops at the
// same step for the same seed.

import * as tf from '@tensorflow/tfjs';
import type { Dataset } from '../data/datasets.js';
import { Rng } from '../rng.js';
import { MASS_TOLERANCE, measureMasses, NOISE_LADDER, TIME_SCORE_CUTOFF, type MassAtNoise } from '../sampling/cutoff.js';
import { dsmLoss, makeDsmBatch } from './loss.js';
import type { Potential } from '../model/potential.js';
import type { Trainer } from './trainer.js';

/** What a check reads of a trainer (tests stand in an exact potential for the EMA model). */
export type Checked = Pick<Trainer, 'step' | 'config' | 'sde' | 'data'> & { emaPotential(): Potential };

/** Why a run stopped early, as its checkpoint and train.json record it. */
export interface StopVerdict {
  step: number;
  reason: string;
}

/** Evaluation batch of the plateau rule, and the relative gain below which a check counts as flat. */
const EVAL_BATCH = 4096;
const FLAT = 0.01;
/** Flat checks in a row that make a plateau. */
const FLAT_CHECKS = 2;

export class StopWhenGood {
  private best = Infinity;
  private flat = 0;
  private batch?: { x0: Float32Array; t: Float32Array; z: Float32Array };
  private good?: { step: number; masses: MassAtNoise[] };

  /** `every`: steps between checks; `dataset`: the built-in law when training on one. */
  constructor(private readonly every: number, private readonly dataset: Dataset | undefined) {}

  /** At a check step, whether the model is good enough to stop; undefined between checks or when not yet. */
  check(trainer: Checked): StopVerdict | undefined {
    const c = trainer.config;
    if (trainer.step % this.every !== 0) return undefined;
    // Not before the time-score term is on (its phase, or --time-score-from): it is what sets the masses.
    const phase = c.timeScorePhase;
    if (phase && trainer.step <= (c.timeScoreFrom ?? phase.start)) return undefined;
    // Without the term the masses' bar would be DSM's high cut-off, which a model reaches long
    // before its samples are good: such a run stops at the loss plateau, as a CSV run does.
    return this.dataset?.modes && phase ? this.byMasses(trainer, TIME_SCORE_CUTOFF) : this.byPlateau(trainer);
  }

  /**
   * Good when every ladder level from the floor up is within tolerance: the floor first, where a
   * model not yet good fails, so a failing check measures one level instead of six.
   */
  private byMasses(trainer: Checked, floor: number): StopVerdict | undefined {
    const levels = NOISE_LADDER.filter((nu) => nu >= floor).sort((a, b) => a - b);
    const o = { potential: trainer.emaPotential(), dataset: this.dataset!, sde: trainer.sde, standardization: trainer.data.standardization };
    const measured: MassAtNoise[] = [];
    for (const nu of levels) {
      const [m] = measureMasses({ ...o, noises: [nu] });
      measured.push(m);
      if (!(m.error <= MASS_TOLERANCE)) return undefined; // NaN is not within tolerance
    }
    this.good = { step: trainer.step, masses: measured };
    const worst = Math.max(...measured.map((m) => m.error));
    return { step: trainer.step, reason: `mode masses within tolerance down to the cut-off floor ν = ${floor} (worst error ${worst.toFixed(4)})` };
  }

  /** The levels the passing check measured, when it ran at `step` (the final cut-off reuses them). */
  measuredAt(step: number): readonly MassAtNoise[] | undefined {
    return this.good?.step === step ? this.good.masses : undefined;
  }

  private byPlateau(trainer: Checked): StopVerdict | undefined {
    const loss = this.evalLoss(trainer);
    const gain = (this.best - loss) / Math.abs(this.best);
    this.flat = gain < FLAT ? this.flat + 1 : 0;
    this.best = Math.min(this.best, loss);
    if (this.flat < FLAT_CHECKS) return undefined;
    return { step: trainer.step, reason: `the DSM loss on a fixed evaluation batch gained under ${FLAT * 100}% in ${FLAT_CHECKS} checks ${this.every} steps apart (${loss.toFixed(4)})` };
  }

  /** The DSM loss of the EMA model on one batch drawn once from its own stream of the run's seed. */
  private evalLoss(trainer: Checked): number {
    if (!this.batch) {
      const rng = new Rng(trainer.config.seed, 'stop-when-good');
      const sde = trainer.sde;
      this.batch = {
        x0: trainer.data.sample(rng, EVAL_BATCH),
        t: new Float32Array(EVAL_BATCH).map(() => sde.tMin + (1 - sde.tMin) * rng.uniform()),
        z: rng.normals(new Float32Array(2 * EVAL_BATCH)),
      };
    }
    const { x0, t, z } = this.batch;
    return tf.tidy(() => {
      const b = makeDsmBatch(trainer.sde, x0, t, z, { weighting: trainer.config.weighting, timeScore: false });
      return dsmLoss(trainer.emaPotential(), b, 0).dsm.dataSync()[0]!;
    });
  }
}
