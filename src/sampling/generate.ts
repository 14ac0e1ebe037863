// Loaded checkpoints as one sampling target, and a sampler run on it in data units: what
// `npm run sample`, the benchmark and the public API (src/index.ts) share, so they give the same
// samples for the same seed. Browser-safe; node/generate.ts adds loading from the file system.
// The checkpoint decides the SDE, the standardisation and the default cut-off of the weights
// (sampling/cutoff.ts: a noise level from the checkpoint, as a t_off for its SDE).
// Several checkpoints are a product ∏pᵢ^λᵢ (U = ΣλᵢUᵢ); it needs one SDE and one frame, and its
// exact target is known when the factors are built-in mixtures with equal λ (data/mixture.ts).

import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../checkpoint.js';
import { defaultTOff, describeCutoff } from './cutoff.js';
import { DATASETS, type Dataset, type Points } from '../data/datasets.js';
import { unstandardize } from '../data/standardize.js';
import { SumPotential, type Potential } from '../model/potential.js';
import { sample, type SampleOptions, type SampleResult } from './sample.js';
import { checkExponentCount, checkExponents, checkProduct, productTarget } from './product.js';

export interface LoadedModels {
  models: LoadedModel[];
  potential: Potential;
  base: LoadedModel;
  /** The law the samples should follow at β = 1, when known exactly: the (single) model's
   * built-in dataset, or the exact product of the factors' (then raised to `targetPower`). */
  dataset?: Dataset;
  /** The target is dataset^targetPower (a product with all λᵢ = c is (∏pᵢ)^c); 1 for one model. */
  targetPower: number;
  /** Why a product has no exact target (for the log), if it has none. */
  noTarget?: string;
  lambdas: number[];
  /** Set when the target is a guided class (sampling/guidance.ts): the product (w, 1 − w) of one model's conditional and unconditional potentials. */
  guidance?: { classes: number[]; className: string; w: number };
  defaultTOff: number;
  /** Where the weights act by default, in words. */
  cutoff: string;
  dispose(): void;
}

/**
 * One target from loaded models (a product when there are several or λ ≠ 1); `labels` name the
 * models in errors. Throws IncompatibleModelsError when their SDEs or frames differ; the models
 * are not disposed then (the caller loaded them).
 */
export function combineModels(models: LoadedModel[], lambdas: number[] = models.map(() => 1), labels: string[] = models.map((_, i) => `model ${i + 1}`)): LoadedModels {
  if (models.length === 0) throw new Error('no model to sample: give at least one');
  checkExponentCount(lambdas, models.length);
  checkExponents(lambdas);
  checkProduct(models, labels);
  const base = models[0];
  const single = models.length === 1 && lambdas[0] === 1;
  return {
    models,
    base,
    lambdas,
    potential: single ? base.potential : new SumPotential(models.map((m) => m.potential), lambdas),
    ...(single ? { dataset: DATASETS[base.meta.dataset.name], targetPower: 1 } : targetOf(models, lambdas)),
    defaultTOff: defaultTOff(models.map((m) => m.meta), base.sde),
    cutoff: describeCutoff(models.map((m) => m.meta), base.sde),
    dispose: () => models.forEach((m) => tf.dispose(m.weights)),
  };
}

function targetOf(models: LoadedModel[], lambdas: number[]): Pick<LoadedModels, 'dataset' | 'targetPower' | 'noTarget'> {
  const t = productTarget(models.map((m) => m.meta.dataset.name), lambdas);
  return { dataset: t.dataset, targetPower: t.power, noTarget: t.noTarget };
}

export interface Generated {
  /** Samples in data units. */
  points: Points;
  result: SampleResult;
  tOff: number;
}

/** Runs a sampler on loaded models; options default t_off from the checkpoints. */
export async function generate(m: LoadedModels, o: Omit<SampleOptions, 'potential' | 'sde'>): Promise<Generated> {
  const tOff = o.tOff ?? m.defaultTOff;
  const result = await sample({ ...o, tOff, potential: m.potential, sde: m.base.sde });
  return { points: unstandardize(result.points, m.base.meta.standardization), result, tOff };
}
