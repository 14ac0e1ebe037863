// The training settings: TRAIN_KNOBS describes each once (default, range, choices, help), and
// the typed TrainConfig a trainer runs on and a checkpoint stores is mapped from those values
// here, in one place. The CLI only parses flags onto the knobs; --resume reads the config back.

import { knobDefaults, validateKnobs, type Knobs, type KnobValues } from '../config/knobs.js';
import { checkTrainLimits } from '../config/limits.js';
import { DATASET_NAMES } from '../data/datasets.js';
import { SDE_NAMES, type SdeParams } from '../sde.js';
import { DEFAULT_EMBEDDING, type EmbeddingConfig } from '../model/embedding.js';
import type { OutputScale } from '../model/potential.js';

export type LossWeighting = 'sigma2' | 'likelihood';

export interface TrainConfig {
  /** Built-in dataset name, or 'csv' with `dataFile`. */
  dataset: string;
  dataFile?: string;
  /** Forward SDE: vp | subvp | ve, and its parameters (defaults in sde.ts). */
  sde: string;
  sdeParams: SdeParams;
  /** Hidden widths of the SiLU MLP. */
  hidden: number[];
  embedding: EmbeddingConfig;
  /** How the MLP enters U: as is, or divided by σ_t (model/potential.ts). */
  outputScale: OutputScale;
  /** Total optimisation steps (a resumed run continues up to this). */
  steps: number;
  batch: number;
  /** Peak Adam learning rate: linear warm-up, then cosine decay to lr·lrFinalFraction. */
  lr: number;
  warmupSteps: number;
  lrFinalFraction: number;
  /** Step at which the current schedule phase began: 0, or the resume step of a fine-tune
   * that set a new learning rate (the schedule then runs from here to `steps`). */
  phaseStart: number;
  /** Cap of the EMA decay; the decay ramps as min(emaMax, (1+k)/(10+k)). */
  emaMax: number;
  /** DSM weighting λ(t): σ_t² (default) or the likelihood weighting g²(t). */
  weighting: LossWeighting;
  /** μ of the time-score term (docs/math.md §2); 0 switches it off. */
  timeScoreWeight: number;
  seed: number;
  /** Save a checkpoint every this many steps (and at the end, and on Ctrl-C). */
  checkpointEvery: number;
  /** --frame as given: data (fitted; then absent), standard, or a file; the checkpoint's
   * standardization holds the resolved centre and scale. */
  frame?: string;
  /**
   * The time-score phase of the default recipe (docs/math.md §2): from step `start` to `steps`,
   * the time-score term at weight μ with its own warm-up + cosine schedule from `lr`. Absent in
   * DSM-only runs and in checkpoints from before the recipe (those fine-tuned by --resume).
   */
  timeScorePhase?: TimeScorePhase;
  /** Class-conditional training (--conditional): each row's class is an input, dropped to the null class with probability labelDrop. Absent otherwise. */
  conditional?: { labelDrop: number };
}

export interface TimeScorePhase {
  start: number;
  lr: number;
  lrFinalFraction: number;
  weight: number;
  /** Reference points of the time-score target's posterior mean (loss.ts); absent = the single-sample target. */
  reference?: number;
}

/**
 * Every training option (a flag of `npm run train`, an option of `train()`): kind, default,
 * range, choices and help.
 *
 * @example
 * ```ts
 * import { TRAIN_KNOBS } from 'wfr-score';
 * console.log(TRAIN_KNOBS.steps.default, TRAIN_KNOBS.sde.choices);   // 6000, ['vp', 'subvp', 've', 've0']
 * ```
 */
export const TRAIN_KNOBS = {
  dataset: { kind: 'string', default: 'eight-gaussians-imbalanced', choices: DATASET_NAMES, help: 'built-in dataset (exact samplers of each law: src/data/datasets.ts)' },
  data: { kind: 'string', help: 'your own 2D data instead: a CSV file with a header row and two numeric columns' },
  frame: {
    kind: 'string',
    default: 'data',
    help: 'model coordinates: data (centre and scale fitted to the data), standard (the data units as they are), or a checkpoint directory / JSON {"mean":[x,y],"scale":s} to share; models to be multiplied need one frame',
  },
  sde: { kind: 'string', default: 'vp', choices: SDE_NAMES, help: 'forward SDE' },
  betaMin: { kind: 'number', gt: 0, help: 'VP/sub-VP β₀ (default 0.1)' },
  betaMax: { kind: 'number', gt: 0, help: 'VP/sub-VP β₁ (default 20)' },
  sigmaMin: { kind: 'number', gt: 0, help: 'VE σ_min, standardised units (default 0.01)' },
  sigmaMax: { kind: 'number', gt: 0, help: 'VE σ_max, standardised units (default 4)' },
  hidden: { kind: 'integers', default: [128, 128, 128], min: 1, help: 'hidden widths of the SiLU MLP, comma-separated' },
  features: { kind: 'integer', default: DEFAULT_EMBEDDING.features, min: 1, help: `Fourier time frequencies, from ${DEFAULT_EMBEDDING.freqMin} to --freq-max` },
  freqMax: { kind: 'number', default: DEFAULT_EMBEDDING.freqMax, gt: 0, help: 'highest time frequency' },
  outputScale: { kind: 'string', default: 'none', choices: ['none', 'sigma'], help: 'the MLP enters U as is (none) or divided by σ_t (sigma)' },
  steps: { kind: 'integer', default: 6000, min: 1, resumable: true, help: 'steps of the DSM phase (on --resume of a DSM-only run: continue up to this)' },
  batch: { kind: 'integer', default: 1024, min: 1, help: 'batch size' },
  lr: { kind: 'number', default: 2e-3, gt: 0, resumable: true, help: 'peak Adam learning rate (200-step warm-up, then cosine decay); on --resume, starts a new phase' },
  lrFinal: { kind: 'number', default: 0.02, gt: 0, max: 1, resumable: true, help: 'final learning rate as a fraction of --lr' },
  ema: { kind: 'number', default: 0.999, min: 0, lt: 1, help: 'EMA decay cap; the decay ramps as min(cap, (1+k)/(10+k))' },
  weighting: { kind: 'string', default: 'sigma2', choices: ['sigma2', 'likelihood'], help: 'DSM weighting λ(t) = σ_t² or g(t)²' },
  timeScoreSteps: {
    kind: 'integer',
    default: 5000,
    min: 0,
    resumable: true,
    help: 'steps of the time-score phase after the DSM phase: it pins down the mode masses of exp(−U) at small noise, so the weights can act there (0 = DSM only)',
  },
  timeScoreWeight: { kind: 'number', default: 0.1, min: 0, resumable: true, help: 'μ of the time-score term in its phase (on --resume of a run without one: from the resume step on)' },
  timeScoreLr: { kind: 'number', default: 2e-4, gt: 0, resumable: true, help: 'peak learning rate of the time-score phase (its own warm-up + cosine)' },
  timeScoreLrFinal: { kind: 'number', default: 0.05, gt: 0, max: 1, resumable: true, help: 'final learning rate of the time-score phase as a fraction of --time-score-lr' },
  timeScoreReference: {
    kind: 'integer',
    default: 0,
    min: 0,
    resumable: true,
    help: 'reference points of the time-score target (docs/math.md §2): 0 = the single-sample target; R > 0 = its posterior mean given x_t over R data points (the batch\'s own x₀ first, each row\'s own always counted, fresh draws beyond the batch): same expectation, less variance',
  },
  seed: { kind: 'integer', default: 0, min: 0, max: 2 ** 32 - 1, help: 'seed of every random stream (data, noise, init)' },
  checkpointEvery: { kind: 'integer', default: 1000, min: 1, resumable: true, help: 'save a checkpoint every this many steps (also at the end and on Ctrl-C)' },
  conditional: {
    kind: 'boolean',
    default: false,
    help: "class-conditional potential U(x, t | c), for --class and --guidance: classes are a built-in mixture's components or a CSV's third column label; the class is an input (one-hot), dropped to the null class with probability --label-drop",
  },
  labelDrop: { kind: 'number', default: 0.2, min: 0, lt: 1, help: 'with --conditional: probability that a row trains the null class ∅ (the unconditional potential) instead of its own' },
} as const satisfies Knobs;

export type TrainField = keyof typeof TRAIN_KNOBS;

/** The training knobs' values, by field (what flags parse into). */
export interface TrainKnobValues {
  dataset: string;
  data?: string;
  frame: string;
  sde: string;
  betaMin?: number;
  betaMax?: number;
  sigmaMin?: number;
  sigmaMax?: number;
  hidden: number[];
  features: number;
  freqMax: number;
  outputScale: OutputScale;
  steps: number;
  batch: number;
  lr: number;
  lrFinal: number;
  ema: number;
  weighting: LossWeighting;
  timeScoreSteps: number;
  timeScoreWeight: number;
  timeScoreLr: number;
  timeScoreLrFinal: number;
  timeScoreReference: number;
  seed: number;
  checkpointEvery: number;
  conditional: boolean;
  labelDrop: number;
}

/** What a TrainConfig holds beyond the knobs: fixed in code, or set by the run's history. */
export interface TrainExtras {
  warmupSteps: number;
  phaseStart: number;
  freqMin: number;
  /** μ of the time-score term outside a time-score phase: 0, except in runs fine-tuned by --resume before the recipe. */
  baseTimeScoreWeight: number;
}

const EXTRAS: TrainExtras = { warmupSteps: 200, phaseStart: 0, freqMin: DEFAULT_EMBEDDING.freqMin, baseTimeScoreWeight: 0 };

/** The fields `--resume` may change; the checkpoint fixes the rest. */
export const RESUMABLE: ReadonlySet<string> = new Set(Object.keys(TRAIN_KNOBS).filter((f) => (TRAIN_KNOBS as Knobs)[f].resumable));

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/**
 * The one mapping from flat knob values (missing ones take their defaults) to the nested
 * config. Key order is part of the checkpoint's bytes, so it stays as it always was.
 */
export function trainConfigFrom(values: Partial<TrainKnobValues> | KnobValues, extras: TrainExtras = EXTRAS): TrainConfig {
  const v = { ...knobDefaults(TRAIN_KNOBS), ...defined(values) } as TrainKnobValues;
  return {
    dataset: v.data !== undefined ? 'csv' : v.dataset,
    sde: v.sde,
    sdeParams: defined({ betaMin: v.betaMin, betaMax: v.betaMax, sigmaMin: v.sigmaMin, sigmaMax: v.sigmaMax }),
    hidden: v.hidden,
    embedding: { features: v.features, freqMin: extras.freqMin, freqMax: v.freqMax },
    outputScale: v.outputScale,
    steps: v.steps + v.timeScoreSteps,
    batch: v.batch,
    lr: v.lr,
    warmupSteps: extras.warmupSteps,
    lrFinalFraction: v.lrFinal,
    phaseStart: extras.phaseStart,
    emaMax: v.ema,
    weighting: v.weighting,
    timeScoreWeight: extras.baseTimeScoreWeight,
    seed: v.seed,
    checkpointEvery: v.checkpointEvery,
    ...(v.data !== undefined && { dataFile: v.data }),
    ...(v.frame !== 'data' && { frame: v.frame }),
    ...(v.timeScoreSteps > 0 && {
      timeScorePhase: {
        start: v.steps,
        lr: v.timeScoreLr,
        lrFinalFraction: v.timeScoreLrFinal,
        weight: v.timeScoreWeight,
        // Only when on, so checkpoints of the single-sample recipe keep their bytes.
        ...(v.timeScoreReference > 0 && { reference: v.timeScoreReference }),
      },
    }),
    // Only when on, so unconditional checkpoints keep their bytes.
    ...(v.conditional && { conditional: { labelDrop: v.labelDrop } }),
  };
}

/** The inverse of trainConfigFrom: the knob values a config was made from, and its extras. */
export function trainKnobValues(c: TrainConfig): { values: Partial<TrainKnobValues>; extras: TrainExtras } {
  const p = c.timeScorePhase;
  const values: Partial<TrainKnobValues> = {
    // A CSV run's dataset is 'csv', not a built-in name: the file is the knob.
    dataset: c.dataFile !== undefined ? undefined : c.dataset,
    data: c.dataFile,
    frame: c.frame ?? 'data',
    sde: c.sde,
    ...c.sdeParams,
    hidden: c.hidden,
    features: c.embedding.features,
    freqMax: c.embedding.freqMax,
    outputScale: c.outputScale,
    steps: p ? p.start : c.steps,
    batch: c.batch,
    lr: c.lr,
    lrFinal: c.lrFinalFraction,
    ema: c.emaMax,
    weighting: c.weighting,
    timeScoreSteps: p ? c.steps - p.start : 0,
    timeScoreWeight: p ? p.weight : c.timeScoreWeight,
    timeScoreLr: p?.lr,
    timeScoreLrFinal: p?.lrFinalFraction,
    timeScoreReference: p ? (p.reference ?? 0) : undefined,
    seed: c.seed,
    checkpointEvery: c.checkpointEvery,
    conditional: c.conditional !== undefined,
    labelDrop: c.conditional?.labelDrop,
  };
  const extras = { warmupSteps: c.warmupSteps, phaseStart: c.phaseStart, freqMin: c.embedding.freqMin, baseTimeScoreWeight: c.timeScoreWeight };
  return { values: defined(values), extras };
}

/**
 * A saved run continued with `changes` (resumable fields only). A new learning rate starts a
 * fresh warm-up + cosine phase at `step` (a fine-tune); the saved key order is kept.
 */
export function resumedConfig(saved: TrainConfig, changes: Partial<TrainKnobValues>, step: number): TrainConfig {
  const fixed = Object.keys(changes).filter((f) => !RESUMABLE.has(f));
  if (fixed.length) throw new Error(`${fixed.join(', ')} cannot change on resume`);
  const { values, extras } = trainKnobValues(saved);
  const p = saved.timeScorePhase;
  if (p && step > p.start && changes.steps !== undefined && changes.steps !== p.start) {
    throw new Error(`the DSM phase ended at step ${p.start}; give --time-score-steps to continue the time-score phase`);
  }
  if (p && changes.steps !== undefined && changes.steps < step) throw new Error(`--steps ${changes.steps} is below the step the run is at (${step})`);
  if (p && step >= p.start && (changes.lr !== undefined || changes.lrFinal !== undefined)) {
    throw new Error('the run is in its time-score phase: --lr and --lr-final set the DSM phase; give --time-score-lr / --time-score-lr-final');
  }
  const newPhase = changes.lr !== undefined || changes.lrFinal !== undefined;
  // A run from before the recipe (no time-score phase) keeps the old meaning: --time-score-weight
  // switches the term on from the resume step, and --steps is the total.
  const old = !p && values.timeScoreSteps === 0 && changes.timeScoreSteps === undefined;
  const base = old && changes.timeScoreWeight !== undefined ? changes.timeScoreWeight : extras.baseTimeScoreWeight;
  // A DSM-only run given a time-score phase on resume: its saved weight is 0, the phase's is the knob's default.
  const startsPhase = !p && (changes.timeScoreSteps ?? 0) > 0 && changes.timeScoreWeight === undefined;
  const merged = { ...values, ...changes, ...(old && { timeScoreSteps: 0 }), ...(startsPhase && { timeScoreWeight: TRAIN_KNOBS.timeScoreWeight.default }) };
  const next = trainConfigFrom(merged, { ...extras, baseTimeScoreWeight: base, phaseStart: newPhase ? step : extras.phaseStart });
  const { timeScorePhase: _drop, ...rest } = saved;
  return { ...rest, ...next };
}

export const DEFAULT_TRAIN_CONFIG: TrainConfig = trainConfigFrom({});

/** The schedule phase step k (0-based) is in: the DSM phase [phaseStart, end), or the time-score phase [start, steps). */
export function phaseAt(
  c: TrainConfig,
  k: number,
): { start: number; end: number; lr: number; lrFinalFraction: number; timeScoreWeight: number; timeScoreReference: number } {
  const p = c.timeScorePhase;
  if (p && k >= p.start) return { start: p.start, end: c.steps, lr: p.lr, lrFinalFraction: p.lrFinalFraction, timeScoreWeight: p.weight, timeScoreReference: p.reference ?? 0 };
  const base = { lr: c.lr, lrFinalFraction: c.lrFinalFraction, timeScoreWeight: c.timeScoreWeight, timeScoreReference: 0 };
  return { start: c.phaseStart ?? 0, end: p ? Math.min(p.start, c.steps) : c.steps, ...base };
}

/** Learning rate at step k (0-based): warm-up and cosine over the step's phase. */
export function learningRate(c: TrainConfig, k: number): number {
  const ph = phaseAt(c, k);
  const j = k - ph.start;
  const warm = Math.min(1, (j + 1) / Math.max(1, c.warmupSteps));
  const progress = Math.min(1, j / Math.max(1, ph.end - ph.start));
  const cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
  return ph.lr * warm * (ph.lrFinalFraction + (1 - ph.lrFinalFraction) * cosine);
}

export function emaDecay(c: TrainConfig, k: number): number {
  return Math.min(c.emaMax, (1 + k) / (10 + k));
}

/** Throws a KnobError naming the flag of the first out-of-range field. */
export function validateTrainConfig(c: TrainConfig): void {
  validateKnobs(TRAIN_KNOBS, trainKnobValues(c).values);
  checkTrainLimits(c);
}
