// Backend choice for Node entry points: auto = tfjs-node if it loads (an optional dependency
// that cannot install everywhere), else wasm, else cpu. The core never imports a backend;
// only CLIs and tests call this.

import * as tf from '@tensorflow/tfjs';
import type { Knobs } from '../config/knobs.js';
import { prepareNodeWasmThreads, unrefWasmWorkers } from './wasmThreads.js';

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** The backend flags of every command (train, sample, eval). */
export const BACKEND_KNOBS = {
  backend: { kind: 'string', choices: BACKENDS, default: 'auto', help: 'TensorFlow.js backend: auto = tfjs-node if it loads, else wasm, else cpu' },
  threads: {
    kind: 'integer',
    default: 1,
    min: 1,
    max: 64,
    help: "wasm threads (1 = the plain build, bit-identical results; more starts wasm's threaded build: docs/speed.md)",
  },
} as const satisfies Knobs;

const loaders: Record<Exclude<BackendChoice, 'auto'>, () => Promise<unknown>> = {
  // A variable module name keeps bundlers and tsc from requiring the optional package.
  tensorflow: () => import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node'].join('/')),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: async () => undefined,
};

async function tryBackend(name: Exclude<BackendChoice, 'auto'>, threads: number): Promise<string | undefined> {
  let undo: (() => void) | undefined;
  try {
    const module = await loaders[name]();
    if (name === 'wasm' && threads > 1) {
      undo = prepareNodeWasmThreads(threads);
      (module as typeof import('@tensorflow/tfjs-backend-wasm')).setThreadsCount(threads);
    }
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    if (undo) unrefWasmWorkers();
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  } finally {
    undo?.();
  }
}

/** wasm's thread count once it has started (1 for the plain build); undefined for other backends. */
export async function wasmThreads(): Promise<number | undefined> {
  if (tf.getBackend() !== 'wasm') return undefined;
  return (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
}

/**
 * Selects and initialises a backend; returns its name. Throws when an explicit choice fails.
 * `threads` > 1 starts wasm's threaded build (once per process: the first start decides).
 */
export async function selectBackend(choice: string = 'auto', { threads = 1 }: { threads?: number } = {}): Promise<string> {
  if (!(BACKENDS as readonly string[]).includes(choice)) {
    throw new Error(`unknown backend '${choice}'; valid names: ${BACKENDS.join(', ')}`);
  }
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`threads (--threads) must be an integer from 1 to 64, got ${threads}`);
  tf.env().set('PROD', true);
  if (choice !== 'auto') {
    const err = await tryBackend(choice as Exclude<BackendChoice, 'auto'>, threads);
    if (err) throw new Error(`backend '${choice}' is not available here: ${err}`);
    return tf.getBackend();
  }
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    if (!(await tryBackend(name, threads))) return tf.getBackend();
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}
