// Checkpoints from the file system (or exact:NAME) as one sampling target: what `npm run sample`,
// `npm run eval --model` and the benchmark load. Combining them and sampling is the core's
// (sampling/generate.ts), shared with the public API so both give the same samples.

import * as tf from '@tensorflow/tfjs';
import type { LoadedModel } from '../checkpoint.js';
import { combineModels, type LoadedModels } from '../sampling/generate.js';
import { loadModel } from './checkpointFiles.js';
import { exactModel, isExactSpec, type ExactModelOptions } from '../model/exactModel.js';

import { checkExponents } from '../sampling/product.js';

export { IncompatibleModelsError } from '../sampling/product.js';
export { generate, type Generated, type LoadedModels } from '../sampling/generate.js';

/**
 * `exact`: the SDE and frame of `exact:NAME` models (refused when no model is exact, since a
 * checkpoint brings its own).
 */
export async function loadModels(paths: string[], o: { lambdas?: number[]; exact?: ExactModelOptions } = {}): Promise<LoadedModels> {
  const lambdas = o.lambdas ?? paths.map(() => 1);
  checkExponents(lambdas, paths.length);
  if (o.exact && Object.values(o.exact).some((v) => v !== undefined) && !paths.some(isExactSpec)) {
    throw new Error('--sde, its parameters and --frame choose how an exact:NAME model is noised; a checkpoint brings its own');
  }
  const models: LoadedModel[] = [];
  try {
    for (const p of paths) models.push(isExactSpec(p) ? exactModel(p, o.exact) : await loadModel(p));
    return combineModels(models, lambdas, paths);
  } catch (e) {
    models.forEach((m) => tf.dispose(m.weights));
    throw e;
  }
}
