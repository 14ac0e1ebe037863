// The training settings: TRAIN_KNOBS describes each once (default, range, choices, help) and
// their values' type derives from it; the config a trainer runs on is the checkpoint's own
// record (checkpointSchema.ts: the potential and the TrainingRecipe), mapped from those values
// here, in one place. The CLI only parses flags onto the knobs; --resume reads the config back.
// The per-step schedule the config implies is schedule.ts.

import type { PotentialSpec, TrainingRecipe } from '../checkpointSchema.js';
import { knobDefaults, validateKnobs, type Knobs, type KnobValues, type ValuesOf } from '../config/knobs.js';
import { checkTrainLimits } from '../config/limits.js';
import { flag, pieces, SettingsError } from '../config/settingsError.js';
import { DATASET_NAMES } from '../data/datasets.js';
import { SDE_NAMES } from '../sde.js';
import { DEFAULT_EMBEDDING, EMBED_TIMES } from '../model/embedding.js';
import { TIME_SCORE_TIMES } from './noiseTimes.js';

/** --label-drop when --conditional is given without it. */
export const DEFAULT_LABEL_DROP = 0.2;

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
  embedTime: {
    kind: 'string',
    default: 'log-noise',
    choices: EMBED_TIMES,
    help: "what the Fourier time features see: t, or log-noise: log σ_t/α_t mapped onto [t_min, 1] (the same as t under VE), so the small noise levels where many modes' masses are set get the features' resolution under VP and sub-VP",
  },
  outputScale: { kind: 'string', default: 'none', choices: ['none', 'sigma'], help: 'the MLP enters U as is (none) or divided by σ_t (sigma)' },
  steps: { kind: 'integer', default: 6000, min: 1, resumable: true, help: 'steps of the DSM phase (on --resume of a DSM-only run: continue up to this)' },
  batch: { kind: 'integer', default: 1024, min: 1, help: 'batch size' },
  lr: { kind: 'number', default: 2e-3, gt: 0, resumable: true, help: 'peak Adam learning rate (200-step warm-up, then cosine decay); on --resume, starts a new phase' },
  lrFinal: { kind: 'number', default: 0.02, gt: 0, max: 1, resumable: true, help: 'final learning rate as a fraction of --lr' },
  ema: { kind: 'number', default: 0.999, min: 0, lt: 1, help: 'EMA decay cap; the decay ramps as min(cap, (1+k)/(10+k))' },
  weighting: { kind: 'string', default: 'sigma2', choices: ['sigma2', 'likelihood'], help: 'DSM weighting λ(t) = σ_t² or g(t)²' },
  timeScoreSteps: {
    kind: 'integer',
    default: 0,
    min: 0,
    resumable: true,
    help: 'steps of a time-score phase of its own after the DSM phase (0: none; the default recipe mixes the term into the DSM phase from --time-score-from instead)',
  },
  timeScoreWeight: { kind: 'number', default: 1, min: 0, resumable: true, help: 'μ of the time-score term, mixed in from --time-score-from and in its phase (on --resume of a run without one: from the resume step on)' },
  timeScoreFrom: {
    kind: 'integer',
    default: 1000,
    min: 0,
    help: 'step from which the time-score term (μ = --time-score-weight, target --time-score-reference) joins the DSM loss, at the DSM phase\'s learning rate: it pins down the mode masses of exp(−U) at small noise, so the weights can act there; with --time-score-steps 0, one phase of DSM + μ·time-score. At or beyond --steps: not mixed in (DSM alone, or the term only in a phase of its own)',
  },
  timeScoreLr: { kind: 'number', default: 2e-4, gt: 0, resumable: true, help: 'peak learning rate of the time-score phase (its own warm-up + cosine)' },
  timeScoreLrFinal: { kind: 'number', default: 0.05, gt: 0, max: 1, resumable: true, help: 'final learning rate of the time-score phase as a fraction of --time-score-lr' },
  timeScoreReference: {
    kind: 'integer',
    default: 256,
    min: 0,
    resumable: true,
    help: 'reference points of the time-score target (docs/math.md §2): 0 = the single-sample target; R > 0 = its posterior mean given x_t over R data points (the batch\'s own x₀ first, each row\'s own always counted, fresh draws beyond the batch): same expectation, less variance',
  },
  timeScoreTarget: {
    kind: 'string',
    choices: ['sample', 'fokker-planck'],
    resumable: true,
    help: "the time-score phase's regression target: sample (when absent): from the row's own noise, or its posterior mean with --time-score-reference; fokker-planck: −f·d + f⟨x, ∇U⟩ + ½g²(‖∇U‖² − ΔU) of the model's own current score, without sampling noise (docs/math.md §2; not with --conditional)",
  },
  fokkerPlanckBelow: {
    kind: 'number',
    gt: 0,
    resumable: true,
    help: 'with --time-score-target fokker-planck: use it only on rows whose noise level σ_t/α_t is below this, the sampled target above (default: every row)',
  },
  timeScoreTimes: {
    kind: 'string',
    choices: TIME_SCORE_TIMES,
    resumable: true,
    help: "how the time-score phase draws its noise times: uniform in t as DSM does (when absent), or log-noise: log σ_t/α_t uniform, so the small noise levels where the mode masses drift get their share of rows (the DSM term keeps its objective by an importance weight; under VE the two are the same)",
  },
  seed: { kind: 'integer', default: 0, min: 0, max: 2 ** 32 - 1, help: 'seed of every random stream (data, noise, init)' },
  checkpointEvery: { kind: 'integer', default: 1000, min: 1, resumable: true, help: 'save a checkpoint every this many steps (also at the end and on Ctrl-C)' },
  stopWhenGood: {
    kind: 'integer',
    default: 500,
    min: 0,
    resumable: true,
    help: 'every this many steps (once the time-score term is on, when the recipe has one), check whether the model is good enough for the weights and stop there: built-in mixtures when the mode masses of exp(−U) are within tolerance down to the cut-off floor, others when the DSM loss on a fixed batch stops improving (--steps stays the maximum; 0 = off)',
  },
  conditional: {
    kind: 'boolean',
    help: "class-conditional potential U(x, t | c), for --class and --guidance: classes are a built-in mixture's components or a CSV's third column label; the class is an input (one-hot), dropped to the null class with probability --label-drop (off when absent)",
  },
  labelDrop: { kind: 'number', min: 0, lt: 1, help: `with --conditional: probability that a row trains the null class ∅ (the unconditional potential) instead of its own (default ${DEFAULT_LABEL_DROP})` },
} as const satisfies Knobs;

/** The training knobs' values, by field (what flags parse into). */
export type TrainKnobValues = ValuesOf<typeof TRAIN_KNOBS>;

/**
 * The knobs the mapping below stores under other names or shapes (the recipe's fields predate
 * the table). Every other knob is stored in the recipe as it is, under its own name, so a new
 * training knob is one TRAIN_KNOBS entry plus the code that reads `config.<field>`.
 */
const MAPPED = [
  'dataset', 'data', 'frame', 'sde', 'betaMin', 'betaMax', 'sigmaMin', 'sigmaMax', 'hidden', 'features', 'freqMax', 'embedTime', 'outputScale',
  'steps', 'batch', 'lr', 'lrFinal', 'ema', 'weighting', 'timeScoreSteps', 'timeScoreWeight', 'timeScoreLr', 'timeScoreLrFinal',
  'timeScoreReference', 'seed', 'checkpointEvery',
] as const satisfies readonly (keyof typeof TRAIN_KNOBS)[];

/** The config a trainer runs on and a checkpoint stores: the potential it trains, its recipe, and the knobs stored as they are. */
// --time-score-from is left out when the DSM phase never reaches it, and checkpoints from before
// a knob had a default lack it: both stay optional in the stored config.
export type TrainConfig = PotentialSpec &
  TrainingRecipe &
  Omit<TrainKnobValues, (typeof MAPPED)[number] | 'timeScoreFrom' | 'stopWhenGood'> &
  Partial<Pick<TrainKnobValues, 'timeScoreFrom' | 'stopWhenGood'>>;

/** The values of the knobs stored as they are (none yet: every knob so far is MAPPED). */
const storedAsIs = (from: object): KnobValues =>
  Object.fromEntries(
    Object.keys(TRAIN_KNOBS)
      .filter((f) => !(MAPPED as readonly string[]).includes(f) && (from as KnobValues)[f] !== undefined)
      .map((f) => [f, (from as KnobValues)[f]]),
  );

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
  // A term "from" a step the DSM phase never reaches is no term: the key stays out, as before the knob.
  const timeScoreFrom = v.timeScoreFrom !== undefined && v.timeScoreFrom < v.steps ? v.timeScoreFrom : undefined;
  return {
    dataset: v.data !== undefined ? 'csv' : v.dataset,
    sde: v.sde,
    sdeParams: defined({ betaMin: v.betaMin, betaMax: v.betaMax, sigmaMin: v.sigmaMin, sigmaMax: v.sigmaMax }),
    hidden: v.hidden,
    embedding: { features: v.features, freqMin: extras.freqMin, freqMax: v.freqMax, ...(v.embedTime === 'log-noise' && { time: 'log-noise' as const }) },
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
    // A time-score term from --time-score-from keeps its μ and target in the phase record, which is
    // then empty when there are no time-score steps (start = steps).
    ...((v.timeScoreSteps > 0 || timeScoreFrom !== undefined) && {
      timeScorePhase: {
        start: v.steps,
        lr: v.timeScoreLr,
        lrFinalFraction: v.timeScoreLrFinal,
        weight: v.timeScoreWeight,
        // Only when on, so checkpoints of the single-sample recipe keep their bytes.
        ...(v.timeScoreReference > 0 && { reference: v.timeScoreReference }),
      },
    }),
    ...storedAsIs({ ...v, timeScoreFrom }),
  } as TrainConfig;
}

/** --time-score-from of a run without an early term: beyond any DSM phase a resume may extend. */
const NEVER = Number.MAX_SAFE_INTEGER;

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
    // Explicit where a checkpoint's missing field meant what is no longer the default.
    embedTime: c.embedding.time ?? 't',
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
    timeScoreFrom: NEVER,
    stopWhenGood: 0,
    ...storedAsIs(c),
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
    throw new SettingsError(pieces`the DSM phase ended at step ${p.start}; give ${flag('time-score-steps')} to continue the time-score phase`);
  }
  if (p && changes.steps !== undefined && changes.steps < step) throw new SettingsError(pieces`${flag('steps')} ${changes.steps} is below the step the run is at (${step})`);
  if (p && step >= p.start && (changes.lr !== undefined || changes.lrFinal !== undefined)) {
    throw new SettingsError(pieces`the run is in its time-score phase: ${flag('lr')} and ${flag('lr-final')} set the DSM phase; give ${flag('time-score-lr')} / ${flag('time-score-lr-final')}`);
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

/** Throws a KnobError naming the flag of the first out-of-range field. */
export function validateTrainConfig(c: TrainConfig): void {
  validateKnobs(TRAIN_KNOBS, trainKnobValues(c).values);
  checkTrainLimits(c);
}
