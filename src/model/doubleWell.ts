// The exact potential of the double-well data, U(z) = V(x) + y²/(2·0.75²) with (x, y) the data
// coordinates of the standardised z: the t → 0 limit of −log p_t, time-independent. It lets the
// metastability experiment (sampling/metastability.ts) run without a trained model.

import * as tf from '@tensorflow/tfjs';
import { DOUBLE_WELL_GRID, DOUBLE_WELL_Y_STD, doubleWellV } from '../data/datasets.js';
import type { Standardization } from '../data/standardize.js';
import type { Need, Potential, PotentialValues } from './potential.js';

export class DoubleWellPotential implements Potential {
  constructor(readonly s: Standardization) {}

  evaluate(z: tf.Tensor2D, _t: number | Float32Array, need: Need = {}): PotentialValues {
    const { mean, scale } = this.s;
    const vy = DOUBLE_WELL_Y_STD ** 2;
    const x = z.slice([0, 0], [-1, 1]).reshape([-1]).mul(scale).add(mean[0]) as tf.Tensor1D;
    const y = z.slice([0, 1], [-1, 1]).reshape([-1]).mul(scale).add(mean[1]) as tf.Tensor1D;
    // V = 4(x²/4 − 1)² − x/4, V′ = x³ − 4x − 1/4, V″ = 3x² − 4; d/dz = scale·d/dx.
    const x2 = x.square();
    const u = x2.div(4).sub(1).square().mul(4).sub(x.mul(0.25)).add(y.square().div(2 * vy)) as tf.Tensor1D;
    const grad = tf.stack([x2.mul(x).sub(x.mul(4)).sub(0.25), y.div(vy)], 1).mul(scale) as tf.Tensor2D;
    const out: PotentialValues = { u, grad };
    if (need.lap) out.lap = x2.mul(3).sub(4).add(1 / vy).mul(scale * scale) as tf.Tensor1D;
    if (need.dt) out.dt = tf.zerosLike(u);
    return out;
  }
}

/** Left-well (x < 0) mass of exp(−β·V(x)) by the trapezoid rule: the y factor cancels. */
export function doubleWellLeftMass(beta: number): number {
  const { lo, hi } = DOUBLE_WELL_GRID;
  const n = 20_001;
  const dx = (hi - lo) / (n - 1);
  let [left, total] = [0, 0];
  for (let i = 0; i < n; i++) {
    const x = lo + i * dx;
    const w = Math.exp(-beta * doubleWellV(x)) * (i === 0 || i === n - 1 ? 0.5 : 1);
    total += w;
    if (x < 0) left += w;
  }
  return left / total;
}
