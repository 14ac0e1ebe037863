// Load checkpoints and run a sampler on them: what `npm run sample`, `npm run eval --model` and
// the benchmark share. The checkpoint decides the SDE, the standardisation and the default
// cut-off of the weights (sampling/cutoff.ts: a noise level from the checkpoint, as a t_off for its SDE).

import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../checkpoint.js';
import { defaultTOff, describeCutoff } from '../sampling/cutoff.js';
import { DATASETS, type Dataset, type Points } from '../data/datasets.js';
import { unstandardize } from '../data/standardize.js';
import { SumPotential, type Potential } from '../model/potential.js';
import { sample, type SampleOptions, type SampleResult } from '../sampling/sample.js';
import { loadModel } from './checkpointFiles.js';
import { checkProduct } from '../sampling/product.js';

export { IncompatibleModelsError } from '../sampling/product.js';

export interface LoadedModels {
  models: LoadedModel[];
  potential: Potential;
  base: LoadedModel;
  /** The built-in dataset the (single) model was trained on, if any. */
  dataset?: Dataset;
  defaultTOff: number;
  /** Where the weights act by default, in words. */
  cutoff: string;
  dispose(): void;
}

export async function loadModels(paths: string[]): Promise<LoadedModels> {
  const models: LoadedModel[] = [];
  for (const p of paths) models.push(await loadModel(p));
  checkProduct(models, paths);
  const base = models[0];
  return {
    models,
    base,
    potential: models.length === 1 ? base.potential : new SumPotential(models.map((m) => m.potential)),
    dataset: models.length === 1 ? DATASETS[base.meta.dataset.name] : undefined,
    defaultTOff: defaultTOff(models.map((m) => m.meta), base.sde),
    cutoff: describeCutoff(models.map((m) => m.meta), base.sde),
    dispose: () => models.forEach((m) => tf.dispose(m.weights)),
  };
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
