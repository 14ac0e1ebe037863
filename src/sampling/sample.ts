// The sampling loop shared by every sampler (docs/math.md §3–§6): particles from the prior at
// t = 1 move down the time grid by the sampler's predictor and corrector; a weighting adds
// log-weight increments on the steps where weights are on (t ≥ t_off), and the loop resamples
// by its policy. The loop owns time stepping, the potential's evaluations, resampling and the
// trace; the parts (parts.ts, chosen by compose.ts) own the math of a step. Works in standardised space.

import * as tf from '@tensorflow/tfjs';
import { exponentSpread, type Need, type Potential, type PotentialValues } from '../model/potential.js';
import { Rng } from '../rng.js';
import type { SDE } from '../sde.js';
import { flag, pieces, SettingsError } from '../config/settingsError.js';
import { composeSampler, type Composition } from './compose.js';
import { timeGrid } from './grid.js';
import type { Corrector, CorrectorContext, Predictor, Resampler, StepContext, Weighting } from './parts.js';
import { effectiveSampleSize, logSumExp, normalizeWeights, resample } from './resample.js';
import { resolveSampleSettings, type SampleSettings } from './settings.js';
import { disposeValues, evaluateInBlocks, gatherRows, gatherValues } from './values.js';

export { evaluateInBlocks, gatherRows } from './values.js';

export interface SampleOptions extends Partial<SampleSettings> {
  /** Target potential U: the path exp(−β·U(·, t)) the weights track, and the drift by default. */
  potential: Potential;
  /** A different potential for the drift (e.g. a biased model), weights still from `potential`. */
  drift?: Potential;
  sde: SDE;
  /** Called after every step (await-ed, so a browser can yield and draw). */
  onStep?: (s: StepInfo) => void | Promise<void>;
}

export interface StepInfo {
  step: number;
  steps: number;
  t: number;
  /** Particles after the step (standardised). Valid only during the call. */
  x: tf.Tensor2D;
  /** Normalised weights when weighted. */
  weights?: Float64Array;
  ess: number;
  /** When this step resampled: the normalised weights just before, and each particle's parent among them (particle i is a copy of parent[i]). */
  resampled?: { weights: Float64Array; parents: Int32Array };
  /** Each particle's ancestor among the first step's particles (follows every resampling). */
  ancestors: Int32Array;
}

/** Per step of a run: the time reached, the ESS, the spread of G and whether it resampled. */
export interface SampleTrace {
  t: number[];
  ess: number[];
  /** Std of G across particles at each step (continuous weights); 0 for an exact potential. */
  gSpread: number[];
  resampled: boolean[];
}

export interface SampleResult {
  /** Standardised samples [n·2]. */
  points: Float32Array;
  /** Normalised weights when keepWeights and the sampler is weighted. */
  weights?: Float64Array;
  trace: SampleTrace;
  resampleCount: number;
  distinctAncestors: number;
  /**
   * The weights' estimate of log ∫exp(−β·U(x, t_end)) dx (t_end: the last step the weights act
   * on), for weightings that keep every constant (fk with continuous weights): the product over
   * resampling epochs of the mean weight, as in any sequential Monte Carlo sampler.
   */
  logNormalizer?: number;
  msPerStep: number[];
  /** Mean fraction of proposals accepted over the corrector steps, for Metropolis-adjusted correctors (mala). */
  acceptance?: number;
  /** Potential evaluations per particle over the run (a predictor step, a corrector step, a MALA proposal: one each). */
  evaluations: number;
  /** Things a user must know about the run, e.g. that the weights collapsed. */
  warnings: string[];
  /**
   * wfr's reaction rate as used, when it differs from settings.alpha: α × Σ|λᵢ|/Σλᵢ for a
   * product with negative exponents (exponentSpread in model/potential.ts), e.g. 7α at guidance w = 4.
   */
  reactionRate?: number;
  /** The settings the run used, every default filled in. */
  settings: SampleSettings;
}

/** An ESS below this fraction of N is reported as a collapse of the weights. */
export const ESS_COLLAPSE = 0.05;

export class NonFiniteWeightsError extends Error {
  constructor(
    readonly step: number,
    readonly t: number,
    readonly cause = '',
  ) {
    super(`log-weights became non-finite at step ${step} (t = ${t.toPrecision(4)})${cause ? `: ${cause}` : ''}; nothing was written`);
  }
}

/** Why the log-weights stopped being finite, from the particles and the step's increments. */
export function nonFiniteCause(x: ArrayLike<number>, inc: ArrayLike<number>, logw: ArrayLike<number>): string {
  let [badX, far, badInc, bigInc] = [0, 0, 0, 0];
  for (let i = 0; i < x.length; i++) Number.isFinite(x[i]) ? (far = Math.max(far, Math.abs(x[i]))) : badX++;
  for (let i = 0; i < inc.length; i++) Number.isFinite(inc[i]) ? (bigInc = Math.max(bigInc, Math.abs(inc[i]))) : badInc++;
  const n = inc.length;
  if (badX) return `${Math.ceil(badX / 2)} of ${n} particles diverged (non-finite positions): the steps are too coarse for this drift (more --steps, or a smaller --beta, --alpha or --snr)`;
  if (badInc) return `the increment of ${badInc} of ${n} particles is not finite (particles up to |x| = ${far.toPrecision(3)} in model units, where the potential or its derivatives overflow): more --steps, or a smaller --beta or --alpha`;
  const top = Array.from(logw).reduce((m, v) => Math.max(m, Number.isFinite(v) ? Math.abs(v) : m), 0);
  return `the log-weights accumulated past ±1e308 (increments up to ${bigInc.toPrecision(3)} per step, finite ones up to ${top.toPrecision(3)}): a smaller --alpha or --beta, or more --steps`;
}

/** One run's state: particles, their values and log-weights, ancestry and trace. */
class SamplingRun {
  readonly s: SampleSettings;
  readonly parts: Composition;
  readonly weighting: Weighting;
  readonly predictor: Predictor;
  readonly corrector: Corrector;
  readonly resampler: Resampler;
  readonly weighted: boolean;
  readonly grid: Float64Array;
  readonly trace: SampleTrace = { t: [], ess: [], gSpread: [], resampled: [] };
  readonly msPerStep: number[] = [];
  private readonly rng: Rng;
  private readonly resampleRng: Rng;
  private readonly acceptRng: Rng;
  /** Σ of the accepted fractions and the number of Metropolis-adjusted corrector steps. */
  accepted = [0, 0];
  evaluations = 0;
  private readonly separateDrift: boolean;
  private readonly priorStd: number;
  x: tf.Tensor2D;
  private target: PotentialValues;
  private drift?: PotentialValues;
  logw: Float64Array;
  ancestors: Int32Array;
  /** The parents chosen by the latest resampling (for StepInfo). */
  lastParents?: Int32Array;
  resampleCount = 0;
  /** Σ over resampling epochs of log mean weight (with the prior's normaliser): see SampleResult.logNormalizer. */
  logNormalizer = 0;
  /** wfr's reaction rate as used: α times the potential's exponent spread. */
  readonly reactionRate: number;

  constructor(readonly o: SampleOptions) {
    const s = (this.s = resolveSampleSettings(o));
    // α is the rate per unit of the reaction's clock and of the path's speed: a product with negative exponents moves faster.
    this.reactionRate = s.alpha * exponentSpread(o.potential);
    this.parts = composeSampler({ ...s, alpha: this.reactionRate });
    ({ weighting: this.weighting, predictor: this.predictor, corrector: this.corrector, resampler: this.resampler, weighted: this.weighted } = this.parts);
    // A weighted run has a grid node at t_off, so its weights stop exactly at the cut-off
    // (otherwise cut-offs between two nodes give the same run).
    this.grid = timeGrid(s.steps, s.tMin ?? o.sde.tMin, s.grid, this.weighted && s.tOff ? s.tOff : undefined);
    this.rng = new Rng(s.seed, 'sample');
    this.resampleRng = new Rng(s.seed, 'resample');
    this.acceptRng = new Rng(s.seed, 'accept');
    this.separateDrift = o.drift !== undefined && o.drift !== o.potential;
    // The path exp(−β·U(·, 1)) starts from the prior to the power β: N(0, priorStd²/β·I).
    this.priorStd = o.sde.priorStd / Math.sqrt(s.beta);
    this.x = tf.tidy(() => this.normals().mul(this.priorStd)) as tf.Tensor2D;
    this.target = evaluateInBlocks(o.potential, this.x, 1, this.needFor(0, 'target'));
    this.drift = this.separateDrift ? evaluateInBlocks(o.drift!, this.x, 1, this.needFor(0, 'drift')) : undefined;
    this.logw = new Float64Array(s.n);
    this.ancestors = Int32Array.from({ length: s.n }, (_, i) => i);
    if (this.weighted) {
      // log w₀ = −β·U(x, 1) − log prior(x), prior N(0, priorStd²/β·I).
      const init = tf.tidy(() => this.target.u.mul(-s.beta).add(this.x.square().sum(1).div(2 * this.priorStd ** 2)));
      this.logw = Float64Array.from(init.dataSync());
      init.dispose();
      // −log prior(x) = ‖x‖²/(2s²) + log(2πs²) in 2D; the code above leaves the constant here.
      this.logNormalizer = Math.log(2 * Math.PI * this.priorStd ** 2);
    }
  }

  readonly normals = () => tf.tensor2d(this.rng.normals(new Float32Array(2 * this.s.n)), [this.s.n, 2]);
  readonly uniforms = () => Float64Array.from({ length: this.s.n }, () => this.acceptRng.uniform());

  /** Weights act on step k (from grid[k] to grid[k + 1]) when it ends at t ≥ t_off. */
  weightsOn(k: number): boolean {
    return k < this.s.steps && this.grid[k + 1] >= (this.s.tOff ?? 0) - 1e-12;
  }

  /** What step k's weighting needs of the target (or drift) potential at its start. */
  private needFor(k: number, which: 'target' | 'drift'): Need {
    if (!this.weighting.weighted || !this.weightsOn(k)) return {};
    return which === 'target' ? this.weighting.need : this.weighting.driftNeed;
  }

  private get driftValues(): PotentialValues {
    return this.drift ?? this.target;
  }

  /** Moves to new particles at t and evaluates what step `next` needs there. */
  private moveTo(x: tf.Tensor2D, t: number, next: number, keepOld = false): void {
    if (!keepOld) {
      this.x.dispose();
      disposeValues(this.target);
      disposeValues(this.drift);
    }
    this.x = x;
    this.target = evaluateInBlocks(this.o.potential, x, t, this.needFor(next, 'target'));
    this.drift = this.separateDrift ? evaluateInBlocks(this.o.drift!, x, t, this.needFor(next, 'drift')) : undefined;
  }

  private addToLogw(inc: tf.Tensor1D, step: number, t: number): void {
    const d = inc.dataSync();
    inc.dispose();
    for (let i = 0; i < this.s.n; i++) this.logw[i] += d[i];
    if (!this.logw.every(Number.isFinite)) throw new NonFiniteWeightsError(step, t, nonFiniteCause(this.x.dataSync(), d, this.logw));
  }

  /** Adds this epoch's log mean weight to the normaliser estimate. */
  private closeEpoch(): void {
    this.logNormalizer += logSumExp(this.logw) - Math.log(this.s.n);
  }

  resampleNow(): void {
    this.closeEpoch();
    const idx = resample(this.logw, this.resampler, this.resampleRng);
    this.lastParents = idx;
    const [x, target, drift] = [gatherRows(this.x, idx), gatherValues(this.target, idx), this.drift && gatherValues(this.drift, idx)];
    this.x.dispose();
    disposeValues(this.target);
    disposeValues(this.drift);
    [this.x, this.target, this.drift] = [x, target, drift];
    this.ancestors = this.ancestors.map((_, i) => this.ancestors[idx[i]]);
    this.logw = new Float64Array(this.s.n);
    this.resampleCount += 1;
  }

  /** A part's own evaluation of a potential, counted (SampleResult.evaluations). */
  private evaluate(p: Potential, x: tf.Tensor2D, t: number, need: Need): PotentialValues {
    this.evaluations += x.shape[0] / this.s.n;
    return evaluateInBlocks(p, x, t, need);
  }

  private context(k: number): StepContext {
    const { sde, potential, drift } = this.o;
    const [t, tn] = [this.grid[k], this.grid[k + 1]];
    const driftPotential = this.separateDrift ? drift! : potential;
    return {
      t, tn, h: t - tn, sde, f: sde.f(t), g2: sde.g2(t), beta: this.s.beta, c: this.s.beta,
      x: this.x, target: this.target, drift: this.driftValues, normals: this.normals,
      evaluateDrift: (x, at, need = {}) => this.evaluate(driftPotential, x, at, need),
      evaluateTarget: (x, at, need = {}) => this.evaluate(potential, x, at, need),
    };
  }

  /** Predictor, weights, corrector of step k; returns the spread of G (NaN when not computed). */
  step(k: number): number {
    const ctx = this.context(k);
    const move = this.predictor.move(ctx);
    this.moveTo(move.x, ctx.tn, k + 1, true);
    this.evaluations += 1;
    let gSpread = NaN;
    try {
      if (this.weighting.weighted && this.weightsOn(k)) {
        const r = this.weighting.increment({ ...ctx, move, next: this.target });
        gSpread = r.gSpread ?? NaN;
        this.addToLogw(r.inc, k + 1, ctx.tn);
      }
    } finally {
      ctx.x.dispose();
      disposeValues(ctx.target);
      if (this.separateDrift) disposeValues(ctx.drift);
      tf.dispose([move.v ?? [], move.mean ?? []]);
    }
    if (this.corrector.move && (!this.corrector.weighted || this.weightsOn(k))) this.correct(k, ctx.tn);
    return gSpread;
  }

  private correct(k: number, tn: number): void {
    const c = this.corrector;
    if (c.weighted && effectiveSampleSize(this.logw) < this.s.n - 1e-6) this.resampleNow();
    const driftPotential = this.separateDrift ? this.o.drift! : this.o.potential;
    const cctx: CorrectorContext = {
      tn, beta: this.s.beta, c: this.s.beta, snr: this.s.snr, x: this.x, drift: this.driftValues, normals: this.normals, uniforms: this.uniforms,
      evaluateDrift: (x, at, need = {}) => this.evaluate(driftPotential, x, at, need),
    };
    const m = c.move!(cctx);
    this.evaluations += 1;
    if (m.accepted !== undefined) [this.accepted[0], this.accepted[1]] = [this.accepted[0] + m.accepted, this.accepted[1] + 1];
    this.moveTo(m.x, tn, k + 1);
    try {
      if (c.increment) this.addToLogw(c.increment(cctx, m, this.target), k + 1, tn);
    } finally {
      m.centres?.dispose();
    }
  }

  /** Resamples after step k when the policy says so; returns whether it did. */
  maybeResample(k: number, ess: number): boolean {
    if (!this.weighted || !(this.weightsOn(k) || this.corrector.weighted)) return false;
    const every = this.weighting.resampleEveryStep;
    if ((every && ess < this.s.n - 1e-6) || ess < this.s.essThreshold * this.s.n) {
      this.resampleNow();
      return true;
    }
    return false;
  }

  /** The normaliser estimate once the run is over (the last epoch closed), when the weighting keeps every constant. */
  normalizerEstimate(): number | undefined {
    if (!this.weighting.estimatesNormalizer || this.corrector.weighted) return undefined;
    return this.logNormalizer + logSumExp(this.logw) - Math.log(this.s.n);
  }

  /** The composition's warnings (e.g. fk alone at β ≠ 1), then the run's own. */
  warnings(): string[] {
    const { trace, s } = this;
    if (!this.weighted || trace.ess.length === 0) return this.parts.warnings;
    const minEss = Math.min(...trace.ess);
    const at = trace.ess.indexOf(minEss);
    if (minEss >= ESS_COLLAPSE * s.n) return this.parts.warnings;
    return [
      ...this.parts.warnings,
      `the weights collapsed: ESS fell to ${minEss.toFixed(1)} of ${s.n} at step ${at + 1} (t = ${trace.t[at].toPrecision(3)}); ` +
        `${new Set(this.ancestors).size} distinct ancestors survive`,
    ];
  }

  dispose(): void {
    this.x.dispose();
    disposeValues(this.target);
    disposeValues(this.drift);
  }
}

export async function sample(o: SampleOptions): Promise<SampleResult> {
  const run = new SamplingRun(o);
  const { s, trace } = run;
  try {
    for (let k = 0; k < s.steps; k++) {
      const started = performance.now();
      const gSpread = run.step(k);
      const ess = run.weighted ? effectiveSampleSize(run.logw) : s.n;
      // What the weights said before a resampling evens them out (only for a watcher: O(N)).
      const before = o.onStep && run.weighted ? normalizeWeights(run.logw) : undefined;
      const resampled = run.maybeResample(k, ess);
      trace.t.push(run.grid[k + 1]);
      trace.ess.push(ess);
      trace.gSpread.push(gSpread);
      trace.resampled.push(resampled);
      run.msPerStep.push(performance.now() - started);
      const weights = run.weighted ? normalizeWeights(run.logw) : undefined;
      const parents = resampled && before ? Int32Array.from(run.lastParents!) : undefined;
      if (o.onStep) await o.onStep({ step: k + 1, steps: s.steps, t: run.grid[k + 1], x: run.x, ess, weights, ancestors: run.ancestors, resampled: parents && { weights: before!, parents } });
    }
    if (run.weighted && !s.keepWeights && effectiveSampleSize(run.logw) < s.n - 1e-6) run.resampleNow();
    const logNormalizer = run.normalizerEstimate();
    const points = Float32Array.from(run.x.dataSync() as Float32Array);
    const bad = points.reduce((c, v) => c + (Number.isFinite(v) ? 0 : 1), 0);
    if (bad) {
      throw new SettingsError(
        pieces`${Math.ceil(bad / 2)} of ${s.n} samples became non-finite: the sampler diverged (its step is too coarse for the drift at these settings: more ${flag('steps')}, or a smaller ${flag('beta')}, ${flag('alpha')} or ${flag('snr')}); nothing was written`,
      );
    }
    return {
      warnings: run.warnings(),
      points,
      weights: run.weighted && s.keepWeights ? normalizeWeights(run.logw) : undefined,
      trace,
      resampleCount: run.resampleCount,
      distinctAncestors: new Set(run.ancestors).size,
      logNormalizer,
      msPerStep: run.msPerStep,
      ...(run.accepted[1] > 0 && { acceptance: run.accepted[0] / run.accepted[1] }),
      evaluations: run.evaluations,
      ...(run.parts.reacts && run.reactionRate !== s.alpha && { reactionRate: run.reactionRate }),
      settings: s,
    };
  } finally {
    run.dispose();
  }
}
