// The package's Node entry, `wfr-score/node`: everything of the browser entry, with loadModel
// reading checkpoint directories from the file system and setBackend preferring tfjs-node
// (an optional install) over wasm. Local exports shadow the browser entry's of the same name.

import { modelOf, type Model } from '../api/model.js';
import { loadModel as loadFromUrl } from '../api/load.js';
import type { BackendInfo } from '../backend.js';
import { isExactSpec } from '../model/exactModel.js';
import { selectBackend, type BackendChoice } from './backend.js';
import { loadModel as loadFromDisk } from './checkpointFiles.js';

export * from '../index.js';

/**
 * Loads a checkpoint directory (or its model.json) from the file system; `http(s)://` URLs and
 * `exact:NAME` load as in the browser entry. The checkpoint is untrusted: its weights files must
 * be regular files inside its folder, of the sizes its manifest says.
 *
 * @example
 * ```ts
 * import { loadModel, setBackend } from 'wfr-score/node';
 * await setBackend();
 * const model = await loadModel('models/eight-gaussians-imbalanced');
 * const { points } = await model.sample({ sampler: 'wfr', steps: 50, seed: 1 });  // data units
 * ```
 */
export async function loadModel(source: string | URL): Promise<Model> {
  const s = String(source);
  if (isExactSpec(s) || /^https?:\/\//.test(s)) return loadFromUrl(s);
  const path = s.startsWith('file:') ? new URL(s).pathname : s;
  return modelOf(await loadFromDisk(path), s);
}

/**
 * Picks the backend as the CLIs do: 'auto' (default) is tfjs-node when it is installed, else
 * wasm, else cpu; a named one ('tensorflow', 'wasm', 'cpu') throws when it cannot start.
 *
 * @example
 * ```ts
 * import { setBackend } from 'wfr-score/node';
 * const { name } = await setBackend({ backend: 'wasm' });
 * ```
 */
export async function setBackend(o: { backend?: BackendChoice } = {}): Promise<BackendInfo> {
  return { name: await selectBackend(o.backend ?? 'auto'), timings: {}, failures: {} };
}
