// `exact:NAME`: the noised exact potential of a built-in mixture as a model any sampler takes in
// place of a checkpoint, so samplers can be compared without training. The SDE (and its
// parameters) and the frame are the caller's choice, since an exact law has no training to fix
// them; the weights act at every step (an exact potential's masses are right at every noise).

import type { LoadedModel } from '../checkpoint.js';
import { FORMAT, FORMAT_VERSION, type ModelMeta, type TrainingRecipe } from '../checkpointSchema.js';
import { DATASET_NAMES, getDataset, type Mixture } from '../data/datasets.js';
import { classMixture, tiltedDataset } from '../data/tilted.js';
import type { ClassConditional } from './conditional.js';
import { builtinSource } from '../data/source.js';
import type { Standardization } from '../data/standardize.js';
import { makeSde, type SdeParams } from '../sde.js';
import { ExactPotential, standardizeMixture } from './exact.js';

export const EXACT_PREFIX = 'exact:';

/** Whether a --model value names an exact potential rather than a checkpoint. */
export const isExactSpec = (spec: string) => spec.startsWith(EXACT_PREFIX);

export interface ExactModelOptions {
  /** Forward SDE name and parameters (default vp with its defaults). */
  sde?: string;
  sdeParams?: SdeParams;
  /** Model coordinates (default: the frame training would fit to the law's data). */
  frame?: Standardization;
}

/** The built-in mixtures: the laws with an exact noised potential. */
export const EXACT_NAMES = DATASET_NAMES.filter((n) => getDataset(n).mixture);

/**
 * The exact model of `exact:NAME` (or NAME). Its metadata says what a sampler and a report
 * read: SDE, frame, dataset, and a cut-off of noise 0 (weights everywhere) with rule 'exact';
 * it has no network, so no weights to dispose.
 */
export function exactModel(spec: string, o: ExactModelOptions = {}): LoadedModel {
  const name = isExactSpec(spec) ? spec.slice(EXACT_PREFIX.length) : spec;
  if (!DATASET_NAMES.includes(name)) throw new Error(`${spec}: unknown dataset '${name}'; exact potentials exist for ${EXACT_NAMES.join(', ')}`);
  const mixture = getDataset(name).mixture;
  if (!mixture) throw new Error(`${spec}: ${name} is not a Gaussian mixture, so its noised density has no closed form; exact potentials exist for ${EXACT_NAMES.join(', ')}`);
  const sde = makeSde(o.sde ?? 'vp', o.sdeParams);
  const standardization = o.frame ?? builtinSource(name).standardization;
  const meta: ModelMeta = {
    format: FORMAT,
    version: FORMAT_VERSION,
    sde: { name: sde.name, params: sde.params },
    standardization,
    // No network: the architecture fields are empty and never read for an exact model.
    embedding: { features: 0, freqMin: 0, freqMax: 0 },
    hidden: [],
    outputScale: 'none',
    dataset: { name },
    training: { step: 0, timeScoreSteps: 0, config: {} as TrainingRecipe },
    cutoff: { noise: 0, rule: 'exact' },
    backend: '',
    savedAt: '',
  };
  const exact = (m: Mixture) => new ExactPotential(standardizeMixture(m, standardization), sde);
  const potential = exact(mixture);
  // Class k is component k; a class may be a set of components (their mixture, renormalised).
  const classes: ClassConditional = {
    names: mixture.means.map((_, k) => String(k)),
    sets: true,
    potential: (cls) => (cls === null ? potential : exact(classMixture(mixture, cls))),
    tilted: (cls, w) => tiltedDataset(name, mixture, cls, w),
  };
  return { meta, sde, potential, weights: [], classes };
}
