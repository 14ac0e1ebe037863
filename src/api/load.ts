// Getting a public Model: a checkpoint over HTTP or from files a user picked (browser-safe; the
// Node entry adds directories), or the exact potential of a built-in mixture.

import { loadModelFromFiles, loadModelFromUrl } from '../checkpoint.js';
import type { Standardization } from '../data/standardize.js';
import { EXACT_PREFIX, exactModel as exactLoaded, isExactSpec } from '../model/exactModel.js';
import type { SdeParams } from '../sde.js';
import { modelOf, type Model } from './model.js';

/** A checkpoint URL (its model.json, or the folder holding it, ending in '/'), or the files of a checkpoint folder. */
export type ModelSource = string | URL | File[] | FileList;

/**
 * Loads a checkpoint: a `model.json` URL (its weights files are fetched from beside it), a
 * folder URL ending in '/', files from `<input type="file" multiple>` (model.json and its
 * weights .bin; other files of the folder are ignored), or `exact:NAME` for
 * {@link exactModel}. The checkpoint is untrusted: its weights paths must be plain names beside
 * model.json and their sizes what the manifest says.
 *
 * @example
 * ```ts
 * import { loadModel, setBackend } from 'wfr-score';
 * await setBackend();
 * const model = await loadModel('/models/eight-gaussians-imbalanced/model.json');
 * const { points } = await model.sample({ steps: 50, seed: 1 });   // data units, cut-off applied
 * ```
 */
export async function loadModel(source: ModelSource): Promise<Model> {
  if (typeof source !== 'string' && !(source instanceof URL)) {
    const files = Array.from(source);
    return modelOf(await loadModelFromFiles(files), files.find((f) => f.name.endsWith('.json'))?.name ?? 'files');
  }
  const url = String(source);
  if (isExactSpec(url)) return exactModel(url.slice(EXACT_PREFIX.length));
  return modelOf(await loadModelFromUrl(url.endsWith('/') ? url + 'model.json' : url), url);
}

/** How an exact model is noised and in which coordinates (a checkpoint brings its own). */
export interface ExactOptions {
  /** Forward SDE: 'vp' (default), 'subvp', 've', 've0'. */
  sde?: string;
  /** The SDE's parameters (betaMin, betaMax, sigmaMin, sigmaMax), as the train flags. */
  sdeParams?: SdeParams;
  /**
   * Model coordinates: 'data' (default: the frame training would fit to the law's data),
   * 'standard' (the data's own units), a frame {mean, scale}, or a model whose frame to share
   * (to multiply the exact model with it).
   */
  frame?: 'data' | 'standard' | Standardization | Model;
}

/**
 * The exact noised potential of a built-in Gaussian mixture (what `--model exact:NAME` samples):
 * compare samplers without training. Its weights act at every step (cut-off 0).
 *
 * @example
 * ```ts
 * import { exactModel, evaluate } from 'wfr-score';
 * const exact = exactModel('eight-gaussians-imbalanced', { sde: 'vp' });
 * const s = await exact.sample({ sampler: 'wfr', steps: 20, n: 2000 });
 * console.log(evaluate(s, exact).modes?.error);
 * ```
 */
export function exactModel(name: string, o: ExactOptions = {}): Model {
  const f = o.frame;
  const frame = f === undefined || f === 'data' ? undefined : f === 'standard' ? { mean: [0, 0] as [number, number], scale: 1 } : 'meta' in f ? f.meta.standardization : f;
  const spec = isExactSpec(name) ? name : EXACT_PREFIX + name;
  return modelOf(exactLoaded(spec, { sde: o.sde, sdeParams: o.sdeParams, frame }), spec);
}
