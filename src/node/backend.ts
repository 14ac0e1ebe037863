// Backend choice for Node entry points: auto = tfjs-node if it loads (an optional dependency
// that cannot install everywhere), else wasm, else cpu. The core never imports a backend;
// only CLIs and tests call this.

import * as tf from '@tensorflow/tfjs';

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

const loaders: Record<Exclude<BackendChoice, 'auto'>, () => Promise<unknown>> = {
  // A variable module name keeps bundlers and tsc from requiring the optional package.
  tensorflow: () => import(/* @vite-ignore */ ['@tensorflow', 'tfjs-node'].join('/')),
  wasm: () => import('@tensorflow/tfjs-backend-wasm'),
  cpu: async () => undefined,
};

async function tryBackend(name: Exclude<BackendChoice, 'auto'>): Promise<string | undefined> {
  try {
    await loaders[name]();
    if (!(await tf.setBackend(name))) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    return undefined;
  } catch (e) {
    return (e as Error).message.split('\n')[0];
  }
}

/** Selects and initialises a backend; returns its name. Throws when an explicit choice fails. */
export async function selectBackend(choice: string = 'auto'): Promise<string> {
  if (!(BACKENDS as readonly string[]).includes(choice)) {
    throw new Error(`unknown backend '${choice}'; valid names: ${BACKENDS.join(', ')}`);
  }
  tf.env().set('PROD', true);
  if (choice !== 'auto') {
    const err = await tryBackend(choice as Exclude<BackendChoice, 'auto'>);
    if (err) throw new Error(`backend '${choice}' is not available here: ${err}`);
    return tf.getBackend();
  }
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    if (!(await tryBackend(name))) return tf.getBackend();
  }
  throw new Error('no TensorFlow.js backend could be initialised');
}
