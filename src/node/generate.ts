// Checkpoints from the file system (or exact:NAME) as one sampling target: what `npm run sample`,
// `npm run eval --model` and the benchmark load. Combining them and sampling is the core's
// (sampling/generate.ts), shared with the public API so both give the same samples.

import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../checkpoint.js';
import { combineModels, type LoadedModels } from '../sampling/generate.js';
import { loadModel } from './checkpointFiles.js';
import { guideModel, parseClass } from '../sampling/guidance.js';
import { exactModel, isExactSpec, type ExactModelOptions } from '../model/exactModel.js';

import { checkExponentCount } from '../sampling/product.js';

/** --class (a label, or a set of components of an exact mixture) and --guidance w. */
export interface GuidanceFlags {
  class: string;
  w: number;
}

export { IncompatibleModelsError } from '../sampling/product.js';
export { generate, type Generated, type LoadedModels } from '../sampling/generate.js';

/**
 * `exact`: the SDE and frame of `exact:NAME` models (refused when no model is exact, since a
 * checkpoint brings its own).
 */
export async function loadModels(paths: string[], o: { lambdas?: number[]; exact?: ExactModelOptions; guidance?: GuidanceFlags } = {}): Promise<LoadedModels> {
  const lambdas = o.lambdas ?? paths.map(() => 1);
  checkExponentCount(lambdas, paths.length);
  if (o.exact && Object.values(o.exact).some((v) => v !== undefined) && !paths.some(isExactSpec)) {
    throw new Error('--sde, its parameters and --frame choose how an exact:NAME model is noised; a checkpoint brings its own');
  }
  const models: LoadedModel[] = [];
  try {
    for (const p of paths) models.push(isExactSpec(p) ? exactModel(p, o.exact) : await loadModel(p));
    if (o.guidance) {
      if (paths.length !== 1 || o.lambdas) throw new Error('--class and --guidance guide one class-conditional --model (itself a product with exponents w and 1 − w), without --lambda');
      return guideModel(models[0], { classes: parseClass(o.guidance.class, models[0], paths[0]), w: o.guidance.w }, paths[0]);
    }
    return combineModels(models, lambdas, paths);
  } catch (e) {
    models.forEach((m) => tf.dispose(m.weights));
    throw e;
  }
}
