// The reference evaluation of a learned potential, for tests and the bench only: the same U as
// LearnedPotential, with the MLP's derivatives from plain tfjs ops — first derivatives by tfjs
// autodiff of the explicit backward pass, ΔU (and ∂ₜU with it) by the forward-mode jet. The
// fused ops of firstOrder.ts and secondOrder.ts are checked against it.

import * as tf from '@tensorflow/tfjs';
import { mlpJet, mlpValueAndGrad } from './mlp.js';
import { LearnedPotential, type MlpDerivatives, type MlpInputs, type Need } from './potential.js';

export class ReferencePotential extends LearnedPotential {
  protected override mlpDerivatives({ x, features: e, featuresDt: eDt, rows }: MlpInputs, need: Need): MlpDerivatives {
    const n = x.shape[0];
    const inDim = 2 + e.length / rows;
    const features = tf.tensor2d(e, [rows, inDim - 2]);
    if (!need.lap) {
      const r = mlpValueAndGrad(this.params, [x, features], [true, !!need.dt]);
      const out: MlpDerivatives = { value: r.value, gx: r.grads[0]! };
      if (need.dt) out.dt = r.grads[1]!.mul(tf.tensor2d(eDt, [rows, inDim - 2])).sum(1) as tf.Tensor1D;
      return out;
    }
    // Input tangents: one-hot rows for x₁, x₂, and [0, 0, emb'(t)] for t (one row when t is
    // shared, else one per row).
    const oneHot = (k: number) => tf.tensor2d(Float32Array.from({ length: inDim }, (_, j) => (j === k ? 1 : 0)), [1, inDim]);
    const derivs = [oneHot(0), oneHot(1)];
    if (need.dt) {
      const dIn = new Float32Array(rows * inDim);
      for (let i = 0; i < rows; i++) dIn.set(eDt.subarray(i * (inDim - 2), (i + 1) * (inDim - 2)), i * inDim + 2);
      derivs.push(tf.tensor2d(dIn, [rows, inDim]));
    }
    const jet = mlpJet(this.params, [x, features], derivs, true);
    const gx = tf.concat([jet.derivs[0].reshape([1, n]), jet.derivs[1].reshape([1, n])], 0).transpose() as tf.Tensor2D;
    return { value: jet.value, gx, dt: jet.derivs[2], lap: jet.lap };
  }
}
