// The package's Node entry, `wfr-score/node`: everything of the browser entry, with loadModel
// reading checkpoint directories from the file system, setBackend preferring tfjs-node
// (an optional install) over wasm, and train writing the checkpoint to a directory. Local
// exports shadow the browser entry's of the same name.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { modelOf, type Model } from '../api/model.js';
import { loadModel as loadFromUrl } from '../api/load.js';
import { train as trainInMemory, type Trained, type TrainHooks, type TrainOptions } from '../api/train.js';
import type { BackendInfo } from '../backend.js';
import { isExactSpec } from '../model/exactModel.js';
import { selectBackend, wasmThreads, type BackendChoice } from './backend.js';
import { loadModel as loadFromDisk } from './checkpointFiles.js';
import { writeFileAtomic } from './files.js';

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
 * `threads` > 1 starts wasm's threaded build with that many threads (the first call decides).
 *
 * @example
 * ```ts
 * import { setBackend } from 'wfr-score/node';
 * const { name, threads } = await setBackend({ backend: 'wasm', threads: 2 });
 * ```
 */
export async function setBackend(o: { backend?: BackendChoice; threads?: number } = {}): Promise<BackendInfo> {
  const name = await selectBackend(o.backend ?? 'auto', { threads: o.threads ?? 1 });
  return { name, timings: {}, failures: {}, threads: await wasmThreads() };
}

/**
 * Trains as the browser entry's `train` does (the options and weights of `npm run train`), and
 * with `out` also writes the checkpoint there (model.json + weights; no state.bin, so it cannot
 * be resumed), ready for `loadModel(out)` or `npm run sample -- --model out`.
 *
 * @example
 * ```ts
 * import { train } from 'wfr-score/node';
 * const { model } = await train({ dataset: 'two-moons', steps: 3000, timeScoreSteps: 0 }, { out: 'out/models/moons' });
 * ```
 */
export async function train(options: TrainOptions = {}, hooks: TrainHooks & { out?: string } = {}): Promise<Trained> {
  const trained = await trainInMemory(options, hooks);
  if (hooks.out) {
    mkdirSync(hooks.out, { recursive: true });
    writeFileAtomic(join(hooks.out, trained.checkpoint.weightsName), new Uint8Array(trained.checkpoint.weights));
    writeFileAtomic(join(hooks.out, 'model.json'), trained.checkpoint.modelJson);
  }
  return trained;
}
