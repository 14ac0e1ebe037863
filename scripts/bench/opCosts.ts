// Costs of single tfjs operations on the current backend that shaped the fused ops and the
// sampler (README "Findings"): median ms of each, a fresh input per call as in a real step.

import * as tf from '@tensorflow/tfjs';
import { transposeRows } from '../../src/model/firstOrder.js';
import { logKernelDensityBinned } from '../../src/sampling/density.js';
import { gatherRows } from '../../src/sampling/sample.js';
import { Rng } from '../../src/rng.js';
import { median } from '../../src/stats.js';

export interface OpCost {
  what: string;
  ms: number;
}

/**
 * Median ms of op(input) over `reps` calls after 3 warm-up calls. The input is made fresh for
 * each call, outside the timing (activations are new tensors in every step, and wasm caches
 * per tensor); wasm runs synchronously, so the op's time is the call's.
 */
export function timeIt<T>(fresh: () => T, op: (input: T) => unknown, reps: number): number {
  const ts: number[] = [];
  for (let i = 0; i < reps + 3; i++) {
    tf.tidy(() => {
      const input = fresh();
      const t0 = performance.now();
      op(input);
      if (i >= 3) ts.push(performance.now() - t0);
    });
  }
  return median(ts);
}

/**
 * Median ms of one [rows, w]·[w, w] matMul with a fresh left operand: the unit of arithmetic
 * the step costs are counted in (a step's floor is a count of these).
 */
export function matMulMs(rows: number, w: number, reps = 20): number {
  const rng = new Rng(0, 'matmul-unit');
  const [act, weight] = [tf.tensor2d(rng.normals(new Float32Array(rows * w)), [rows, w]), tf.tensor2d(rng.normals(new Float32Array(w * w)), [w, w])];
  const ms = timeIt(() => act.add(0) as tf.Tensor2D, (a) => tf.matMul(a, weight), reps);
  tf.dispose([act, weight]);
  return ms;
}

export function measureOpCosts(quick: boolean): OpCost[] {
  const reps = quick ? 3 : 25;
  const rng = new Rng(0, 'op-costs');
  const rand = (shape: [number, number]) => tf.tensor2d(rng.normals(new Float32Array(shape[0] * shape[1])), shape);
  const [w, act, actT, big, rows4000] = [rand([128, 128]), rand([1024, 128]), rand([128, 1024]), rand([4000, 128]), rand([4000, 2])];
  const bias = tf.tensor1d(rng.normals(new Float32Array(128)));
  const copy = (t: tf.Tensor2D) => () => t.add(0) as tf.Tensor2D;
  const idx = Int32Array.from({ length: 4000 }, (_, i) => (i * 7919) % 4000);
  const [x, c] = [rng.normals(new Float32Array(8000)), rng.normals(new Float32Array(8000))];
  const none = () => undefined;
  const out: OpCost[] = [
    { what: '[1024,128]·[128,128], weight on the right', ms: timeIt(copy(act), (a) => tf.matMul(a, w), reps) },
    { what: 'the same with transposeB (tfjs’s default matMul gradient form)', ms: timeIt(copy(act), (a) => tf.matMul(a, w, false, true), reps) },
    { what: '[128,128]·[128,1024] (feature-major layout)', ms: timeIt(copy(actT), (a) => tf.matMul(w, a), reps) },
    { what: '[1,128]·[128,1024] (a one-row product, feature-major layout)', ms: timeIt(copy(actT), (a) => tf.matMul(tf.ones([1, 128]), a), reps) },
    { what: '[1024,128]·[128,1] (the same product, row layout)', ms: timeIt(copy(act), (a) => tf.matMul(a, tf.ones([128, 1])), reps) },
    { what: '[4000,128]·[128,128] + bias: matMul, then add', ms: timeIt(copy(big), (a) => tf.matMul(a, w).add(bias), reps) },
    { what: 'the same as tf.fused.matMul with the bias', ms: timeIt(copy(big), (a) => tf.fused.matMul({ a, b: w, bias }), reps) },
    { what: 'transpose [1024,128] (rows a power of two)', ms: timeIt(copy(act), (a) => a.transpose(), reps) },
    { what: 'the same by transposeRows (a 3D transpose)', ms: timeIt(copy(act), (a) => transposeRows(a), reps) },
    { what: 'transpose [4000,128]', ms: timeIt(copy(big), (a) => a.transpose(), reps) },
    { what: 'tf.gather of 4000 rows of [4000,2]', ms: timeIt(copy(rows4000), (a) => tf.gather(a, tf.tensor1d(idx, 'int32')), reps) },
    { what: 'the same gathered in JS (gatherRows)', ms: timeIt(copy(rows4000), (a) => gatherRows(a, idx), reps) },
    { what: 'binned ρ̂, N = 4000, b = 0.3', ms: timeIt(none, () => logKernelDensityBinned(x, c, 0.3), reps) },
    { what: 'binned ρ̂, N = 4000, b = 0.1 (the default floor b_min)', ms: timeIt(none, () => logKernelDensityBinned(x, c, 0.1), reps) },
  ];
  tf.dispose([w, act, actT, big, rows4000, bias]);
  return out;
}
