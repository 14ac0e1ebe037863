// Potential values as the sampling loop handles them: evaluated in row blocks (bounded memory),
// gathered by ancestor index after resampling, disposed together.

import * as tf from '@tensorflow/tfjs';
import type { Need, Potential, PotentialValues } from '../model/potential.js';

/**
 * Rows per potential evaluation. An evaluation with ΔU holds ~60 [rows, 128] intermediates at
 * its peak, and wasm's heap never shrinks: measured at N = 20000 (wfr), 634 MB of heap in one
 * block against 144 MB in blocks of 4096; the cost per particle is the same.
 */
export const EVAL_ROWS = 4096;

/** Evaluates a potential in row blocks and keeps the result out of any enclosing tidy. */
export function evaluateInBlocks(p: Potential, x: tf.Tensor2D, t: number, need: Need, blockRows = EVAL_ROWS): PotentialValues {
  const n = x.shape[0];
  const once = (rows: () => tf.Tensor2D) => tf.tidy(() => p.evaluate(rows(), t, need) as unknown as tf.TensorContainer) as unknown as PotentialValues;
  if (n <= blockRows) return once(() => x);
  const parts: PotentialValues[] = [];
  for (let i = 0; i < n; i += blockRows) parts.push(once(() => x.slice([i, 0], [Math.min(blockRows, n - i), 2])));
  const joined = tf.tidy(() => {
    const cat = <T extends tf.Tensor>(pick: (v: PotentialValues) => T | undefined) => (pick(parts[0]) ? (tf.concat(parts.map((v) => pick(v)!)) as T) : undefined);
    return { u: cat((v) => v.u)!, grad: cat((v) => v.grad)!, lap: cat((v) => v.lap), dt: cat((v) => v.dt) } as unknown as tf.TensorContainer;
  }) as unknown as PotentialValues;
  parts.forEach(disposeValues);
  return joined;
}

/**
 * Rows idx of a float32 tensor, gathered in JS: resampling moves every particle's values each
 * wfr step, and wasm's gather kernel is ~8× slower than this loop (bench: single-op costs).
 */
export function gatherRows<T extends tf.Tensor>(t: T, idx: Int32Array): T {
  const src = t.dataSync();
  const width = t.size / t.shape[0];
  const out = new Float32Array(idx.length * width);
  for (let i = 0; i < idx.length; i++) for (let j = 0; j < width; j++) out[i * width + j] = src[idx[i] * width + j];
  return tf.tensor(out, [idx.length, ...t.shape.slice(1)]) as T;
}

export function gatherValues(v: PotentialValues, idx: Int32Array): PotentialValues {
  const out: PotentialValues = { u: gatherRows(v.u, idx), grad: gatherRows(v.grad, idx) };
  if (v.lap) out.lap = gatherRows(v.lap, idx);
  if (v.dt) out.dt = gatherRows(v.dt, idx);
  return out;
}

export const disposeValues = (v: PotentialValues | undefined) => v && tf.dispose([v.u, v.grad, v.lap ?? [], v.dt ?? []]);
