// Where the weights may act (docs/math.md §4c): they pull toward exp(−β·U(·, t)), so only where
// that density's mode masses can be trusted. DSM alone leaves the energy offsets between modes
// free and they drift as the noise shrinks; the time-score phase pins them down. The cut-off is a
// noise level ν = σ_t/α_t — the same ν means the same blur of the data under every SDE, while the
// same t does not (under VE, σ(0.2) is already tiny) — turned into a time t_off per SDE.

import type { ModelMeta } from '../checkpointSchema.js';
import type { Dataset } from '../data/datasets.js';
import type { Standardization } from '../data/standardize.js';
import { massErrors, massErrorsPaused, type MassReport } from '../metrics/potentialMasses.js';
import type { Potential } from '../model/potential.js';
import { makeSde, type SDE } from '../sde.js';

/** Noise-to-signal ratio σ_t/α_t of the marginal x_t = α_t·x₀ + σ_t·z (standardised units). */
export const noiseLevel = (sde: SDE, t: number) => sde.sigma(t) / sde.alpha(t);

/** The t in [t_min, 1] where σ_t/α_t = ν (it grows with t under every SDE here), by bisection. */
export function timeAtNoise(sde: SDE, nu: number): number {
  if (noiseLevel(sde, sde.tMin) >= nu) return sde.tMin;
  if (noiseLevel(sde, 1) <= nu) return 1;
  let [lo, hi] = [sde.tMin, 1];
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (noiseLevel(sde, mid) < nu) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The noise levels at which a checkpoint's mode masses are measured: σ/α of the default VP SDE at
 * t = 0.5, 0.2, 0.1, 0.05, 0.02, 0.005 (so VP checkpoints keep the times the project has always
 * reported), rounded to three digits.
 */
export const NOISE_LADDER = [0.5, 0.2, 0.1, 0.05, 0.02, 0.005].map((t) => Number(noiseLevel(makeSde('vp'), t).toPrecision(3)));

/** Recipe defaults: DSM alone is trusted down to ν ≈ 0.72 (VP t = 0.2), time-score-trained models to ν ≈ 0.078 (VP t = 0.02). */
export const DSM_CUTOFF = NOISE_LADDER[1];
/**
 * Not lower: measured on the shipped fine-tuned checkpoints (wfr, 20 steps, N = 2000, 3 seeds),
 * weighting to t = 0 gave mode-weight error 0.077 / 0.037 (eight-gaussians-imbalanced /
 * double-well) against 0.037 / 0.010 for a cut-off anywhere in t ∈ [0.01, 0.05].
 */
export const TIME_SCORE_CUTOFF = NOISE_LADDER[4];
/** A measured cut-off is the lowest noise level down to which the summed mode-mass error stays within this. */
export const MASS_TOLERANCE = 0.02;

export interface MassAtNoise {
  noise: number;
  t: number;
  error: number;
}

export interface Cutoff {
  /** Weights act on steps that end where σ_t/α_t ≥ noise. */
  noise: number;
  /** 'measured': from the checkpoint's own mode-mass errors; 'recipe': from how it was trained; 'exact': an exact potential (everywhere). */
  rule: 'measured' | 'recipe' | 'exact';
  /** The measurement behind a measured cut-off. */
  masses?: MassAtNoise[];
}

/**
 * Mode-mass errors of exp(−U(·, t)) at the ladder's noise levels (datasets with known masses
 * only), or at `noises` of them; levels in `known` (measured on the same model) are reused.
 */
export function measureMasses(o: MeasureOptions): MassAtNoise[] {
  const todo = missing(o);
  return merge(o, todo, massErrors(o.potential, o.dataset, o.sde, o.standardization, todo.map((nu) => timeAtNoise(o.sde, nu))));
}

/** measureMasses, awaiting `pause` between blocks of work (it may throw to abandon the measurement). */
export async function measureMassesPaused(o: MeasureOptions, pause: () => Promise<void>): Promise<MassAtNoise[]> {
  const todo = missing(o);
  return merge(o, todo, await massErrorsPaused(pause, o.potential, o.dataset, o.sde, o.standardization, todo.map((nu) => timeAtNoise(o.sde, nu))));
}

type MeasureOptions = { potential: Potential; dataset: Dataset; sde: SDE; standardization: Standardization; noises?: readonly number[]; known?: readonly MassAtNoise[] };
const wanted = (o: MeasureOptions) => o.noises ?? NOISE_LADDER;
const missing = (o: MeasureOptions) => wanted(o).filter((nu) => !o.known?.some((m) => m.noise === nu));
function merge(o: MeasureOptions, todo: number[], r: MassReport[]): MassAtNoise[] {
  return wanted(o).map((nu) => o.known?.find((m) => m.noise === nu) ?? { noise: nu, t: r[todo.indexOf(nu)].t, error: r[todo.indexOf(nu)].error });
}

/**
 * The lowest ladder level ν, but not below TIME_SCORE_CUTOFF, such that the error at ν and at
 * every higher level is within tolerance (the highest level if none). The floor: below it the
 * masses may still be right, but weighting there was measured to hurt (TIME_SCORE_CUTOFF), and
 * the reaction's over-sharpening accumulates over the many small-noise steps (README,
 * Limitations; under VE weighting down to ν = 0.0274 gave 0.029 / 0.028 against 0.025 / 0.014 at
 * ν = 0.0774, eight-gaussians-imbalanced / double-well, K = 20).
 */
export function cutoffFromMasses(masses: MassAtNoise[], tolerance = MASS_TOLERANCE): number {
  const byNoise = [...masses].filter((m) => m.noise >= TIME_SCORE_CUTOFF).sort((a, b) => b.noise - a.noise);
  let nu = byNoise[0].noise;
  for (const m of byNoise) {
    if (!(m.error <= tolerance)) break; // NaN is not within tolerance
    nu = m.noise;
  }
  return nu;
}

/**
 * A checkpoint's cut-off: the measured one it stores, else its recipe's — the time-score one only
 * once the time-score phase (from --time-score-from when given) is complete (a checkpoint saved a few steps into it has DSM's masses),
 * or, for runs fine-tuned before the recipe existed, after at least MIN_TIME_SCORE_STEPS.
 */
export function cutoffOf(meta: ModelMeta): Cutoff {
  if (meta.cutoff) return meta.cutoff;
  const { timeScoreSteps, config } = meta.training;
  const p = config.timeScorePhase;
  const from = config.timeScoreFrom ?? p?.start ?? config.steps;
  const needed = p && from < config.steps ? config.steps - from : MIN_TIME_SCORE_STEPS;
  const done = timeScoreSteps >= needed;
  return { noise: done ? TIME_SCORE_CUTOFF : DSM_CUTOFF, rule: 'recipe' };
}

/** The shortest time-score fine-tune (before the recipe) whose masses were measured right: 5000 steps on double-well. */
export const MIN_TIME_SCORE_STEPS = 5000;

/** The cut-off of a product: the most cautious (highest noise level) of its models'. */
export const combinedCutoff = (metas: ModelMeta[]) => Math.max(...metas.map((m) => cutoffOf(m).noise));

/** Default t_off of models sampled under `sde`: the time of their combined cut-off, rounded to 3 digits (as the ladder is). */
export function defaultTOff(metas: ModelMeta[], sde: SDE): number {
  return Number(timeAtNoise(sde, combinedCutoff(metas)).toPrecision(3));
}

/** One line for people: where the weights act and why. */
export function describeCutoff(metas: ModelMeta[], sde: SDE): string {
  const nu = combinedCutoff(metas);
  const rules = [...new Set(metas.map((m) => cutoffOf(m).rule))].join('/');
  if (rules === 'exact') return 'weights act at every step (exact potential)';
  const why = rules === 'measured' ? `measured: mode-mass error ≤ ${MASS_TOLERANCE} for σ/α ≥ ${nu}` : rules === 'recipe' ? "from the checkpoint's recipe" : 'measured and recipe';
  return `weights act where σ_t/α_t ≥ ${nu} (t ≥ ${defaultTOff(metas, sde)}; ${why})`;
}
