// Peak memory of a short wfr run at large N, in a process of its own so that nothing measured
// before it (wasm's heap never shrinks) counts: prints one JSON line with peak RSS, the wasm
// heap and the change in live tensors. Usage: memory.ts N DENSITY (binned | exact).
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../src/node/backend.js';
import { loadModels } from '../../src/node/generate.js';
import { sample } from '../../src/sampling/sample.js';
import type { DensityMethod } from '../../src/sampling/density.js';

const [n, density] = [Number(process.argv[2] ?? 20000), (process.argv[3] ?? 'binned') as DensityMethod];
await selectBackend('wasm');
const loaded = await loadModels(['models/eight-gaussians-imbalanced']);
const before = tf.memory().numTensors;
let peak = process.memoryUsage().rss;
await sample({
  potential: loaded.potential,
  sde: loaded.base.sde,
  sampler: 'wfr',
  n,
  steps: 4,
  seed: 1,
  tOff: 0,
  density,
  onStep: () => void (peak = Math.max(peak, process.memoryUsage().rss)),
});
const heapMB = (tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } }).wasm?.HEAPU8.buffer.byteLength ?? NaN;
console.log(JSON.stringify({ n, density, peakRssMB: peak / 2 ** 20, wasmHeapMB: heapMB / 2 ** 20, tensorGrowth: tf.memory().numTensors - before }));
