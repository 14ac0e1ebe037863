// What a checkpoint's model.json says about its potential (userDefinedMetadata.wfr), as one
// versioned schema: the current version, the explicit migration of older ones, and a check of
// every field a sampler reads (a checkpoint is untrusted input: the demo loads them from
// anywhere). Browser-safe.

import { frameProblem, type Standardization } from './data/standardize.js';
import type { EmbeddingConfig } from './model/embedding.js';
import type { OutputScale } from './model/potential.js';
import { isVarianceExploding, SDES, type SdeParams } from './sde.js';

export const FORMAT = 'wfr-score';
/** Version 2: one `format` + `version` pair; the training record no longer repeats the architecture. */
export const FORMAT_VERSION = 2;

export type LossWeighting = 'sigma2' | 'likelihood';

/**
 * The time-score phase of the default recipe (docs/math.md §2): from step `start` to the recipe's
 * `steps`, the time-score term at weight μ with its own warm-up + cosine schedule from `lr`.
 */
export interface TimeScorePhase {
  start: number;
  lr: number;
  lrFinalFraction: number;
  weight: number;
  /** Reference points of the time-score target's posterior mean (train/loss.ts); absent = the single-sample target. */
  reference?: number;
}

/**
 * How a checkpoint was trained, apart from what the potential itself needs (stored once, above
 * it): the file format's record, which the trainer's config (train/config.ts) is built from.
 * Training knobs added later are stored beside these fields under their own names.
 */
export interface TrainingRecipe {
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
  /** μ of the time-score term outside a time-score phase (docs/math.md §2); 0 switches it off. */
  timeScoreWeight: number;
  seed: number;
  /** Save a checkpoint every this many steps (and at the end, and on Ctrl-C). */
  checkpointEvery: number;
  /** --frame as given: data (fitted; then absent), standard, or a file; the metadata's
   * standardization holds the resolved centre and scale. */
  frame?: string;
  /** Absent in DSM-only runs and in checkpoints from before the recipe (those fine-tuned by --resume). */
  timeScorePhase?: TimeScorePhase;
  /** Step from which the time-score term (the phase record's μ and target) joins the DSM phase; absent = from the phase's start. */
  timeScoreFrom?: number;
}

/** What a trained potential is, beside its recipe: its data, SDE and architecture (the metadata's top level). */
export interface PotentialSpec {
  /** Built-in dataset name, or 'csv' with `dataFile`. */
  dataset: string;
  dataFile?: string;
  /** Forward SDE name and its parameters (defaults in sde.ts). */
  sde: string;
  sdeParams: SdeParams;
  /** Hidden widths of the SiLU MLP. */
  hidden: number[];
  embedding: EmbeddingConfig;
  /** How the MLP enters U: as is, or divided by σ_t (model/potential.ts). */
  outputScale: OutputScale;
}

/** What a checkpoint says about itself (model.json's userDefinedMetadata.wfr): SDE, frame, architecture, dataset, training, cut-off. */
export interface ModelMeta {
  format: typeof FORMAT;
  version: typeof FORMAT_VERSION;
  /** The forward SDE with every parameter resolved. */
  sde: { name: string; params: SdeParams };
  standardization: Standardization;
  embedding: EmbeddingConfig;
  hidden: number[];
  /** How the MLP enters U (model/potential.ts). */
  outputScale: OutputScale;
  dataset: { name: string; file?: string };
  /** Steps done, steps with the time-score term on, the rest of the training config, and why it stopped before its last step when it stopped itself (--stop-when-good). */
  training: { step: number; timeScoreSteps: number; config: TrainingRecipe; stoppedWhenGood?: { step: number; reason: string } };
  /** Where the weights may act, when measured at the end of training (sampling/cutoff.ts); 'exact' only in memory, for exact potentials. */
  cutoff?: { noise: number; rule: 'measured' | 'recipe' | 'exact'; masses?: { noise: number; t: number; error: number }[] };
  /** Class-conditional models (--conditional): the class names, index = label; the network's input ends with their one-hot. Absent otherwise (and in every older checkpoint). */
  classes?: { names: string[] };
  backend: string;
  savedAt: string;
}

/** The metadata of a model trained with `config` (the architecture fields go to the top level). */
export function makeMeta(o: {
  config: PotentialSpec & TrainingRecipe;
  sde: ModelMeta['sde'];
  standardization: Standardization;
  step: number;
  timeScoreSteps: number;
  backend: string;
  cutoff?: ModelMeta['cutoff'];
  stoppedWhenGood?: { step: number; reason: string };
  classes?: string[];
}): ModelMeta {
  const { hidden, embedding, outputScale, sde: _s, sdeParams: _p, dataset, dataFile, ...recipe } = o.config;
  return {
    format: FORMAT,
    version: FORMAT_VERSION,
    sde: o.sde,
    standardization: o.standardization,
    embedding,
    hidden,
    outputScale,
    dataset: { name: dataset, ...(dataFile !== undefined && { file: dataFile }) },
    training: { step: o.step, timeScoreSteps: o.timeScoreSteps, config: recipe, ...(o.stoppedWhenGood && { stoppedWhenGood: o.stoppedWhenGood }) },
    ...(o.cutoff && { cutoff: o.cutoff }),
    ...(o.classes && { classes: { names: o.classes } }),
    backend: o.backend,
    savedAt: new Date().toISOString(),
  };
}

export class MetaError extends Error {}

/** Most classes a conditional checkpoint (and a labelled CSV) may have: each is an input column. */
export const MAX_CLASSES = 1000;

type Raw = Record<string, unknown>;
const isObj = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 1 ('wfr-score/1') → 2: the training record kept the whole config and the seed beside
 * it; `outputScale` was absent in files written before it was recorded, all of which divided the
 * MLP by σ_t — so a missing value means 'sigma' there, and only there.
 */
function fromV1(m: Raw): Raw {
  const training = isObj(m.training) ? m.training : {};
  const config = isObj(training.config) ? { ...training.config } : {};
  for (const k of ['hidden', 'embedding', 'outputScale', 'sde', 'sdeParams', 'dataset', 'dataFile']) delete config[k];
  return {
    ...m,
    format: FORMAT,
    version: 2,
    outputScale: m.outputScale ?? 'sigma',
    training: { step: training.step, timeScoreSteps: training.timeScoreSteps ?? 0, config },
  };
}

/** The metadata of `source` in the current version, every field a sampler reads checked. */
export function parseMeta(raw: unknown, source: string): ModelMeta {
  const bad = (field: string, why: string) => new MetaError(`${source}: field wfr.${field} ${why}`);
  if (!isObj(raw)) throw new MetaError(`${source}: not a ${FORMAT} checkpoint (model.json has no wfr metadata)`);
  let m = raw;
  if (m.format === 'wfr-score/1') m = fromV1(m);
  if (m.format !== FORMAT) throw new MetaError(`${source}: not a ${FORMAT} checkpoint (format is ${JSON.stringify(m.format)})`);
  if (m.version !== FORMAT_VERSION) throw new MetaError(`${source}: ${versionProblem(m.version)}`);
  checkSde(m.sde, bad);
  const st = m.standardization;
  if (!isObj(st) || !Array.isArray(st.mean) || st.mean.length !== 2 || !st.mean.every(finite)) throw bad('standardization.mean', 'must be two finite numbers');
  if (!(finite(st.scale) && (st.scale as number) > 0)) throw bad('standardization.scale', 'must be a finite number > 0');
  const degenerate = frameProblem(st as unknown as Standardization);
  if (degenerate) throw bad('standardization', `is a degenerate frame: ${degenerate}`);
  const e = m.embedding;
  if (!isObj(e) || !(Number.isInteger(e.features) && (e.features as number) >= 1 && (e.features as number) <= 1024)) throw bad('embedding.features', 'must be an integer in [1, 1024]');
  if (!(finite(e.freqMin) && finite(e.freqMax) && (e.freqMin as number) > 0 && (e.freqMax as number) >= (e.freqMin as number))) {
    throw bad('embedding.freqMin/freqMax', 'must be finite with 0 < freqMin ≤ freqMax');
  }
  if (e.time !== undefined && e.time !== 'log-noise') throw bad('embedding.time', `must be 'log-noise' or absent, got ${JSON.stringify(e.time)}`);
  if (!Array.isArray(m.hidden) || m.hidden.length === 0 || !m.hidden.every((h) => Number.isInteger(h) && h >= 1 && h <= 4096)) {
    throw bad('hidden', 'must be a non-empty list of integers in [1, 4096]');
  }
  if (m.outputScale !== 'none' && m.outputScale !== 'sigma') throw bad('outputScale', `must be 'none' or 'sigma', got ${JSON.stringify(m.outputScale)}`);
  if (!isObj(m.dataset) || typeof m.dataset.name !== 'string') throw bad('dataset.name', 'must be a string');
  if (m.dataset.file !== undefined && typeof m.dataset.file !== 'string') throw bad('dataset.file', 'must be a string');
  const tr = m.training;
  if (!isObj(tr) || !Number.isInteger(tr.step) || (tr.step as number) < 0) throw bad('training.step', 'must be an integer ≥ 0');
  if (!Number.isInteger(tr.timeScoreSteps) || (tr.timeScoreSteps as number) < 0) throw bad('training.timeScoreSteps', 'must be an integer ≥ 0');
  if (!isObj(tr.config)) throw bad('training.config', 'must be an object');
  if (m.cutoff !== undefined) {
    const c = m.cutoff;
    if (!isObj(c) || !(finite(c.noise) && (c.noise as number) > 0)) throw bad('cutoff.noise', 'must be a finite number > 0');
    if (c.rule !== 'measured' && c.rule !== 'recipe') throw bad('cutoff.rule', "must be 'measured' or 'recipe'");
  }
  if (m.classes !== undefined) {
    const c = m.classes;
    const names = isObj(c) ? c.names : undefined;
    if (!Array.isArray(names) || names.length < 1 || names.length > MAX_CLASSES || !names.every((n) => typeof n === 'string' && n.length <= 200)) {
      throw bad('classes.names', `must be a list of 1 to ${MAX_CLASSES} strings`);
    }
    if (new Set(names).size !== names.length) throw bad('classes.names', 'must not repeat a name');
  }
  return m as unknown as ModelMeta;
}

/** Why a `wfr-score` checkpoint's version is not one this code reads, in words that fit the case. */
function versionProblem(v: unknown): string {
  if (typeof v === 'number' && Number.isInteger(v) && v > FORMAT_VERSION) {
    return `checkpoint format version ${v} is newer than this code, which reads up to version ${FORMAT_VERSION}: update wfr-score to read it`;
  }
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1) {
    return `format '${FORMAT}' with version ${v} was never written (version 1 files say format 'wfr-score/1'; this code writes version ${FORMAT_VERSION}): the metadata was edited or is damaged`;
  }
  return `field wfr.version must be the integer ${FORMAT_VERSION} (got ${JSON.stringify(v)})`;
}

const finite = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

function checkSde(sde: unknown, bad: (field: string, why: string) => MetaError): void {
  if (!isObj(sde) || typeof sde.name !== 'string' || !(sde.name in SDES)) {
    throw bad('sde.name', `must be one of ${Object.keys(SDES).join(', ')}, got ${JSON.stringify(isObj(sde) ? sde.name : sde)}`);
  }
  const p = sde.params;
  const keys = isVarianceExploding(sde.name) ? ['sigmaMin', 'sigmaMax'] : ['betaMin', 'betaMax'];
  if (!isObj(p) || !keys.every((k) => finite(p[k]))) throw bad('sde.params', `must give finite ${keys.join(' and ')}`);
  try {
    SDES[sde.name](p as SdeParams);
  } catch (e) {
    throw bad('sde.params', (e as Error).message);
  }
}
