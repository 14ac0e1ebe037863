// The three kinds of part a sampler is made of (docs/math.md §3–§5): a predictor moves the
// particles from t to t − h, a corrector moves them again at t − h, and a weighting turns what
// the move produced into log-weight increments; a resampler draws ancestors from the weights.
// The loop (sample.ts) owns time stepping, the potential's evaluations and the trace; parts are
// small, registered by name as { description, create(settings) }, and say what they need of each
// other (compose.ts checks it), so no code outside a part decides by its name.

import type * as tf from '@tensorflow/tfjs';
import type { Need, PotentialValues } from '../model/potential.js';
import type { Rng } from '../rng.js';
import type { SDE } from '../sde.js';
import type { SampleSettings } from './settings.js';

/**
 * A registry entry: what the part does, in words (the flag's help), and how a run builds it from
 * its settings (every default filled in). Written out rather than generic over the settings: the
 * settings' own table lists the registries, and a generic default would make the types circular.
 */
export interface Part<T> {
  readonly description: string;
  create(settings: SampleSettings): T;
}

/** What every part sees of one step from t to tn = t − h. */
export interface StepContext {
  t: number;
  tn: number;
  h: number;
  sde: SDE;
  /** f(t) and g(t)² of the forward SDE at the step's start. */
  f: number;
  g2: number;
  /** The target is exp(−β·U); the drift uses the score scaled by c (= β). */
  beta: number;
  c: number;
  /** Particles at t, standardised [N, 2]. */
  x: tf.Tensor2D;
  /** The target potential at (x, t), with what the weighting asked for. */
  target: PotentialValues;
  /** The drift's potential at (x, t): the target's own values unless a separate drift is given. */
  drift: PotentialValues;
  /** N(0, I) draws [N, 2] from the run's stream. */
  normals(): tf.Tensor2D;
  /** The drift's potential at other points (row-blocked; caller disposes). */
  evaluateDrift(x: tf.Tensor2D, t: number, need?: Need): PotentialValues;
  /** The target potential at other points (row-blocked; caller disposes), for wfr's blurred target; the loop always gives it. */
  evaluateTarget?(x: tf.Tensor2D, t: number, need?: Need): PotentialValues;
}

/** A predictor's result. Tensors belong to the loop once returned. */
export interface Move {
  /** Particles at tn. */
  x: tf.Tensor2D;
  /** The drift v(x, t) the move used, when the weighting needs it. */
  v?: tf.Tensor2D;
  /** Stochastic moves: the kernel's mean m = x + h·v and its standard deviation g√h per coordinate. */
  mean?: tf.Tensor2D;
  noiseStd?: number;
  /** When the move is not em's: v = −f·x − scoreScale·g²∇U_drift (default c), noise variance noiseG2·h (default g²). */
  scoreScale?: number;
  noiseG2?: number;
}

export interface Predictor {
  /** Whether the move draws noise (the WFR reaction needs a moved cloud with a density). */
  readonly stochastic: boolean;
  move(s: StepContext): Move;
}

/** What a weighting sees once the move is made: the step, the move and the target at (x′, tn). */
export interface WeightStep extends StepContext {
  move: Move;
  next: PotentialValues;
}

export interface Increment {
  inc: tf.Tensor1D;
  /** Spread of the Feynman–Kac rate G across particles (a diagnostic), when computed. */
  gSpread?: number;
}

export interface Weighting {
  /** Whether it adds log-weights at all ('none' does not: the run is unweighted unless the reaction or a corrector weighs). */
  readonly weighted: boolean;
  /** Derivatives of the target (and of a separate drift) needed at the step's start. */
  readonly need: Need;
  readonly driftNeed: Need;
  /** Whether the particles are resampled after every weighted step (the reaction: α > 0). */
  readonly resampleEveryStep: boolean;
  /** Whether the increment needs a stochastic move. */
  readonly needsNoise: boolean;
  /**
   * Whether the increments keep every constant, so that the mean weight estimates ∫exp(−βU(·, t))
   * (continuous weights do; the discrete kernel ratio and the reaction drop shared constants).
   */
  readonly estimatesNormalizer: boolean;
  /**
   * The step's log-weight increment times `scale` (the reaction's e^{−αΔ}; folded into the
   * increment's one multiplication so that its rounding does not depend on the wrapper).
   */
  increment(s: WeightStep, scale?: number): Increment;
}

/** A corrector's move at the level tn: new particles and, for weighted correctors, what the increment needs. */
export interface CorrectorMove {
  x: tf.Tensor2D;
  /** Centres of the move's kernel and its per-coordinate standard deviation (weighted correctors). */
  centres?: tf.Tensor2D;
  noiseStd?: number;
  /** Langevin step size ε of the move. */
  eps: number;
  /** Fraction of the particles whose proposal was accepted (Metropolis-adjusted correctors). */
  accepted?: number;
}

export interface CorrectorContext {
  tn: number;
  beta: number;
  c: number;
  snr: number;
  x: tf.Tensor2D;
  /** The drift's potential at (x, tn). */
  drift: PotentialValues;
  normals(): tf.Tensor2D;
  /** The drift's potential at other points (row-blocked; caller disposes), for correctors that test proposals. */
  evaluateDrift?(x: tf.Tensor2D, t: number, need?: Need): PotentialValues;
  /** N uniforms on (0, 1) from the run's acceptance stream. */
  uniforms?(): Float64Array;
}

export interface Corrector {
  /** Weighted correctors need uniform weights before they move (the loop resamples first). */
  readonly weighted: boolean;
  /** The move at the level tn; absent for 'none', which leaves the particles as they are. */
  move?(s: CorrectorContext): CorrectorMove;
  /** Log-weight increment after the move, with the target at the moved particles. */
  increment?(s: CorrectorContext, m: CorrectorMove, next: PotentialValues): tf.Tensor1D;
}

export interface Resampler {
  /** N ancestor indices from the normalised weights w̄. */
  resample(w: Float64Array, rng: Rng): Int32Array;
  /**
   * Set when the scheme is right only for the small log-weights of one step (the runs that
   * resample every step): why, for the error a run without them gets.
   */
  readonly perStepOnly?: string;
}
